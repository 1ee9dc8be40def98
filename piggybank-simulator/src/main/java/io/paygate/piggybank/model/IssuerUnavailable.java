package io.paygate.piggybank.model;

/** The issuer could not be reached; nothing was decided, so a retry is evaluated afresh. */
public record IssuerUnavailable() implements IssuerAnswer {
}
