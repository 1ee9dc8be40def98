package io.paygate.webhook.endpoint;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The service's ids: a prefix ({@code wh_} for endpoints, {@code dlv_} for deliveries) and 26 random base32
 * characters (130 bits), in the shape of merchant-service's ids.
 */
public final class WebhookIds {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Pattern ENDPOINT = Pattern.compile("wh_[a-z2-7]{26}");
    private static final Pattern DELIVERY = Pattern.compile("dlv_[a-z2-7]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookIds() {
    }

    /** A new endpoint id. */
    public static String next() {
        return random("wh_");
    }

    public static String nextDelivery() {
        return random("dlv_");
    }

    public static boolean isWellFormed(String id) {
        return id != null && ENDPOINT.matcher(id).matches();
    }

    public static boolean isWellFormedDelivery(String id) {
        return id != null && DELIVERY.matcher(id).matches();
    }

    private static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 26; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
