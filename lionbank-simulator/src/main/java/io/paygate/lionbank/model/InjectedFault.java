package io.paygate.lionbank.model;

/** A failure the simulator puts in front of the issuer; the request is never decided, so a retry is evaluated afresh. */
public enum InjectedFault {
    /** The drop rate picked the request: read, never answered. */
    DROPPED,
    /** The close rate picked the request: its connection was closed before any answer. */
    CONNECTION_CLOSED
}
