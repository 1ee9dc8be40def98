package io.paygate.events.card;

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
 * Seals and opens {@link CardEnvelope}s with AES-256-GCM.
 * <p>
 * Several keys may be configured so that envelopes sealed before a rotation can still be opened; new
 * envelopes always use the active key. The payment id is bound as associated data, so an envelope
 * copied onto another payment does not open.
 */
public final class CardCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public CardCipher(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("Active card key '" + activeKeyId + "' is not among the configured keys");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Builds a cipher from configuration text: {@code id1:base64key1,id2:base64key2}, each key 32 bytes (see
     * {@link CardKeys#parse}).
     */
    public static CardCipher fromConfiguration(String keySpec, String activeKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        CardKeys.parse(keySpec).forEach((id, key) -> keys.put(id, new SecretKeySpec(key, "AES")));
        return new CardCipher(keys, activeKeyId);
    }

    public CardEnvelope seal(CardData card, String paymentId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, paymentId);
            byte[] ciphertext = cipher.doFinal(card.serialize());
            Base64.Encoder base64 = Base64.getEncoder();
            return new CardEnvelope(activeKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal card data", e);
        }
    }

    /** Opens an envelope sealed for this payment id, or fails with {@link CardEnvelopeException}. */
    public CardData open(CardEnvelope envelope, String paymentId) {
        SecretKey key = keys.get(envelope.keyId());
        if (key == null) {
            throw new CardEnvelopeException("Unknown card key id '" + envelope.keyId() + "'");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, base64.decode(envelope.nonce()), paymentId);
            return CardData.deserialize(cipher.doFinal(base64.decode(envelope.ciphertext())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CardEnvelopeException("Card envelope does not open for payment " + paymentId, e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String paymentId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(paymentId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
