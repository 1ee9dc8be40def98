package io.paygate.merchant.admin;

import io.paygate.merchant.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokensTest {

    private static final Pattern LOGGED_TOKEN = Pattern.compile("valid until it stops: ([a-z2-7]+) ");

    @Test
    void names_the_holder_of_each_configured_token_by_its_hash() {
        AdminTokens tokens = new AdminTokens("alice:" + hash("alice-s3cret") + ", ops-bot:" + hash("bot-s3cret"), "");

        assertThat(tokens.holderOf("alice-s3cret")).hasValue("alice");
        assertThat(tokens.holderOf("bot-s3cret")).hasValue("ops-bot");
        assertThat(tokens.holderOf("alice-s3cre")).isEmpty();
        assertThat(tokens.holderOf("ALICE-S3CRET")).isEmpty();
        assertThat(tokens.holderOf(hash("alice-s3cret"))).as("the hash is no token").isEmpty();
        assertThat(tokens.holderOf("")).isEmpty();
        assertThat(tokens.holderOf(null)).isEmpty();
    }

    @Test
    void accepts_a_plain_token_as_local_beside_the_hashed_ones() {
        AdminTokens tokens = new AdminTokens("alice:" + hash("alice-s3cret").toUpperCase(), "s3cret-admin-token");

        assertThat(tokens.holderOf("s3cret-admin-token")).hasValue("local");
        assertThat(tokens.holderOf("alice-s3cret")).hasValue("alice");
        assertThat(tokens.holderOf("s3cret-admin-token ")).isEmpty();
    }

    @Test
    void refuses_to_start_with_a_malformed_entry_without_echoing_it() {
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens("alice:not-a-hash-s3cret", ""))
                .withMessageContaining("PAYGATE_ADMIN_TOKENS").withMessageContaining("alice")
                .withMessageNotContaining("not-a-hash-s3cret");
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens(hash("no-name"), ""))
                .withMessageNotContaining(hash("no-name"));
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens("al ice:" + hash("x"), ""));
    }

    @Test
    void refuses_two_tokens_under_one_name() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new AdminTokens("alice:" + hash("one") + ",alice:" + hash("two"), ""))
                .withMessageContaining("'alice'");
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens("local:" + hash("one"), "two"))
                .withMessageContaining("'local'");
    }

    @Test
    void never_logs_a_configured_token(CapturedOutput output) {
        new AdminTokens("alice:" + hash("alice-s3cret"), "s3cret-admin-token");

        assertThat(output.getAll()).doesNotContain("s3cret-admin-token").doesNotContain("alice-s3cret")
                .doesNotContain("valid until it stops");
    }

    @Test
    void generates_a_strong_token_when_none_is_configured_and_logs_it_once(CapturedOutput output) {
        AdminTokens tokens = new AdminTokens("", "");

        Matcher logged = LOGGED_TOKEN.matcher(output.getAll());
        assertThat(logged.find()).isTrue();
        String generated = logged.group(1);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(tokens.holderOf(generated)).hasValue("local");
        assertThat(output.getAll()).containsOnlyOnce(generated).contains("WARN");
        assertThat(tokens.holderOf("")).isEmpty();
    }

    @Test
    void generates_a_different_token_each_time(CapturedOutput output) {
        new AdminTokens(" ", " ");
        new AdminTokens(" ", " ");

        Matcher logged = LOGGED_TOKEN.matcher(output.getAll());
        assertThat(logged.find()).isTrue();
        String first = logged.group(1);
        assertThat(logged.find()).isTrue();
        assertThat(logged.group(1)).isNotEqualTo(first);
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(Sha256.digest(token));
    }
}
