package io.paygate.events.card;

import io.paygate.events.keys.SecretKeys;

import java.util.Map;

/**
 * The card keys as configured: {@code id1:base64key1,id2:base64key2}, each key 32 bytes. Read once here so that the
 * {@link CardCipher} and anything else keyed with the same keys (payment-service's request fingerprints) agree on
 * what a configuration means.
 */
public final class CardKeys {

    private CardKeys() {
    }

    /** The keys by id, in the order configured; fails on a missing, malformed or wrong-sized key. */
    public static Map<String, byte[]> parse(String keySpec) {
        return SecretKeys.parse(keySpec, "card encryption");
    }
}
