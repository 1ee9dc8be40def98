package io.paygate.events.card;

import java.util.Objects;

/**
 * Card data sealed with AES-256-GCM, as it travels on the bus and waits in the outbox.
 *
 * @param keyId      which configured key sealed it, so keys can rotate
 * @param nonce      the 96-bit GCM nonce, base64
 * @param ciphertext the encrypted card data with its authentication tag, base64
 */
public record CardEnvelope(String keyId, String nonce, String ciphertext) {

    public CardEnvelope {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
