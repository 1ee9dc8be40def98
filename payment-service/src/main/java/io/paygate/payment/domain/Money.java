package io.paygate.payment.domain;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An amount in the minor unit of its currency, so that no amount is ever rounded or scaled: each currency has its own
 * minor unit ({@code 1050} is £10.50 in GBP, ¥1050 in JPY, which has no smaller unit, and 1.050 dinars in BHD).
 *
 * @param amount   minor units, from 1 to {@link #MAX_AMOUNT}
 * @param currency ISO 4217 alphabetic code
 */
public record Money(long amount, String currency) {

    /** The largest amount Checkout.com accepts: ten digits. */
    public static final long MAX_AMOUNT = 9_999_999_999L;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    // Codes without a minor unit (gold, SDR, XXX ...) are not money a card can pay in: an amount in their
    // "minor units" would mean nothing.
    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .filter(currency -> currency.getDefaultFractionDigits() >= 0)
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

    /** Whether the text is the upper-case ISO 4217 alphabetic code of a currency with a minor unit. */
    public static boolean isIsoCurrency(String code) {
        return code != null && CODE.matcher(code).matches() && ISO_CODES.contains(code);
    }
}
