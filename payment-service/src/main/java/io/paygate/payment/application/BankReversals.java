package io.paygate.payment.application;

import java.time.Duration;

/**
 * Asks the acquirers to have the bank reverse authorisations the gateway will never use. The acquirer adapter calls
 * the bank and retries until the bank acknowledges; for payment-service a reversal is done once the broker holds it.
 */
public interface BankReversals {

    /** Hands the reversal to the payment's acquirer and waits, at most {@code confirmWithin}, for the broker. */
    Publication requestReversal(ReversalRequest reversal, Duration confirmWithin);
}
