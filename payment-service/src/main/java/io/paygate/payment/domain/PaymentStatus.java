package io.paygate.payment.domain;

import java.util.Arrays;

/**
 * Where a payment stands, as Checkout.com spells it. {@link #PENDING} until the acquirer answers the authorisation,
 * then {@link #DECLINED} for good, or {@link #AUTHORIZED} and on through the actions the bank approves: captures,
 * a void, refunds, or the gateway voiding an authorisation nobody captured in time ({@link #EXPIRED}).
 */
public enum PaymentStatus {
    PENDING("Pending"),
    AUTHORIZED("Authorized"),
    DECLINED("Declined"),
    CAPTURED("Captured"),
    PARTIALLY_CAPTURED("Partially Captured"),
    VOIDED("Voided"),
    REFUNDED("Refunded"),
    PARTIALLY_REFUNDED("Partially Refunded"),
    EXPIRED("Expired");

    private final String label;

    PaymentStatus(String label) {
        this.label = label;
    }

    /** The Checkout.com-compatible name, as the API shows and the store keeps it. */
    public String label() {
        return label;
    }

    /** Whether a payment in this status had its authorisation approved. */
    public boolean authorized() {
        return this != PENDING && this != DECLINED;
    }

    public static PaymentStatus fromLabel(String label) {
        return Arrays.stream(values())
                .filter(status -> status.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown payment status " + label));
    }
}
