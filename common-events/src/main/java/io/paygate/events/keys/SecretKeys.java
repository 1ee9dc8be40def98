package io.paygate.events.keys;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys as they are configured: {@code id1:base64key1,id2:base64key2}, each 32 bytes. Several ids let a key be rotated:
 * new work uses the active one while the others still verify or open what was made before.
 */
public final class SecretKeys {

    private static final int KEY_BYTES = 32;

    private SecretKeys() {
    }

    /**
     * The keys by id, in the order configured; fails on a missing, malformed or wrong-sized key.
     *
     * @param purpose what the keys are for, in the error messages (e.g. "card encryption")
     */
    public static Map<String, byte[]> parse(String keySpec, String purpose) {
        if (keySpec == null || keySpec.isBlank()) {
            throw new IllegalArgumentException("No " + purpose + " keys configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : keySpec.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("A " + purpose + " key entry looks like id:base64key");
            }
            String id = entry.substring(0, colon).trim();
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("The " + purpose + " key '" + id + "' must be 32 bytes");
            }
            keys.put(id, key);
        }
        return Collections.unmodifiableMap(keys);
    }
}
