package io.paygate.piggybank.model;

/**
 * A failure the simulator puts in front of the issuer for tests and benchmarks. The request is answered 503 and
 * never decided, so its idempotency key stays free and a retry is evaluated afresh.
 */
public enum InjectedFault {
    /** The bank-down switch turned the request away at once. */
    BANK_DOWN,
    /** The unavailable rate picked the request for a 503. */
    UNAVAILABLE,
    /** The hang rate picked the request to get no answer until after the caller's timeout. */
    HANG
}
