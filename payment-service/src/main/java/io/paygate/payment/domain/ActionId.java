package io.paygate.payment.domain;

import java.util.regex.Pattern;

/** The id of one action on a payment (here, its authorisation), {@code act_} and 26 characters of {@code [a-z2-7]}. */
public record ActionId(String value) {

    private static final String PREFIX = "act_";
    private static final Pattern SHAPE = RandomIdentifier.pattern(PREFIX);

    public ActionId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an action id: " + value);
        }
    }

    public static ActionId generate() {
        return new ActionId(RandomIdentifier.next(PREFIX));
    }

    @Override
    public String toString() {
        return value;
    }
}
