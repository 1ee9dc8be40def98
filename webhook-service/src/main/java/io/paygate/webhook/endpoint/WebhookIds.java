package io.paygate.webhook.endpoint;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Endpoint ids: {@code wh_} and 26 random base32 characters (130 bits), in the shape of merchant-service's ids.
 */
public final class WebhookIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Pattern SHAPE = Pattern.compile("wh_[a-z2-7]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookIds() {
    }

    public static String next() {
        StringBuilder id = new StringBuilder("wh_");
        for (int i = 0; i < 26; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
