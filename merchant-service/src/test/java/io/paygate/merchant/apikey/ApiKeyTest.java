package io.paygate.merchant.apikey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTest {

    private static final String CHECKOUT_SANDBOX_KEY_SHAPE = "sk_sbox_[a-z2-7]{26}[a-z2-7*#$=]";

    @Test
    void generates_sandbox_keys_in_checkout_shape() {
        IntStream.range(0, 1_000).mapToObj(i -> ApiKey.generateSandbox().reveal())
                .forEach(key -> assertThat(key).matches(CHECKOUT_SANDBOX_KEY_SHAPE));
    }

    @Test
    void never_generates_the_same_key_twice() {
        Set<String> keys = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> keys.add(ApiKey.generateSandbox().reveal()));

        assertThat(keys).hasSize(10_000);
    }

    @Test
    void uses_every_allowed_character_for_the_last_one() {
        Set<Character> lastCharacters = new HashSet<>();
        IntStream.range(0, 5_000).forEach(i -> {
            String key = ApiKey.generateSandbox().reveal();
            lastCharacters.add(key.charAt(key.length() - 1));
        });

        assertThat(lastCharacters).hasSize(36).contains('*', '#', '$', '=');
    }

    @Test
    void hashes_a_key_to_the_hex_sha256_of_its_text() {
        // printf sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp | sha256sum
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp").orElseThrow().hash())
                .isEqualTo("837e5fccc63dcb30226b0bd84dfc24ec29675d7838bf0c4edb48e7cd8851e428");
    }

    @Test
    void hashes_the_same_key_alike_and_different_keys_differently() {
        ApiKey key = ApiKey.generateSandbox();

        assertThat(ApiKey.parse(key.reveal()).orElseThrow().hash()).isEqualTo(key.hash()).hasSize(64);
        assertThat(ApiKey.generateSandbox().hash()).isNotEqualTo(key.hash());
    }

    @Test
    void accepts_sandbox_and_live_keys_of_the_right_shape() {
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp")).isPresent();
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbny#")).isPresent();
        assertThat(ApiKey.parse("sk_m73dzbpy7cf3gfd7gj3kcyqbny=")).isPresent();
    }

    @Test
    void rejects_text_that_is_not_an_api_key() {
        assertThat(ApiKey.parse(null)).isEmpty();
        assertThat(ApiKey.parse("")).isEmpty();
        assertThat(ApiKey.parse("pk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp")).isEmpty();
        assertThat(ApiKey.parse("sk_sbox_M73DZBPY7CF3GFD7GJ3KCYQBNYP")).isEmpty();
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbny")).isEmpty();
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnypq")).isEmpty();
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbny!")).isEmpty();
        assertThat(ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbn1p")).isEmpty();
        assertThat(ApiKey.parse(" sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp")).isEmpty();
    }

    @Test
    void shows_only_a_short_prefix() {
        ApiKey key = ApiKey.parse("sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp").orElseThrow();

        assertThat(key.displayPrefix()).isEqualTo("sk_sbox_m73d");
        assertThat(ApiKey.parse("sk_m73dzbpy7cf3gfd7gj3kcyqbny=").orElseThrow().displayPrefix()).isEqualTo("sk_m73d");
        assertThat(key.toString()).doesNotContain("zbpy7cf3gfd7gj3kcyqbnyp").startsWith("sk_sbox_m73d");
    }
}
