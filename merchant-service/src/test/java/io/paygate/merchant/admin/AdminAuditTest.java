package io.paygate.merchant.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.paygate.merchant.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several named admin tokens open the admin API, and every call, let in or not, leaves one audit line. */
class AdminAuditTest extends ServiceIntegrationTest {

    private static final String CLIENT = "203.0.113.7";

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void captureTheAuditLog() {
        audit.start();
        ((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).addAppender(audit);
    }

    @AfterEach
    void releaseTheAuditLog() {
        ((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).detachAppender(audit);
    }

    @Test
    void lets_each_named_token_in_and_audits_who_did_what_from_where() {
        RestTestClientResponse created = call("POST", "/merchants", ALICE_TOKEN, VALID_MERCHANT);
        String id = body(created).get("id").asString();
        String apiKey = body(created).get("api_key").asString();
        RestTestClientResponse read = call("GET", "/merchants/" + id + "?limit=5", OPS_BOT_TOKEN, null);
        RestTestClientResponse invalid = call("PUT", "/merchants/" + id + "/contract", ALICE_TOKEN,
                "{\"requests_per_second\": 0}");

        assertThat(created).hasStatus(201);
        assertThat(read).hasStatusOk();
        assertThat(invalid).hasStatus(422);
        assertThat(auditLines()).containsExactly(
                "admin call who=alice method=POST path=/merchants status=201 client=" + CLIENT,
                "admin call who=ops-bot method=GET path=/merchants/" + id + " status=200 client=" + CLIENT,
                "admin call who=alice method=PUT path=/merchants/" + id + "/contract status=422 client=" + CLIENT);
        assertThat(String.join("\n", auditLines())).doesNotContain(ALICE_TOKEN).doesNotContain(OPS_BOT_TOKEN)
                .doesNotContain(apiKey).doesNotContain(apiKey.substring("sk_sbox_".length()));
    }

    @Test
    void audits_a_refused_call_as_unknown_without_the_token_it_tried() {
        RestTestClientResponse refused = call("GET", "/merchants", "wrong-admin-token-0123456789", null);
        RestTestClientResponse hashAsToken = call("GET", "/merchants", ALICE_TOKEN_SHA256, null);
        RestTestClientResponse noToken = call("POST", "/merchants", null, VALID_MERCHANT);

        assertThat(refused).hasStatus(401);
        assertThat(hashAsToken).hasStatus(401);
        assertThat(noToken).hasStatus(401);
        assertThat(auditLines()).containsExactly(
                "admin call who=unknown method=GET path=/merchants status=401 client=" + CLIENT,
                "admin call who=unknown method=GET path=/merchants status=401 client=" + CLIENT,
                "admin call who=unknown method=POST path=/merchants status=401 client=" + CLIENT);
        assertThat(String.join("\n", auditLines())).doesNotContain("wrong-admin-token");
    }

    @Test
    void audits_the_plain_local_token_as_local() {
        call("GET", "/merchants", ADMIN_TOKEN, null);

        assertThat(auditLines()).containsExactly("admin call who=local method=GET path=/merchants status=200 client="
                + CLIENT);
    }

    @Test
    void audits_nothing_but_the_admin_api() {
        lookUp(DEMO_API_KEY);

        assertThat(auditLines()).isEmpty();
    }

    /** An admin call as the gateway forwards it: signed, with the client's address in X-Forwarded-For. */
    private RestTestClientResponse call(String method, String path, String token, String json) {
        var request = client.method(HttpMethod.valueOf(method)).uri(path)
                .header("X-Forwarded-For", CLIENT);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return RestTestClientResponse.from(request.exchange());
    }

    private List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
