package io.paygate.events.card;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The card keys as configured: {@code id1:base64key1,id2:base64key2}, each key 32 bytes. Read once here so that the
 * {@link CardCipher} and anything else keyed with the same keys (payment-service's request fingerprints) agree on
 * what a configuration means.
 */
public final class CardKeys {

    private static final int KEY_BYTES = 32;

    private CardKeys() {
    }

    /** The keys by id, in the order configured; fails on a missing, malformed or wrong-sized key. */
    public static Map<String, byte[]> parse(String keySpec) {
        if (keySpec == null || keySpec.isBlank()) {
            throw new IllegalArgumentException("No card encryption keys configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : keySpec.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Card key entries look like id:base64key");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Card key '" + entry.substring(0, colon).trim() + "' must be 32 bytes");
            }
            keys.put(entry.substring(0, colon).trim(), key);
        }
        return Collections.unmodifiableMap(keys);
    }
}
