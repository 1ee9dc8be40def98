package io.paygate.payment.domain;

import java.util.Arrays;

/** Where a payment stands. Only {@link #PENDING} may change; the other two are final. */
public enum PaymentStatus {
    PENDING("Pending"),
    AUTHORIZED("Authorized"),
    DECLINED("Declined");

    private final String label;

    PaymentStatus(String label) {
        this.label = label;
    }

    /** The Checkout.com-compatible name, as the API shows and the store keeps it. */
    public String label() {
        return label;
    }

    public static PaymentStatus fromLabel(String label) {
        return Arrays.stream(values())
                .filter(status -> status.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown payment status " + label));
    }
}
