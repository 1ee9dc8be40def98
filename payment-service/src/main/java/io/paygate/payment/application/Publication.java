package io.paygate.payment.application;

/** What became of a message handed to the broker. Only {@link #CONFIRMED} means its consumer will see it. */
public enum Publication {
    /** The broker stored the message for its consumer. */
    CONFIRMED,
    /** No queue takes the message: its consumer (the acquirer adapter) has never run. */
    UNROUTABLE,
    /** The broker refused the message. */
    REJECTED,
    /** No answer from the broker in time, or no broker: the message may or may not have gone out. */
    UNCONFIRMED
}
