package io.paygate.webhook.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The payment events an endpoint may subscribe to, by the names Checkout.com gives them. */
public enum EventType {
    PAYMENT_APPROVED,
    PAYMENT_DECLINED,
    PAYMENT_PENDING,
    PAYMENT_EXPIRED,
    PAYMENT_CAPTURED,
    PAYMENT_CAPTURE_DECLINED,
    PAYMENT_VOIDED,
    PAYMENT_VOID_DECLINED,
    PAYMENT_REFUNDED,
    PAYMENT_REFUND_DECLINED;

    /** Every event's wire name, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(EventType::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact wire names only: {@code PAYMENT_APPROVED} is not an event type, as it is not on Checkout.com. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }
}
