package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.MessageHeaders;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.payment.FakeAcquirer.ReceivedCommand;
import io.paygate.payment.PaymentApi.Answer;
import io.paygate.payment.adapter.in.schedule.SweepSchedule;
import io.paygate.payment.application.ValidationError;
import io.paygate.payment.configuration.PaymentProperties;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment API end to end inside the service: HTTP in, MongoDB, the authorisation command out over RabbitMQ to a
 * fake acquirer, its result back in through both result queues.
 */
@TestPropertySource(properties = "paygate.payments.authorization-timeout=3s")
@ExtendWith(OutputCaptureExtension.class)
class PaymentApiTests extends ServiceIntegrationTest {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String SILENT_CARD = "4000000000000010";
    private static final String CVV = "987";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    PaymentProperties properties;

    @Test
    void authorizes_a_payment_through_the_acquirer_and_answers_201(CapturedOutput output) {
        String merchant = TestIsolation.merchantId();

        Answer answer = api.post(merchant, PaymentApi.cardPayment(APPROVED_CARD, CVV));

        assertThat(answer.status()).isEqualTo(201);
        String id = answer.text("id");
        assertThat(id).matches("pay_[a-z2-7]{26}");
        assertThat(answer.headers().getLocation()).hasToString("/payments/" + id);
        assertThat(answer.text("action_id")).matches("act_[a-z2-7]{26}");
        assertThat(answer.body().path("amount").asLong()).isEqualTo(1050);
        assertThat(answer.text("currency")).isEqualTo("GBP");
        assertThat(answer.body().path("approved").asBoolean()).isTrue();
        assertThat(answer.text("status")).isEqualTo("Authorized");
        assertThat(answer.text("response_code")).isEqualTo("10000");
        assertThat(answer.text("response_summary")).isEqualTo("Approved");
        assertThat(answer.text("reference")).isEqualTo("ORD-5023");
        assertThat(Instant.parse(answer.text("processed_on"))).isBeforeOrEqualTo(Instant.now());
        assertThat(answer.text("processed_on")).endsWith("Z");
        assertThat(answer.body().path("source").path("type").asString()).isEqualTo("card");
        assertThat(answer.body().path("source").path("last4").asString()).isEqualTo("1111");
        assertThat(answer.body().path("source").path("bin").asString()).isEqualTo("411111");
        assertThat(answer.body().path("source").path("expiry_month").asInt()).isEqualTo(12);
        assertThat(answer.body().path("source").path("expiry_year").asInt()).isEqualTo(2030);
        assertThat(answer.body().path("source").path("scheme").asString()).isEqualTo("Visa");
        assertThat(answer.body().path("_links").path("self").path("href").asString()).isEqualTo("/payments/" + id);

        ReceivedCommand received = acquirer.awaitCommand(id);
        assertThat(answer.text("auth_code")).isNotBlank();
        AuthorizePayment command = received.command();
        assertThat(command.merchantId()).isEqualTo(merchant);
        assertThat(command.acquirerMerchantId()).isEqualTo("acq-" + merchant);
        assertThat(command.amount()).isEqualTo(1050);
        assertThat(command.currency()).isEqualTo("GBP");
        assertThat(command.replyTo()).startsWith("result.");
        assertThat(command.requestedOn()).isEqualTo(Instant.parse(api.get(merchant, id).text("requested_on")));
        assertThat(command.expiresAt()).isEqualTo(command.requestedOn().plus(properties.finalDeadline()));
        assertThat(received.card().number()).isEqualTo(APPROVED_CARD);
        assertThat(received.card().cvv()).isEqualTo(CVV);
        assertThat(received.card().expiryMonth()).isEqualTo(12);
        assertThat(received.card().expiryYear()).isEqualTo(2030);
        assertThat(command.card().ciphertext()).doesNotContain(APPROVED_CARD);
        assertThat(received.properties().getMessageId()).isEqualTo(id);
        assertThat((Object) received.properties().getHeader(MessageHeaders.TYPE)).isEqualTo(AuthorizePayment.TYPE);
        assertThat((Object) received.properties().getHeader(MessageHeaders.VERSION)).isEqualTo(AuthorizePayment.VERSION);
        assertThat(received.properties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(output).doesNotContain(APPROVED_CARD);
    }

    @Test
    void declines_a_card_the_bank_refuses_and_answers_201() {
        Answer answer = api.post(TestIsolation.merchantId(), PaymentApi.cardPayment(DECLINED_CARD, CVV));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text("status")).isEqualTo("Declined");
        assertThat(answer.body().path("approved").asBoolean()).isFalse();
        assertThat(answer.text("response_code")).isEqualTo("20005");
        assertThat(answer.text("response_summary")).isEqualTo("Declined - Do not honour");
        assertThat(answer.body().has("auth_code")).isFalse();
    }

    @Test
    void answers_202_pending_when_the_bank_is_slow_and_shows_the_late_result_later() {
        String merchant = TestIsolation.merchantId();

        Answer answer = api.post(merchant, PaymentApi.cardPayment(SILENT_CARD, CVV));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.text("status")).isEqualTo("Pending");
        assertThat(answer.body().path("approved").asBoolean()).isFalse();
        assertThat(answer.body().has("response_code")).isFalse();
        assertThat(answer.body().has("processed_on")).isFalse();
        String id = answer.text("id");
        assertThat(answer.headers().getLocation()).hasToString("/payments/" + id);
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");

        ReceivedCommand received = acquirer.awaitCommand(id);
        acquirer.answer(received.command().replyTo(), AuthorizationResult.approved(id, "late-770687", Instant.now()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer later = api.get(merchant, id);
            assertThat(later.text("status")).isEqualTo("Authorized");
            assertThat(later.text("auth_code")).isEqualTo("late-770687");
        });
    }

    @Test
    void gets_a_payment_with_the_details_of_its_request() {
        String merchant = TestIsolation.merchantId();
        Answer created = api.post(merchant, PaymentApi.cardPayment(APPROVED_CARD, CVV));

        Answer answer = api.get(merchant, created.text("id"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("id")).isEqualTo(created.text("id"));
        assertThat(answer.text("action_id")).isEqualTo(created.text("action_id"));
        assertThat(answer.text("status")).as("captured by default, as soon as it is authorised")
                .isIn("Authorized", "Captured");
        assertThat(answer.text("auth_code")).isEqualTo(created.text("auth_code"));
        assertThat(answer.text("processed_on")).isEqualTo(created.text("processed_on"));
        assertThat(Instant.parse(answer.text("requested_on")))
                .isBeforeOrEqualTo(Instant.parse(answer.text("processed_on")));
        assertThat(answer.text("description")).isEqualTo("Two books");
        assertThat(answer.body().path("metadata").path("order_id").asString()).isEqualTo("5023");
        assertThat(answer.body().path("metadata").path("gift").asBoolean()).isTrue();
        assertThat(answer.body().path("source").path("last4").asString()).isEqualTo("1111");
        assertThat(answer.body().path("_links").path("self").path("href").asString())
                .isEqualTo("/payments/" + created.text("id"));
    }

    @Test
    void hides_a_payment_from_every_other_merchant() {
        Answer created = api.post(TestIsolation.merchantId(), PaymentApi.cardPayment(APPROVED_CARD, CVV));

        Answer asAnotherMerchant = api.get(TestIsolation.merchantId(), created.text("id"));
        Answer unknown = api.get(TestIsolation.merchantId(), "pay_" + TestIsolation.random(26));
        Answer malformedId = api.get(TestIsolation.merchantId(), "not-a-payment-id");

        assertThat(asAnotherMerchant.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformedId.status()).isEqualTo(404);
        assertThat(asAnotherMerchant.rawBody()).isEqualTo(unknown.rawBody()).isEqualTo(malformedId.rawBody());
    }

    @Test
    void reports_every_invalid_field_at_once_and_neither_stores_nor_publishes() {
        String merchant = TestIsolation.merchantId();
        String body = """
                {"source": {"type": "card", "number": "4111111111111112", "expiry_month": 13, "expiry_year": 2030,
                            "cvv": "12"},
                 "amount": 10.5, "currency": "USD", "reference": "%s"}""".formatted("r".repeat(81));

        Answer answer = api.post(headers -> {
            api.merchant(merchant).accept(headers);
            headers.set(InternalHeaders.REQUEST_ID, "req-422-test");
        }, MediaType.APPLICATION_JSON, body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("request_id")).isEqualTo("req-422-test");
        assertThat(answer.text("error_type")).isEqualTo("request_invalid");
        assertThat(codes(answer)).containsExactly("card_number_invalid", "card_expiry_month_invalid", "cvv_invalid",
                "amount_invalid", "currency_not_supported", "reference_invalid");
        assertThat(storedPaymentsOf(merchant)).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> acquirer.commandsOf(merchant).isEmpty());
    }

    @Test
    void refuses_an_amount_that_is_not_a_whole_number_of_minor_units() {
        String merchant = TestIsolation.merchantId();
        for (String amount : List.of("10.5", "\"1050\"", "1050.0", "-1", "0", "10000000000", "99999999999999999999999")) {
            String body = PaymentApi.cardPayment(APPROVED_CARD, CVV).replace("\"amount\": 1050", "\"amount\": " + amount);

            Answer answer = api.post(merchant, body);

            assertThat(answer.status()).as(amount).isEqualTo(422);
            assertThat(codes(answer)).as(amount).containsExactly("amount_invalid");
        }
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void reports_values_of_the_wrong_json_type_as_invalid_fields_all_at_once(CapturedOutput output) {
        String merchant = TestIsolation.merchantId();
        String body = """
                {"source": "x", "amount": [1], "currency": {"$gt": ""}, "reference": 5023, "description": false,
                 "metadata": 5}""";

        Answer answer = api.post(headers -> {
            api.merchant(merchant).accept(headers);
            headers.set(InternalHeaders.REQUEST_ID, "req-types-test");
        }, MediaType.APPLICATION_JSON, body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("request_id")).isEqualTo("req-types-test");
        assertThat(answer.text("error_type")).isEqualTo("request_invalid");
        assertThat(codes(answer)).containsExactly("source_type_invalid", "amount_invalid", "currency_invalid",
                "reference_invalid", "description_invalid", "metadata_invalid");
        assertThat(storedPaymentsOf(merchant)).isZero();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> acquirer.commandsOf(merchant).isEmpty());
    }

    @Test
    void reports_each_card_field_of_the_wrong_json_type_without_showing_the_number(CapturedOutput output) {
        String merchant = TestIsolation.merchantId();
        String body = """
                {"source": {"type": ["card"], "number": 4111111111111111, "expiry_month": "12",
                            "expiry_year": {"year": 2030}, "cvv": 987},
                 "amount": 1050, "currency": "GBP"}""";

        Answer answer = api.post(merchant, body);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(codes(answer)).containsExactly("source_type_invalid", "card_number_invalid",
                "card_expiry_month_invalid", "card_expiry_year_invalid", "cvv_invalid");
        assertThat(answer.rawBody()).doesNotContain(APPROVED_CARD);
        assertThat(output.getAll()).doesNotContain(APPROVED_CARD);
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void names_the_field_whose_value_has_the_wrong_json_type() {
        String merchant = TestIsolation.merchantId();
        String valid = PaymentApi.cardPayment(APPROVED_CARD, CVV);
        Map<String, String> expected = Map.of(
                valid.replace("\"currency\": \"GBP\"", "\"currency\": {\"$gt\": \"\"}"), "currency_invalid",
                valid.replace("\"amount\": 1050", "\"amount\": [1]"), "amount_invalid",
                valid.replaceFirst("(?s)\\{\"type\".*?\"name\": \"Jane Doe\"}", "\"x\""), "source_type_invalid",
                valid.replaceFirst("\"metadata\": \\{.*?}", "\"metadata\": 5"), "metadata_invalid",
                valid.replace("\"reference\": \"ORD-5023\"", "\"reference\": [\"ORD-5023\"]"), "reference_invalid",
                valid.replace("\"number\": \"" + APPROVED_CARD + "\"", "\"number\": " + APPROVED_CARD),
                "card_number_invalid");

        expected.forEach((body, code) -> {
            Answer answer = api.post(merchant, body);

            assertThat(answer.status()).as(body).isEqualTo(422);
            assertThat(answer.text("error_type")).as(body).isEqualTo("request_invalid");
            assertThat(codes(answer)).as(body).containsExactly(code);
        });
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void answers_an_unknown_route_or_method_in_the_api_error_format() {
        String merchant = TestIsolation.merchantId();

        Answer unknownRoute = api.send(HttpMethod.GET, "/nothing", merchant, "req-404");
        Answer deletePayment = api.send(HttpMethod.DELETE, "/payments/pay_x", merchant, "req-405");
        Answer patchPayments = api.send(HttpMethod.PATCH, "/payments", merchant, "req-405-too");

        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.body().propertyNames()).containsExactly("request_id", "error_type", "error_codes");
        assertThat(unknownRoute.text("request_id")).isEqualTo("req-404");
        assertThat(unknownRoute.text("error_type")).isEqualTo("not_found");
        assertThat(codes(unknownRoute)).containsExactly("path_not_found");
        assertThat(deletePayment.status()).isEqualTo(405);
        assertThat(deletePayment.headers().getAllow()).containsExactly(HttpMethod.GET);
        assertThat(deletePayment.text("request_id")).isEqualTo("req-405");
        assertThat(deletePayment.text("error_type")).isEqualTo("method_not_allowed");
        assertThat(codes(deletePayment)).isEmpty();
        assertThat(patchPayments.status()).isEqualTo(405);
        assertThat(patchPayments.headers().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
        assertThat(patchPayments.text("error_type")).isEqualTo("method_not_allowed");
        assertThat(patchPayments.headers().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void answers_400_to_a_body_that_is_not_json() {
        String merchant = TestIsolation.merchantId();

        for (String body : List.of("{\"amount\": 1050, \"source\": ", "[1050]", "null", "\"GBP\"")) {
            Answer answer = api.post(merchant, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.text("request_id")).isNotBlank();
            assertThat(answer.text("error_type")).isEqualTo("request_malformed");
            assertThat(answer.body().path("error_codes").isArray()).isTrue();
        }
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void answers_400_to_json_nested_deeper_than_the_parser_allows_and_422_to_nested_metadata() {
        String merchant = TestIsolation.merchantId();
        String valid = PaymentApi.cardPayment(APPROVED_CARD, CVV);
        String deep = valid.replace("\"reference\"", "\"customer\": " + "[".repeat(2_000) + "]".repeat(2_000)
                + ", \"reference\"");
        String nestedMetadata = valid.replace("\"gift\": true", "\"gift\": {\"wrapped\": true}");

        Answer tooDeep = api.post(merchant, deep);
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.text("error_type")).isEqualTo("request_malformed");
        Answer nested = api.post(merchant, nestedMetadata);
        assertThat(nested.status()).isEqualTo(422);
        assertThat(codes(nested)).containsExactly("metadata_invalid");
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void answers_415_to_a_body_of_another_content_type() {
        String merchant = TestIsolation.merchantId();

        Answer answer = api.post(api.merchant(merchant), MediaType.TEXT_PLAIN, PaymentApi.cardPayment(APPROVED_CARD, CVV));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.text("error_type")).isEqualTo("request_malformed");
        assertThat(storedPaymentsOf(merchant)).isZero();
    }

    @Test
    void answers_401_with_an_empty_body_without_the_gateways_merchant_headers() {
        Answer post = api.post(headers -> { }, MediaType.APPLICATION_JSON, PaymentApi.cardPayment(APPROVED_CARD, CVV));
        Answer postWithoutAcquirer = api.post(headers -> headers.set(InternalHeaders.MERCHANT_ID, "mer_x"),
                MediaType.APPLICATION_JSON, PaymentApi.cardPayment(APPROVED_CARD, CVV));
        Answer get = api.get(headers -> { }, "/payments/pay_" + TestIsolation.random(26));

        assertThat(post.status()).isEqualTo(401);
        assertThat(postWithoutAcquirer.status()).isEqualTo(401);
        assertThat(get.status()).isEqualTo(401);
        assertThat(post.rawBody()).isNullOrEmpty();
        assertThat(get.rawBody()).isNullOrEmpty();
    }

    @Test
    void keeps_neither_the_card_number_nor_the_cvv_in_the_store() {
        Answer answer = api.post(TestIsolation.merchantId(), PaymentApi.cardPayment(APPROVED_CARD, CVV));

        Document stored = mongo.getCollection("payments").find(eq("_id", answer.text("id"))).first();

        assertThat(stored).isNotNull();
        List<Object> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        collect(stored, keys, values);
        assertThat(keys).doesNotContain("number", "cvv", "card_number");
        assertThat(values).noneMatch(value -> String.valueOf(value).contains(APPROVED_CARD))
                .noneMatch(value -> String.valueOf(value).equals(CVV));
        assertThat(stored.toJson()).doesNotContain(APPROVED_CARD);
        assertThat(stored.get("card", Document.class)).containsEntry("last4", "1111").containsEntry("bin", "411111");
    }

    @Test
    void ignores_fields_it_does_not_know_as_checkout_com_does() {
        String merchant = TestIsolation.merchantId();
        String body = """
                {"source": {"type": "card", "number": "4111111111111111", "expiry_month": 12, "expiry_year": 2030,
                            "cvv": "123", "billing_address": {"country": "GB"}, "phone": {"number": "1"}},
                 "amount": 1050, "currency": "GBP", "capture": true, "3ds": {"enabled": false},
                 "customer": {"email": "jane@example.com"}, "processing_channel_id": "pc_1"}""";

        Answer answer = api.post(merchant, body);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text("status")).isEqualTo("Authorized");
        assertThat(answer.body().has("capture")).isFalse();
    }

    @Test
    void takes_a_jpy_amount_in_whole_yen_as_jpy_has_no_minor_unit() {
        String merchant = TestIsolation.merchantId();
        String body = PaymentApi.cardPayment(APPROVED_CARD, CVV).replace("\"GBP\"", "\"JPY\"");

        Answer answer = api.post(merchant, body);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("amount").asLong()).isEqualTo(1050);
        assertThat(answer.text("currency")).isEqualTo("JPY");
        AuthorizePayment command = acquirer.awaitCommand(answer.text("id")).command();
        assertThat(command.amount()).as("never scaled by 100").isEqualTo(1050);
        assertThat(command.currency()).isEqualTo("JPY");
        Answer withYenFraction = api.post(merchant, body.replace("\"amount\": 1050", "\"amount\": 1050.5"));
        assertThat(codes(withYenFraction)).containsExactly("amount_invalid");
    }

    @Test
    void lists_a_merchants_payments_by_reference_newest_first_a_page_at_a_time() {
        String merchant = TestIsolation.merchantId();
        String reference = "ORD-" + TestIsolation.random(8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post(merchant, withReference(reference)).text("id"));
        }
        api.post(merchant, withReference(reference + "-other"));
        List<String> newestFirst = ids.reversed();

        Answer all = api.list(merchant, "reference=" + reference);
        Answer secondPage = api.list(merchant, "reference=" + reference + "&limit=2&skip=1");
        Answer beyond = api.list(merchant, "reference=" + reference + "&skip=3");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("limit").asInt()).isEqualTo(10);
        assertThat(all.body().path("skip").asInt()).isZero();
        assertThat(all.body().path("total_count").asInt()).isEqualTo(3);
        assertThat(idsOf(all)).isEqualTo(newestFirst);
        JsonNode newest = all.body().path("data").get(0);
        assertThat(newest.path("requested_on").asString()).isNotBlank();
        assertThat(newest.path("reference").asString()).isEqualTo(reference);
        assertThat(newest.path("metadata").path("order_id").asString()).isEqualTo("5023");
        assertThat(newest.path("_links").path("self").path("href").asString())
                .isEqualTo("/payments/" + newestFirst.getFirst());
        assertThat(secondPage.body().path("limit").asInt()).isEqualTo(2);
        assertThat(secondPage.body().path("skip").asInt()).isEqualTo(1);
        assertThat(secondPage.body().path("total_count").asInt()).isEqualTo(3);
        assertThat(idsOf(secondPage)).isEqualTo(newestFirst.subList(1, 3));
        assertThat(beyond.body().path("total_count").asInt()).isEqualTo(3);
        assertThat(idsOf(beyond)).isEmpty();
    }

    @Test
    void lists_only_the_calling_merchants_payments() {
        String reference = "ORD-" + TestIsolation.random(8);
        String oneMerchant = TestIsolation.merchantId();
        String otherMerchant = TestIsolation.merchantId();
        String mine = api.post(oneMerchant, withReference(reference)).text("id");
        String theirs = api.post(otherMerchant, withReference(reference)).text("id");

        assertThat(idsOf(api.list(oneMerchant, "reference=" + reference))).containsExactly(mine);
        assertThat(idsOf(api.list(otherMerchant, "reference=" + reference))).containsExactly(theirs);
        Answer nobody = api.list(TestIsolation.merchantId(), "reference=" + reference);
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.body().path("total_count").asInt()).isZero();
        assertThat(nobody.body().path("data").isArray()).isTrue();
        assertThat(api.get(headers -> { }, "/payments?reference=" + reference).status()).isEqualTo(401);
    }

    @Test
    void refuses_a_list_without_a_reference_or_with_paging_out_of_range() {
        String merchant = TestIsolation.merchantId();

        Answer noReference = api.list(merchant, "limit=10");
        Answer badPaging = api.list(merchant, "reference=ORD-5023&limit=101&skip=-1");
        Answer notNumbers = api.list(merchant, "reference=ORD-5023&limit=ten&skip=1.5");

        assertThat(noReference.status()).isEqualTo(422);
        assertThat(noReference.text("error_type")).isEqualTo("request_invalid");
        assertThat(codes(noReference)).containsExactly("reference_required");
        assertThat(codes(badPaging)).containsExactly("paging_limit_invalid", "paging_skip_invalid");
        assertThat(codes(notNumbers)).containsExactly("paging_limit_invalid", "paging_skip_invalid");
    }

    @Test
    void serves_its_health_and_its_api_description() {
        Answer health = api.get(headers -> { }, "/actuator/health");
        Answer apiDocs = api.get(headers -> { }, "/v3/api-docs");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(apiDocs.status()).isEqualTo(200);
        JsonNode paths = apiDocs.body().path("paths");
        assertThat(paths.has("/payments")).isTrue();
        assertThat(paths.has("/payments/{id}")).isTrue();
        assertThat(apiDocs.body().at("/components/schemas/PaymentRequest/properties/amount/type").asString())
                .isEqualTo("integer");
        assertThat(apiDocs.rawBody()).contains("card_number_invalid").doesNotContain(InternalHeaders.MERCHANT_ID);
    }

    @Test
    void describes_every_operation_with_its_answers_its_headers_and_the_bearer_key() {
        Answer apiDocs = api.get(headers -> { }, "/v3/api-docs");
        JsonNode paths = apiDocs.body().path("paths");
        JsonNode post = paths.path("/payments").path("post");
        JsonNode list = paths.path("/payments").path("get");
        JsonNode get = paths.path("/payments/{id}").path("get");

        assertThat(List.of(post, list, get)).allSatisfy(operation ->
                assertThat(operation.path("security").get(0).has("secret-key")).isTrue());
        assertThat(apiDocs.body().at("/components/securitySchemes/secret-key/scheme").asString()).isEqualTo("bearer");
        assertThat(fieldNames(post.path("responses")))
                .containsExactlyInAnyOrder("201", "202", "400", "401", "409", "415", "422", "429");
        assertThat(fieldNames(post.at("/responses/201/headers"))).contains("Location", "Idempotent-Replayed");
        List<String> headerParameters = new ArrayList<>();
        post.path("parameters").forEach(parameter -> headerParameters.add(parameter.path("name").asString()));
        assertThat(headerParameters).containsExactlyInAnyOrder("Cko-Idempotency-Key", "Idempotency-Key");
        assertThat(fieldNames(list.path("responses"))).containsExactlyInAnyOrder("200", "401", "422", "429");
        assertThat(fieldNames(get.path("responses"))).containsExactlyInAnyOrder("200", "401", "404", "429");
        assertThat(List.of(post, list, get)).as("the gateway's rate limits").allSatisfy(operation ->
                assertThat(fieldNames(operation.at("/responses/429/headers"))).containsExactly("Retry-After"));
        List<String> documentedCodes = new ArrayList<>();
        apiDocs.body().at("/components/schemas/ErrorResponse/properties/error_codes/items/enum")
                .forEach(code -> documentedCodes.add(code.asString()));
        assertThat(documentedCodes).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ValidationError.values()).map(ValidationError::code).toList());
        assertThat(apiDocs.body().at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(apiDocs.rawBody()).as("no instance address, which changes from run to run").doesNotContain("localhost");
        assertThat(api.get(headers -> { }, "/v3/api-docs").rawBody()).isEqualTo(apiDocs.rawBody());
        for (String action : List.of("captures", "voids", "refunds")) {
            JsonNode operation = paths.path("/payments/{id}/" + action).path("post");
            assertThat(fieldNames(operation.path("responses"))).as(action)
                    .containsExactlyInAnyOrder("202", "400", "401", "403", "404", "409", "422", "429");
            assertThat(operation.path("security").get(0).has("secret-key")).isTrue();
        }
        assertThat(fieldNames(paths.path("/payments/{id}/actions").path("get").path("responses")))
                .containsExactlyInAnyOrder("200", "401", "404", "429");
    }

    /** Every schema property carries a description and every scalar one an example. */
    @Test
    void documents_every_field_with_a_description_and_an_example() {
        JsonNode schemas = api.get(headers -> { }, "/v3/api-docs").body().path("components").path("schemas");
        List<String> undocumented = new ArrayList<>();
        for (String schema : fieldNames(schemas)) {
            JsonNode properties = schemas.path(schema).path("properties");
            for (String property : fieldNames(properties)) {
                JsonNode field = properties.path(property);
                boolean scalar = !field.has("$ref") && !field.path("type").asString().equals("array");
                if (!field.has("description") || scalar && !field.has("example")) {
                    undocumented.add(schema + "." + property);
                }
            }
        }

        assertThat(undocumented).isEmpty();
    }

    @Test
    void listens_for_results_from_before_the_web_server_starts_until_after_it_has_drained(
            @Autowired ApplicationContext context) {
        int webServerPhase = context.getBean("webServerStartStop", SmartLifecycle.class).getPhase();

        assertThat(listeners.getListenerContainers()).isNotEmpty().allSatisfy(container ->
                assertThat(container.getPhase()).isLessThan(webServerPhase));
        assertThat(listeners.getPhase()).isLessThan(webServerPhase);
    }

    @Test
    void stops_claiming_sweeper_work_before_the_web_server_drains(@Autowired ApplicationContext context) {
        int webServerPhase = context.getBean("webServerGracefulShutdown", SmartLifecycle.class).getPhase();

        // Lifecycles stop from the highest phase down: the sweeper first, then the web server, then the listeners.
        assertThat(context.getBean(SweepSchedule.class).getPhase()).isGreaterThan(webServerPhase);
    }

    private long storedPaymentsOf(String merchant) {
        return mongo.getCollection("payments").countDocuments(eq("merchantId", merchant));
    }

    private static String withReference(String reference) {
        return PaymentApi.cardPayment(APPROVED_CARD, CVV).replace("\"ORD-5023\"", "\"" + reference + "\"");
    }

    private static List<String> idsOf(Answer list) {
        List<String> ids = new ArrayList<>();
        list.body().path("data").forEach(payment -> ids.add(payment.path("id").asString()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> codes(Answer answer) {
        List<String> codes = new ArrayList<>();
        answer.body().path("error_codes").forEach(code -> codes.add(code.asString()));
        return codes;
    }

    private static void collect(Object value, List<String> keys, List<Object> values) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> {
                keys.add(String.valueOf(key));
                collect(nested, keys, values);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(nested -> collect(nested, keys, values));
        } else {
            values.add(value);
        }
    }
}
