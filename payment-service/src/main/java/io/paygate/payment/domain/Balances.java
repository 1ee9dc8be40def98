package io.paygate.payment.domain;

/**
 * What a payment's money stands at, in minor units, as Checkout.com reports it. Totals count what the bank approved;
 * the {@code availableTo} amounts also set aside what pending actions will take, so that no two actions can together
 * take more than the balance.
 */
public record Balances(long totalAuthorized, long totalVoided, long availableToVoid, long totalCaptured,
                       long availableToCapture, long totalRefunded, long availableToRefund) {
}
