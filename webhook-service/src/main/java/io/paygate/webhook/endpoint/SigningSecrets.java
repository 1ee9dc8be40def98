package io.paygate.webhook.endpoint;

import io.paygate.events.keys.SecretKeys;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes endpoints' signing secrets and seals them for storage. The delivery worker needs each secret itself to compute
 * its HMAC, so a secret is encrypted rather than hashed; the endpoint id is bound as associated data, so a sealed
 * secret copied onto another endpoint does not open.
 */
public final class SigningSecrets {

    public static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keySpec     {@code id:base64-32-bytes[,id2:...]}
     * @param activeKeyId the key that seals new secrets; blank: the first one listed
     */
    public SigningSecrets(String keySpec, String activeKeyId) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        SecretKeys.parse(keySpec, "webhook secret").forEach((id, key) -> parsed.put(id, new SecretKeySpec(key, "AES")));
        String active = activeKeyId == null || activeKeyId.isBlank() ? parsed.keySet().iterator().next() : activeKeyId;
        if (!parsed.containsKey(active)) {
            throw new IllegalArgumentException("The active webhook secret key '" + active + "' is not configured");
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = active;
    }

    /** A new secret: 32 random bytes, base64url, after {@code whsec_}. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public SealedSecret seal(String secret, String endpointId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, endpointId)
                    .doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedSecret(activeKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a webhook secret", e);
        }
    }

    /** The secret sealed for this endpoint; fails when its key is gone or it was sealed for another endpoint. */
    public String open(SealedSecret sealed, String endpointId) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Unknown webhook secret key id '" + sealed.keyId() + "'");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] secret = cipher(Cipher.DECRYPT_MODE, key, base64.decode(sealed.nonce()), endpointId)
                    .doFinal(base64.decode(sealed.ciphertext()));
            return new String(secret, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing secret does not open for endpoint " + endpointId, e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String endpointId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
