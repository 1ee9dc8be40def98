package io.paygate.merchant.admin;

import io.paygate.merchant.web.RequestInvalidException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The page a list request asks for, as Checkout.com's lists take it: {@code limit} and {@code skip}. */
record Paging(int limit, int skip) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** Up to 9 digits: anything longer is out of range anyway, and parsing it could overflow. */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    /**
     * The page of the query parameters, each defaulted when absent. Parsed here rather than bound as numbers by
     * Spring, so that a bad value answers 422 with every paging error at once, like any other invalid field.
     */
    static Paging of(String limit, String skip) {
        List<String> errorCodes = new ArrayList<>();
        int pageSize = parse(limit, DEFAULT_LIMIT);
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            errorCodes.add("paging_limit_invalid");
        }
        int skipped = parse(skip, 0);
        if (skipped < 0) {
            errorCodes.add("paging_skip_invalid");
        }
        if (!errorCodes.isEmpty()) {
            throw new RequestInvalidException(errorCodes);
        }
        return new Paging(pageSize, skipped);
    }

    /** The number, its default when absent, or -1 when it is not a number. */
    private static int parse(String value, int absent) {
        if (value == null) {
            return absent;
        }
        return NUMBER.matcher(value).matches() ? Integer.parseInt(value) : -1;
    }
}
