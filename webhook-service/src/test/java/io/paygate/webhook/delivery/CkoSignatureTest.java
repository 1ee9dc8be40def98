package io.paygate.webhook.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CkoSignatureTest {

    @Test
    void is_the_lowercase_hex_hmac_sha256_of_the_body_keyed_with_the_whole_secret() {
        String body = "{\"id\":\"evt_az3mqxvq5p4edf4xfu2wbr7mzu\",\"type\":\"payment_captured\"}";

        // printf '%s' "$body" | openssl dgst -sha256 -hmac 'whsec_3q2-7wNpYyHIbaKpQmZ2Jx8Kt1vVbE9wzRkP0sLq4Uo'
        assertThat(CkoSignature.of("whsec_3q2-7wNpYyHIbaKpQmZ2Jx8Kt1vVbE9wzRkP0sLq4Uo",
                body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f4cd2fbc6b01cb1772e11b3dce65a87ccd194c57bd8432560d544d353e76853f");
    }
}
