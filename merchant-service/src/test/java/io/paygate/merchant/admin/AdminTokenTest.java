package io.paygate.merchant.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    private static final Pattern LOGGED_TOKEN = Pattern.compile("valid until it stops: ([a-z2-7]+) ");

    @Test
    void accepts_exactly_the_configured_token() {
        AdminToken token = new AdminToken("s3cret-admin-token");

        assertThat(token.matches("s3cret-admin-token")).isTrue();
        assertThat(token.matches("s3cret-admin-toke")).isFalse();
        assertThat(token.matches("s3cret-admin-token ")).isFalse();
        assertThat(token.matches("S3CRET-ADMIN-TOKEN")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void never_logs_a_configured_token(CapturedOutput output) {
        new AdminToken("s3cret-admin-token");

        assertThat(output.getAll()).doesNotContain("s3cret-admin-token");
    }

    @Test
    void generates_a_strong_token_when_none_is_configured_and_logs_it_once(CapturedOutput output) {
        AdminToken token = new AdminToken("");

        Matcher logged = LOGGED_TOKEN.matcher(output.getAll());
        assertThat(logged.find()).isTrue();
        String generated = logged.group(1);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(token.matches(generated)).isTrue();
        assertThat(output.getAll()).containsOnlyOnce(generated).contains("WARN");
        assertThat(token.matches("")).isFalse();
    }

    @Test
    void generates_a_different_token_each_time(CapturedOutput output) {
        new AdminToken(" ");
        new AdminToken(" ");

        Matcher logged = LOGGED_TOKEN.matcher(output.getAll());
        assertThat(logged.find()).isTrue();
        String first = logged.group(1);
        assertThat(logged.find()).isTrue();
        assertThat(logged.group(1)).isNotEqualTo(first);
    }
}
