package io.paygate.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a {@link PaymentEvent} reports, by the names Checkout.com gives its webhook events. */
public enum PaymentEventType {
    /** The bank approved the authorisation. */
    PAYMENT_APPROVED,
    /** The bank, the acquirer or the gateway (no answer in time) declined the authorisation. */
    PAYMENT_DECLINED,
    /** The payment is still waiting for its bank's answer when the gateway first sends its command again. */
    PAYMENT_PENDING,
    /** The end of the authorisation's lifetime released what nobody captured. */
    PAYMENT_EXPIRED,
    PAYMENT_CAPTURED,
    PAYMENT_CAPTURE_DECLINED,
    PAYMENT_VOIDED,
    PAYMENT_VOID_DECLINED,
    PAYMENT_REFUNDED,
    PAYMENT_REFUND_DECLINED;

    /** Every event's wire name, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(PaymentEventType::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact wire names only: {@code PAYMENT_APPROVED} is not an event type, as it is not on Checkout.com. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    public static PaymentEventType fromWireName(String name) {
        if (!isKnown(name)) {
            throw new IllegalArgumentException("Unknown event type " + name);
        }
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
