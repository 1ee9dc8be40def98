package io.paygate.piggybank.model;

/** What the issuer says to an authorisation request: a decision, or that it cannot be reached. */
public sealed interface IssuerAnswer permits Authorization, IssuerUnavailable {
}
