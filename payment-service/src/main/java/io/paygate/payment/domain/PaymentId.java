package io.paygate.payment.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** A payment's id, {@code pay_} and 26 characters of {@code [a-z2-7]}. */
public record PaymentId(String value) {

    private static final String PREFIX = "pay_";
    private static final Pattern SHAPE = RandomIdentifier.pattern(PREFIX);

    public PaymentId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a payment id: " + value);
        }
    }

    public static PaymentId generate() {
        return new PaymentId(RandomIdentifier.next(PREFIX));
    }

    /** Reads an id from outside (a URL, a message); empty when it cannot be one of ours. */
    public static Optional<PaymentId> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new PaymentId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
