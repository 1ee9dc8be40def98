package io.paygate.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSignatureTest {

    private static final String K1 = "k1:" + key('1');
    private static final String K2 = "k2:" + key('2');
    private static final String JSON = "application/json";
    private static final byte[] BODY = "{\"paymentId\":\"pay_1\",\"approved\":false}".getBytes(StandardCharsets.UTF_8);

    private final MessageSignature producer = MessageSignature.fromConfiguration(K1, "k1");
    private final MessageSignature consumer = MessageSignature.fromConfiguration(K2 + "," + K1, null);

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_consumer_holding_the_producers_key_accepts_its_message() {
        String signature = producer.sign("AuthorizationResult", 1, "pay_1", JSON, BODY);

        assertThat(signature).startsWith("k1:");
        assertThat(consumer.verifies(signature, "AuthorizationResult", 1, "pay_1", JSON, BODY)).isTrue();
        // Headers come back from the broker as other types than they were sent as.
        assertThat(consumer.verifies(signature, "AuthorizationResult", 1L, "pay_1", JSON, BODY)).isTrue();
    }

    @Test
    void any_changed_part_breaks_the_signature() {
        String signature = producer.sign("AuthorizationResult", 1, "pay_1", JSON, BODY);
        byte[] approved = "{\"paymentId\":\"pay_1\",\"approved\":true}".getBytes(StandardCharsets.UTF_8);

        assertThat(consumer.verifies(signature, "AuthorizationResult", 1, "pay_1", JSON, approved)).isFalse();
        assertThat(consumer.verifies(signature, "AuthorizePayment", 1, "pay_1", JSON, BODY)).isFalse();
        assertThat(consumer.verifies(signature, "AuthorizationResult", 2, "pay_1", JSON, BODY)).isFalse();
        assertThat(consumer.verifies(signature, "AuthorizationResult", 1, "pay_2", JSON, BODY)).isFalse();
        assertThat(consumer.verifies(signature, "AuthorizationResult", 1, "pay_1", "text/plain", BODY)).isFalse();
    }

    @Test
    void parts_cannot_be_shifted_from_one_field_into_another() {
        String signature = producer.sign("ab", 1, "c", JSON, BODY);

        assertThat(consumer.verifies(signature, "a", 1, "bc", JSON, BODY)).isFalse();
        assertThat(consumer.verifies(producer.sign(null, 1, "c", JSON, BODY), "", 1, "c", JSON, BODY)).isFalse();
    }

    @Test
    void a_missing_forged_or_foreign_signature_is_refused() {
        MessageSignature stranger = MessageSignature.fromConfiguration("k1:" + key('x'), null);
        String forged = stranger.sign("AuthorizationResult", 1, "pay_1", JSON, BODY);

        assertThat(consumer.verifies(null, "AuthorizationResult", 1, "pay_1", JSON, BODY)).isFalse();
        assertThat(consumer.verifies("k1", "AuthorizationResult", 1, "pay_1", JSON, BODY)).isFalse();
        assertThat(consumer.verifies(forged, "AuthorizationResult", 1, "pay_1", JSON, BODY)).isFalse();
        assertThat(MessageSignature.fromConfiguration(K2, null)
                .verifies(producer.sign("AuthorizationResult", 1, "pay_1", JSON, BODY),
                        "AuthorizationResult", 1, "pay_1", JSON, BODY)).as("a key the consumer no longer holds").isFalse();
    }

    @Test
    void refuses_an_active_key_it_does_not_hold() {
        assertThatThrownBy(() -> MessageSignature.fromConfiguration(K1, "k9"))
                .hasMessageContaining("'k9'").hasMessageNotContaining(key('1'));
    }
}
