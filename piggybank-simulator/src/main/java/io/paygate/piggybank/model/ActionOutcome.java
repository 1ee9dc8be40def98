package io.paygate.piggybank.model;

/**
 * What the bank makes of a capture, void or refund: a decision, or no payment to act on, or an idempotency key
 * already used for another action.
 */
public sealed interface ActionOutcome permits ActionAnswer, ActionOutcome.UnknownPayment, ActionOutcome.KeyReused {

    /** No approved authorisation is remembered for the payment key: unknown, declined, or forgotten. */
    record UnknownPayment() implements ActionOutcome {
    }

    /** The action's key was first used for another payment or another action; nothing was done. */
    record KeyReused() implements ActionOutcome {
    }
}
