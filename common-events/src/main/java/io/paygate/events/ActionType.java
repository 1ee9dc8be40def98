package io.paygate.events;

/** What a {@link PaymentActionCommand} asks the bank to do with an approved authorisation. */
public enum ActionType {
    /** Take some or all of the authorised money; a final capture releases what it does not take. */
    CAPTURE,
    /** Release an authorisation nothing was captured from. */
    VOID,
    /** Give back some or all of what was captured. */
    REFUND
}
