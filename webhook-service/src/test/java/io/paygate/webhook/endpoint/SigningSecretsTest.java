package io.paygate.webhook.endpoint;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningSecretsTest {

    static final String OLD_KEY = "old:" + key("old-webhook-secret-key-32-bytes!");
    static final String NEW_KEY = "new:" + key("new-webhook-secret-key-32-bytes!");
    private static final String ENDPOINT = "wh_y3oqhf46pyzuxjbcn2giaqnb44";

    private final SigningSecrets secrets = new SigningSecrets(OLD_KEY, "");

    @Test
    void makes_32_random_bytes_in_base64url_after_whsec() {
        String secret = secrets.newSecret();

        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(secrets.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void seals_a_secret_that_opens_only_for_its_endpoint() {
        String secret = secrets.newSecret();

        SealedSecret sealed = secrets.seal(secret, ENDPOINT);

        assertThat(sealed.keyId()).isEqualTo("old");
        assertThat(sealed.ciphertext()).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(secrets.open(sealed, ENDPOINT)).isEqualTo(secret);
        assertThatIllegalStateException().isThrownBy(() -> secrets.open(sealed, "wh_aaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    @Test
    void seals_with_the_active_key_and_still_opens_what_a_retired_one_sealed() {
        SealedSecret sealedBefore = secrets.seal("whsec_before", ENDPOINT);
        SigningSecrets rotated = new SigningSecrets(OLD_KEY + "," + NEW_KEY, "new");

        assertThat(rotated.seal("whsec_after", ENDPOINT).keyId()).isEqualTo("new");
        assertThat(rotated.open(sealedBefore, ENDPOINT)).isEqualTo("whsec_before");
        assertThatIllegalStateException().isThrownBy(() ->
                new SigningSecrets(NEW_KEY, "").open(sealedBefore, ENDPOINT));
    }

    @Test
    void refuses_a_configuration_without_keys_or_with_an_unknown_active_key() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SigningSecrets("", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new SigningSecrets("k:c2hvcnQ=", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new SigningSecrets(OLD_KEY, "new"));
    }

    static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
