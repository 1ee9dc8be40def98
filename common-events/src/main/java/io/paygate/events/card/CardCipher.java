package io.paygate.events.card;

import io.paygate.events.keys.SealingKeys;

import java.util.Map;

/**
 * Seals and opens {@link CardEnvelope}s with AES-256-GCM ({@link SealingKeys}).
 * <p>
 * Several keys may be configured so that envelopes sealed before a rotation can still be opened; new
 * envelopes always use the active key. The payment id is bound as associated data, so an envelope
 * copied onto another payment does not open.
 */
public final class CardCipher {

    private final SealingKeys keys;

    public CardCipher(Map<String, byte[]> keys, String activeKeyId) {
        try {
            this.keys = new SealingKeys(keys, activeKeyId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Card keys: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a cipher from configuration text: {@code id1:base64key1,id2:base64key2}, each key 32 bytes (see
     * {@link CardKeys#parse}).
     */
    public static CardCipher fromConfiguration(String keySpec, String activeKeyId) {
        return new CardCipher(CardKeys.parse(keySpec), activeKeyId);
    }

    public CardEnvelope seal(CardData card, String paymentId) {
        SealingKeys.Sealed sealed = keys.seal(card.serialize(), paymentId);
        return new CardEnvelope(sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    }

    /** Opens an envelope sealed for this payment id, or fails with {@link CardEnvelopeException}. */
    public CardData open(CardEnvelope envelope, String paymentId) {
        try {
            return CardData.deserialize(keys.open(
                    new SealingKeys.Sealed(envelope.keyId(), envelope.nonce(), envelope.ciphertext()), paymentId));
        } catch (IllegalArgumentException e) {
            throw new CardEnvelopeException("Card envelope does not open for payment " + paymentId + ": "
                    + e.getMessage(), e);
        }
    }
}
