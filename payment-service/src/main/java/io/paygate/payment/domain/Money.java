package io.paygate.payment.domain;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An amount in the minor unit of its currency (pence for GBP, yen for JPY), so that no amount is ever rounded.
 *
 * @param amount   minor units, from 1 to {@link #MAX_AMOUNT}
 * @param currency ISO 4217 alphabetic code
 */
public record Money(long amount, String currency) {

    /** The largest amount Checkout.com accepts: ten digits. */
    public static final long MAX_AMOUNT = 9_999_999_999L;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    public Money {
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException("Amount must be between 1 and " + MAX_AMOUNT + " minor units");
        }
        if (!isIsoCurrency(currency)) {
            throw new IllegalArgumentException("Not an ISO 4217 currency: " + currency);
        }
    }

    /** Whether the text is an upper-case ISO 4217 alphabetic code. */
    public static boolean isIsoCurrency(String code) {
        return code != null && CODE.matcher(code).matches() && ISO_CODES.contains(code);
    }
}
