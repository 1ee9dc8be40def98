package io.paygate.events.keys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HMAC-SHA256 under rotating keys: a MAC is made with the active key and names it ({@code keyId:base64url-mac}), and
 * is checked with whichever configured key it names. So a key is rotated by adding the new key to every party that
 * checks, then making it the active key of every party that signs, then removing the old one.
 */
public final class KeyedMac {

    private static final String ALGORITHM = "HmacSHA256";
    private static final char SEPARATOR = ':';

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    private KeyedMac(Map<String, SecretKeySpec> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param keySpec     {@code id1:base64key1,id2:base64key2}, each key 32 bytes
     * @param activeKeyId the key MACs are made with; blank for the first configured one
     * @param purpose     what the keys are for, in the error messages (e.g. "gateway signing")
     */
    public static KeyedMac fromConfiguration(String keySpec, String activeKeyId, String purpose) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        SecretKeys.parse(keySpec, purpose).forEach((id, key) -> keys.put(id, new SecretKeySpec(key, ALGORITHM)));
        String active = activeKeyId == null || activeKeyId.isBlank() ? keys.keySet().iterator().next() : activeKeyId;
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException("The active " + purpose + " key '" + active
                    + "' is not among the configured keys");
        }
        return new KeyedMac(keys, active);
    }

    /** {@code keyId:mac} of the data, with the active key. */
    public String sign(byte[] data) {
        return activeKeyId + SEPARATOR + mac(keys.get(activeKeyId), data);
    }

    /** Whether {@code signature} is a MAC of the data under the configured key it names; false for any other key. */
    public boolean verifies(String signature, byte[] data) {
        int separator = signature == null ? -1 : signature.indexOf(SEPARATOR);
        SecretKeySpec key = separator < 0 ? null : keys.get(signature.substring(0, separator));
        if (key == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, data).getBytes(StandardCharsets.US_ASCII),
                signature.substring(separator + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
