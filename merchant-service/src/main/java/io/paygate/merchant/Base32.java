package io.paygate.merchant;

import java.security.SecureRandom;

/**
 * Random text over the lower-case base32 alphabet {@code [a-z2-7]} that Checkout.com's ids and keys use:
 * 5 bits per character, nothing a URL, a shell or a log viewer would mangle.
 */
public final class Base32 {

    public static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Base32() {
    }

    public static String random(int length) {
        return random(length, ALPHABET);
    }

    /** {@code length} characters drawn uniformly and independently from {@code alphabet}. */
    public static String random(int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
