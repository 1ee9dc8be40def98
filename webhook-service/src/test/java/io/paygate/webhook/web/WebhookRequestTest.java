package io.paygate.webhook.web;

import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import io.paygate.webhook.endpoint.EndpointHeader;
import io.paygate.webhook.endpoint.EndpointSettings;
import io.paygate.events.PaymentEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookRequestTest {

    // IP literals: nothing here asks DNS.
    private final EndpointAddressPolicy policy = new EndpointAddressPolicy(false);

    @Test
    void reads_every_field() {
        EndpointSettings settings = request("""
                {"url": " https://93.184.216.34/events ", "active": false, "headers": {"Authorization": "Bearer x",
                 "X-Shop": "books"}, "content_type": "json", "event_types": ["payment_approved", "payment_refunded"]}
                """).settings(policy);

        assertThat(settings).isEqualTo(new EndpointSettings("https://93.184.216.34/events", false,
                List.of(new EndpointHeader("Authorization", "Bearer x"), new EndpointHeader("X-Shop", "books")),
                "json", List.of("payment_approved", "payment_refunded")));
    }

    @Test
    void gives_left_out_fields_their_defaults() {
        EndpointSettings settings = request("""
                {"url": "https://93.184.216.34/", "event_types": ["payment_approved"]}""").settings(policy);

        assertThat(settings.active()).isTrue();
        assertThat(settings.headers()).isEmpty();
        assertThat(settings.contentType()).isEqualTo("json");
    }

    @Test
    void takes_fields_sent_as_null_at_their_defaults() {
        EndpointSettings settings = request("""
                {"url": "https://93.184.216.34/", "active": null, "headers": null, "content_type": null,
                 "event_types": ["payment_approved"]}""").settings(policy);

        assertThat(settings.isComplete()).isTrue();
        assertThat(settings.active()).isTrue();
    }

    @Test
    void takes_every_event_type_of_checkout_com_each_once() {
        String all = JsonMapper.shared().writeValueAsString(PaymentEventType.NAMES);

        EndpointSettings settings = request("{\"url\": \"https://93.184.216.34/\", \"event_types\": " + all
                + ", \"ignored\": 1}").settings(policy);
        EndpointSettings repeated = request("""
                {"url": "https://93.184.216.34/", "event_types": ["payment_voided", "payment_voided"]}""")
                .settings(policy);

        assertThat(settings.eventTypes()).containsExactly("payment_approved", "payment_declined", "payment_pending",
                "payment_expired", "payment_captured", "payment_capture_declined", "payment_voided",
                "payment_void_declined", "payment_refunded", "payment_refund_declined");
        assertThat(repeated.eventTypes()).containsExactly("payment_voided");
    }

    @Test
    void reports_every_invalid_field_at_once_in_field_order() {
        assertThat(errorCodes("""
                {"url": 5, "active": "yes", "headers": [], "content_type": "xml", "event_types": "payment_approved"}
                """)).containsExactly("url_invalid", "active_invalid", "headers_invalid", "content_type_invalid",
                "event_types_invalid");
        assertThat(errorCodes("{}")).containsExactly("url_required", "event_types_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"   \""})
    void requires_a_url(String url) {
        assertThat(errorCodes("{\"url\": " + url + ", \"event_types\": [\"payment_approved\"]}"))
                .containsExactly("url_required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"http://93.184.216.34/\"", "\"https://127.0.0.1/\"", "\"not a url\"", "{}", "[]",
            "true", "\"https://10.0.0.1/\""})
    void refuses_a_url_the_policy_refuses_or_that_is_no_string(String url) {
        assertThat(errorCodes("{\"url\": " + url + ", \"event_types\": [\"payment_approved\"]}"))
                .containsExactly("url_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "0", "{}", "[]"})
    void refuses_an_active_that_is_no_boolean(String active) {
        assertThat(errorCodes(valid("\"active\": " + active))).containsExactly("active_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"json\"", "[]", "5", "{\"A\": 5}", "{\"A\": null}", "{\"A\": [\"x\"]}",
            "{\"Bad Name\": \"x\"}", "{\"Bad:Name\": \"x\"}", "{\"\": \"x\"}", "{\"X-A\": \"line\\r\\nInjected: 1\"}",
            "{\"X-A\": \"line\\nbreak\"}", "{\"X-A\": \"nul\\u0000\"}", "{\"Cko-Signature\": \"x\"}",
            "{\"cko-signature\": \"x\"}", "{\"Cko-Anything\": \"x\"}", "{\"Content-Type\": \"text/plain\"}",
            "{\"CONTENT-LENGTH\": \"5\"}", "{\"Host\": \"internal\"}", "{\"Transfer-Encoding\": \"chunked\"}",
            "{\"Connection\": \"close\"}", "{\"X-A\": \"1\", \"x-a\": \"2\"}"})
    void refuses_headers_that_are_not_an_object_of_safe_string_values(String headers) {
        assertThat(errorCodes(valid("\"headers\": " + headers))).containsExactly("headers_invalid");
    }

    @Test
    void takes_at_most_20_headers_with_values_of_at_most_1024_characters() {
        StringBuilder twenty = new StringBuilder("{");
        for (int i = 1; i <= 20; i++) {
            twenty.append(i > 1 ? ", " : "").append("\"X-H").append(i).append("\": \"v\"");
        }
        String twentyOne = twenty + ", \"X-H21\": \"v\"}";
        twenty.append("}");

        assertThat(request(valid("\"headers\": " + twenty)).settings(policy).headers()).hasSize(20);
        assertThat(errorCodes(valid("\"headers\": " + twentyOne))).containsExactly("headers_invalid");
        assertThat(request(valid("\"headers\": {\"X-A\": \"" + "v".repeat(1024) + "\"}")).settings(policy)
                .headers()).hasSize(1);
        assertThat(errorCodes(valid("\"headers\": {\"X-A\": \"" + "v".repeat(1025) + "\"}")))
                .containsExactly("headers_invalid");
        assertThat(errorCodes(valid("\"headers\": {\"X-" + "a".repeat(99) + "\": \"v\"}")))
                .containsExactly("headers_invalid");
    }

    @Test
    void lets_the_merchant_set_an_authorization_header_and_any_token_name() {
        EndpointSettings settings = request(valid("\"headers\": {\"Authorization\": \"Basic dXNlcjpwYXNz\", "
                + "\"X-Weird.Name$~\": \"tab\\tinside\"}")).settings(policy);

        assertThat(settings.headers()).containsExactly(new EndpointHeader("Authorization", "Basic dXNlcjpwYXNz"),
                new EndpointHeader("X-Weird.Name$~", "tab\tinside"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"JSON\"", "\"xml\"", "\"\"", "5", "[\"json\"]"})
    void takes_json_as_the_only_content_type(String contentType) {
        assertThat(errorCodes(valid("\"content_type\": " + contentType))).containsExactly("content_type_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"payment_approved\"", "{}", "[\"payment_approved\", 5]",
            "[\"payment_approved\", \"payment_teleported\"]", "[\"PAYMENT_APPROVED\"]", "[[\"payment_approved\"]]",
            "[null]"})
    void refuses_event_types_that_are_not_a_non_empty_array_of_known_types(String eventTypes) {
        assertThat(errorCodes("{\"url\": \"https://93.184.216.34/\", \"event_types\": " + eventTypes + "}"))
                .containsExactly("event_types_invalid");
    }

    @Test
    void changes_only_the_fields_sent() {
        EndpointSettings changes = request("{\"active\": false}").changes(policy);

        assertThat(changes).isEqualTo(new EndpointSettings(null, false, null, null, null));
        assertThat(request("{}").changes(policy).isEmpty()).isTrue();
    }

    @Test
    void validates_the_fields_sent_in_a_change_and_resets_those_sent_as_null() {
        assertThat(catchThrowableOfType(RequestInvalidException.class,
                () -> request("{\"url\": \"https://127.0.0.1/\", \"event_types\": []}").changes(policy))
                .errorCodes()).containsExactly("url_invalid", "event_types_invalid");
        assertThat(catchThrowableOfType(RequestInvalidException.class,
                () -> request("{\"url\": null, \"event_types\": null}").changes(policy)).errorCodes())
                .containsExactly("url_required", "event_types_invalid");
        assertThat(request("{\"headers\": null, \"active\": null}").changes(policy))
                .isEqualTo(new EndpointSettings(null, true, List.of(), null, null));
    }

    private static String valid(String field) {
        return "{\"url\": \"https://93.184.216.34/\", \"event_types\": [\"payment_approved\"], " + field + "}";
    }

    private List<String> errorCodes(String json) {
        return catchThrowableOfType(RequestInvalidException.class, () -> request(json).settings(policy)).errorCodes();
    }

    private static WebhookRequest request(String json) {
        return JsonMapper.shared().readValue(json, WebhookRequest.class);
    }
}
