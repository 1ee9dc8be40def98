package io.paygate.events;

import io.paygate.events.merchant.GatewaySignature;
import io.paygate.events.merchant.GatewaySignature.Verdict;
import io.paygate.events.merchant.InternalHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySignatureTest {

    private static final String K1 = "k1:" + key('1');
    private static final String K2 = "k2:" + key('2');
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final byte[] BODY = GatewaySignature.digest("{\"amount\": 1050}".getBytes(StandardCharsets.UTF_8));

    private final GatewaySignature gateway = GatewaySignature.fromConfiguration(K1, "k1");
    private final GatewaySignature service = GatewaySignature.fromConfiguration(K1 + "," + K2, null);

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, String> merchant() {
        Map<String, String> headers = new HashMap<>();
        headers.put(InternalHeaders.MERCHANT_ID, "mer_1");
        headers.put(InternalHeaders.ACQUIRER, "piggybank");
        headers.put(InternalHeaders.CURRENCIES, "GBP,EUR");
        return headers;
    }

    private Map<String, String> signed(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(gateway.sign("POST", "/payments", headers::get, BODY, NOW));
        return all;
    }

    @Test
    void vouches_for_the_request_it_signed_within_the_window() {
        Map<String, String> request = signed(merchant());

        assertThat(service.verify("POST", "/payments", request::get, BODY, NOW.plusSeconds(29), WINDOW))
                .isEqualTo(Verdict.VALID);
        assertThat(request.get(GatewaySignature.SIGNATURE)).startsWith("k1:");
    }

    @Test
    void refuses_a_request_with_any_signed_part_changed() {
        Map<String, String> request = signed(merchant());
        Map<String, String> otherMerchant = new HashMap<>(request);
        otherMerchant.put(InternalHeaders.MERCHANT_ID, "mer_2");
        Map<String, String> addedHeader = new HashMap<>(request);
        addedHeader.put(InternalHeaders.ACQUIRER_MERCHANT_ID, "");
        byte[] otherBody = GatewaySignature.digest("{\"amount\": 1051}".getBytes(StandardCharsets.UTF_8));

        assertThat(service.verify("GET", "/payments", request::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
        assertThat(service.verify("POST", "/payments/x", request::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
        assertThat(service.verify("POST", "/payments", request::get, otherBody, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
        assertThat(service.verify("POST", "/payments", otherMerchant::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
        assertThat(service.verify("POST", "/payments", addedHeader::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void refuses_an_unsigned_a_replayed_and_a_foreign_request() {
        Map<String, String> request = signed(merchant());
        Map<String, String> laterTimestamp = new HashMap<>(request);
        laterTimestamp.put(GatewaySignature.TIMESTAMP, Long.toString(NOW.plusSeconds(60).getEpochSecond()));
        Map<String, String> foreign = new HashMap<>(merchant());
        foreign.putAll(GatewaySignature.fromConfiguration("k1:" + key('9'), "k1")
                .sign("POST", "/payments", foreign::get, BODY, NOW));

        assertThat(service.verify("POST", "/payments", merchant()::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
        assertThat(service.verify("POST", "/payments", request::get, BODY, NOW.plusSeconds(31), WINDOW))
                .isEqualTo(Verdict.STALE);
        assertThat(service.verify("POST", "/payments", request::get, BODY, NOW.minusSeconds(31), WINDOW))
                .isEqualTo(Verdict.STALE);
        assertThat(service.verify("POST", "/payments", laterTimestamp::get, BODY, NOW.plusSeconds(60), WINDOW))
                .isEqualTo(Verdict.INVALID);
        assertThat(service.verify("POST", "/payments", foreign::get, BODY, NOW, WINDOW)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void verifies_with_every_configured_key_so_that_a_key_can_be_rotated() {
        GatewaySignature rotated = GatewaySignature.fromConfiguration(K1 + "," + K2, "k2");
        Map<String, String> request = new HashMap<>(merchant());
        request.putAll(rotated.sign("GET", "/payments/pay_1", request::get, GatewaySignature.digest(new byte[0]), NOW));

        assertThat(request.get(GatewaySignature.SIGNATURE)).startsWith("k2:");
        assertThat(service.verify("GET", "/payments/pay_1", request::get, GatewaySignature.digest(new byte[0]), NOW,
                WINDOW)).isEqualTo(Verdict.VALID);
        assertThat(gateway.verify("GET", "/payments/pay_1", request::get, GatewaySignature.digest(new byte[0]), NOW,
                WINDOW)).as("a service without the new key").isEqualTo(Verdict.INVALID);
    }

    @Test
    void refuses_a_configuration_whose_active_key_is_missing() {
        assertThatThrownBy(() -> GatewaySignature.fromConfiguration(K1, "k2"))
                .hasMessageContaining("'k2' is not among the configured keys");
        assertThatThrownBy(() -> GatewaySignature.fromConfiguration("", "k1"))
                .hasMessage("No gateway signing keys configured");
    }
}
