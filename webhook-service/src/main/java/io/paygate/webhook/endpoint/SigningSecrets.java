package io.paygate.webhook.endpoint;

import io.paygate.events.keys.SealingKeys;
import io.paygate.events.keys.SecretKeys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Makes endpoints' signing secrets and seals them for storage. The delivery worker needs each secret itself to compute
 * its HMAC, so a secret is encrypted ({@link SealingKeys}, AES-256-GCM) rather than hashed; the endpoint id is bound
 * as associated data, so a sealed secret copied onto another endpoint does not open.
 */
public final class SigningSecrets {

    public static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;

    private final SealingKeys keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keySpec     {@code id:base64-32-bytes[,id2:...]}
     * @param activeKeyId the key that seals new secrets; blank: the first one listed
     */
    public SigningSecrets(String keySpec, String activeKeyId) {
        Map<String, byte[]> parsed = SecretKeys.parse(keySpec, "webhook secret");
        String active = activeKeyId == null || activeKeyId.isBlank() ? parsed.keySet().iterator().next() : activeKeyId;
        if (!parsed.containsKey(active)) {
            throw new IllegalArgumentException("The active webhook secret key '" + active + "' is not configured");
        }
        this.keys = new SealingKeys(parsed, active);
    }

    /** A new secret: 32 random bytes, base64url, after {@code whsec_}. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public SealedSecret seal(String secret, String endpointId) {
        SealingKeys.Sealed sealed = keys.seal(secret.getBytes(StandardCharsets.US_ASCII), endpointId);
        return new SealedSecret(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    }

    /** The secret sealed for this endpoint; fails when its key is gone or it was sealed for another endpoint. */
    public String open(SealedSecret sealed, String endpointId) {
        try {
            return new String(keys.open(new SealingKeys.Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext()),
                    endpointId), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The signing secret does not open for endpoint " + endpointId, e);
        }
    }
}
