package io.paygate.webhook.endpoint;

import java.util.Objects;

/**
 * An endpoint's signing secret sealed with AES-256-GCM, as it is stored.
 *
 * @param keyId      which configured key sealed it, so that keys can rotate
 * @param nonce      the 96-bit GCM nonce, base64
 * @param ciphertext the secret with its authentication tag, base64
 */
public record SealedSecret(String keyId, String nonce, String ciphertext) {

    public SealedSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
