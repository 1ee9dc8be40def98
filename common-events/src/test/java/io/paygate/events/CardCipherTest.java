package io.paygate.events;

import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.events.card.CardEnvelope;
import io.paygate.events.card.CardEnvelopeException;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardCipherTest {

    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final CardData CARD = new CardData("4111111111111111", "123", 12, 2030);

    @Test
    void opens_what_it_sealed_without_the_number_in_the_envelope() {
        CardCipher cipher = CardCipher.fromConfiguration("k1:" + KEY_1, "k1");

        CardEnvelope envelope = cipher.seal(CARD, "pay_1");

        assertThat(envelope.keyId()).isEqualTo("k1");
        assertThat(envelope.toString()).doesNotContain("4111111111111111").doesNotContain("411111");
        assertThat(cipher.open(envelope, "pay_1")).isEqualTo(CARD);
    }

    @Test
    void uses_a_fresh_nonce_for_every_envelope() {
        CardCipher cipher = CardCipher.fromConfiguration("k1:" + KEY_1, "k1");

        assertThat(cipher.seal(CARD, "pay_1").nonce()).isNotEqualTo(cipher.seal(CARD, "pay_1").nonce());
    }

    @Test
    void refuses_an_envelope_moved_to_another_payment() {
        CardCipher cipher = CardCipher.fromConfiguration("k1:" + KEY_1, "k1");
        CardEnvelope envelope = cipher.seal(CARD, "pay_1");

        assertThatThrownBy(() -> cipher.open(envelope, "pay_2")).isInstanceOf(CardEnvelopeException.class);
    }

    @Test
    void refuses_a_tampered_envelope() {
        CardCipher cipher = CardCipher.fromConfiguration("k1:" + KEY_1, "k1");
        CardEnvelope envelope = cipher.seal(CARD, "pay_1");
        byte[] bytes = Base64.getDecoder().decode(envelope.ciphertext());
        bytes[0] ^= 1;
        CardEnvelope tampered = new CardEnvelope("k1", envelope.nonce(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.open(tampered, "pay_1")).isInstanceOf(CardEnvelopeException.class);
    }

    @Test
    void still_opens_envelopes_sealed_before_a_key_rotation() {
        CardEnvelope sealedWithOldKey = CardCipher.fromConfiguration("k1:" + KEY_1, "k1").seal(CARD, "pay_1");
        CardCipher rotated = CardCipher.fromConfiguration("k1:" + KEY_1 + ",k2:" + KEY_2, "k2");

        assertThat(rotated.open(sealedWithOldKey, "pay_1")).isEqualTo(CARD);
        assertThat(rotated.seal(CARD, "pay_1").keyId()).isEqualTo("k2");
    }

    @Test
    void rejects_keys_that_are_not_256_bits() {
        assertThatThrownBy(() -> CardCipher.fromConfiguration("k1:" + Base64.getEncoder().encodeToString(new byte[16]), "k1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masks_the_card_in_its_text_form() {
        assertThat(CARD.toString()).doesNotContain("4111111111111111").doesNotContain("123,").contains("1111");
    }
}
