package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;

import java.util.List;

/**
 * One page of the payments that match a query, newest first.
 *
 * @param totalCount how many payments match, on every page together
 */
public record PaymentPage(List<Payment> payments, long totalCount) {

    public PaymentPage {
        payments = List.copyOf(payments);
    }
}
