package io.paygate.payment.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Identifiers in Checkout.com's shape: a prefix and 26 characters of base32 ({@code [a-z2-7]}), 130 random bits,
 * drawn from a {@link SecureRandom} so that an id cannot be guessed from another.
 */
final class RandomIdentifier {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIdentifier() {
    }

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    static Pattern pattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "[a-z2-7]{" + LENGTH + "}");
    }
}
