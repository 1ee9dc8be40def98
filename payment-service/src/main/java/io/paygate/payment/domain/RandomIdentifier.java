package io.paygate.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /**
     * An identifier of the same shape drawn from {@code seed} instead, the same every time: for what may be made
     * more than once and must then be recognised as the same.
     */
    static String derived(String prefix, String seed) {
        byte[] digest = sha256(seed);
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            // Five bits of the digest per character.
            int bit = i * 5;
            int window = ((digest[bit / 8] & 0xff) << 8) | (digest[bit / 8 + 1] & 0xff);
            id.append(ALPHABET[(window >>> (11 - bit % 8)) & 0x1f]);
        }
        return id.toString();
    }

    static Pattern pattern(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "[a-z2-7]{" + LENGTH + "}");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
