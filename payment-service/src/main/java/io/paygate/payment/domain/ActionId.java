package io.paygate.payment.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one action on a payment (its authorisation, a capture, a void or a refund), {@code act_} and 26 characters
 * of {@code [a-z2-7]}.
 */
public record ActionId(String value) {

    private static final String PREFIX = "act_";
    private static final Pattern SHAPE = RandomIdentifier.pattern(PREFIX);

    public ActionId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an action id: " + value);
        }
    }

    /** The action id the text is, or empty when it is not one. */
    public static Optional<ActionId> parse(String value) {
        return value != null && SHAPE.matcher(value).matches() ? Optional.of(new ActionId(value)) : Optional.empty();
    }

    public static ActionId generate() {
        return new ActionId(RandomIdentifier.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
