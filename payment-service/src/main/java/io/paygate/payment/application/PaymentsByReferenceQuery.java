package io.paygate.payment.application;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A merchant's valid request for its payments with one reference, a page at a time (Checkout.com's "get payment
 * lists"). It cannot exist invalid: {@link #from} reports every invalid parameter at once.
 *
 * @param limit how many payments a page holds, 1 to {@link #MAX_LIMIT}
 * @param skip  how many of the newest payments come before the page
 */
public record PaymentsByReferenceQuery(String reference, int limit, int skip) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    public PaymentsByReferenceQuery {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("A reference is required");
        }
        if (limit < 1 || limit > MAX_LIMIT || skip < 0) {
            throw new IllegalArgumentException("Limit 1-" + MAX_LIMIT + " and skip from 0");
        }
    }

    /**
     * @param limit the query parameter as sent, or {@code null} for {@link #DEFAULT_LIMIT}
     * @param skip  the query parameter as sent, or {@code null} for 0
     * @throws RequestInvalidException listing every invalid parameter
     */
    public static PaymentsByReferenceQuery from(String reference, String limit, String skip) {
        Set<ValidationError> errors = EnumSet.noneOf(ValidationError.class);
        if (reference == null || reference.isBlank()) {
            errors.add(ValidationError.REFERENCE_REQUIRED);
        } else if (RequestFields.codePoints(reference) > RequestFields.MAX_REFERENCE_LENGTH) {
            errors.add(ValidationError.REFERENCE_INVALID);
        }
        long validLimit = limit == null ? DEFAULT_LIMIT : number(limit);
        if (validLimit < 1 || validLimit > MAX_LIMIT) {
            errors.add(ValidationError.PAGING_LIMIT_INVALID);
        }
        long validSkip = skip == null ? 0 : number(skip);
        if (validSkip < 0 || validSkip > Integer.MAX_VALUE) {
            errors.add(ValidationError.PAGING_SKIP_INVALID);
        }
        if (!errors.isEmpty()) {
            throw new RequestInvalidException(errors);
        }
        return new PaymentsByReferenceQuery(reference, (int) validLimit, (int) validSkip);
    }

    /** The parameter's value; -1 when it is not a whole number that fits ten digits. */
    private static long number(String text) {
        return DIGITS.matcher(text).matches() ? Long.parseLong(text) : -1;
    }
}
