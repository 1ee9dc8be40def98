package io.paygate.acquirer.support.domain;

/** How a request to undo a payment's authorisation at the bank ended. */
public enum ReversalOutcome {

    /** The bank undid the approved authorisation, or had already: reversing is idempotent. */
    REVERSED,

    /** The bank holds no approved authorisation for the payment, so nothing is owed. */
    NOTHING_TO_REVERSE,

    /** No answer from the bank, also after retrying, or its circuit breaker is open: the reversal is still owed. */
    BANK_UNAVAILABLE
}
