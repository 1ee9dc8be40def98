package io.paygate.systemtests;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutApiException;
import com.checkout.CheckoutSdk;
import com.checkout.CustomEnvironment;
import com.checkout.EmptyResponse;
import com.checkout.ItemsResponse;
import com.checkout.common.Currency;
import com.checkout.payments.ActionType;
import com.checkout.payments.CaptureRequest;
import com.checkout.payments.CaptureResponse;
import com.checkout.payments.CaptureType;
import com.checkout.payments.PaymentAction;
import com.checkout.payments.PaymentActionSummary;
import com.checkout.payments.PaymentStatus;
import com.checkout.payments.RefundRequest;
import com.checkout.payments.RefundResponse;
import com.checkout.payments.VoidRequest;
import com.checkout.payments.VoidResponse;
import com.checkout.payments.PaymentsQueryFilter;
import com.checkout.payments.request.PaymentRequest;
import com.checkout.payments.request.source.RequestCardSource;
import com.checkout.payments.response.GetPaymentResponse;
import com.checkout.payments.response.PaymentResponse;
import com.checkout.payments.response.PaymentsQueryResponse;
import com.checkout.payments.response.PaymentResponseBalances;
import com.checkout.payments.response.source.CardResponseSource;
import com.checkout.webhooks.previous.WebhookRequest;
import com.checkout.webhooks.previous.WebhookResponse;
import com.checkout.webhooks.previous.WebhooksClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

/**
 * A merchant who already integrated Checkout.com points its official Java SDK at PayGate and nothing else changes:
 * the SDK's own request objects go out, its typed response objects come back filled in.
 */
@ExtendWith(SharedStack.Extension.class)
class CheckoutSdkCompatibilityIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";
    /** Where the endpoints point: registering one calls nothing there. */
    private static final String RECEIVER = "http://127.0.0.1:9/hook";

    private static CheckoutApi checkout;
    private static Gateway gateway;
    private static String secretKey;
    /** Another merchant's key: its payments are not the SDK merchant's to capture, void or refund. */
    private static String otherMerchantKey;
    /**
     * The SDK's webhooks client, which only its previous API (CheckoutPreviousSdkBuilder) has, for a merchant of its
     * own that makes no payments, so that its endpoints are never sent an event.
     */
    private static WebhooksClient webhooks;
    private static String webhooksMerchantKey;
    /** A merchant that registers its endpoint and makes its payments through the SDK, and is told of them. */
    private static String notifiedMerchantKey;
    private static CustomEnvironment environment;
    private static HttpClientBuilder trustingTheStack;

    @BeforeAll
    static void configureTheSdk(SharedStack stack) {
        gateway = stack.gateway();
        secretKey = stack.createMerchant("E2E SDK Shop", List.of("GBP", "EUR", "USD"));
        otherMerchantKey = stack.createMerchant("E2E SDK Other Shop", List.of("GBP"));
        webhooksMerchantKey = stack.createMerchant("E2E SDK Webhooks Shop", List.of("GBP"));
        notifiedMerchantKey = stack.createMerchant("E2E SDK Notified Shop", List.of("GBP"));
        URI base = gateway.baseUri();
        // Checkout.com spreads its API over several hosts and the SDK refuses to build without the files,
        // transfers and balances ones ("baseUri cannot be null"); PayGate serves what it serves from one.
        environment = CustomEnvironment.builder()
                .checkoutApi(base)
                .filesApi(base)
                .transfersApi(base)
                .balancesApi(base)
                .build();
        trustingTheStack = HttpClientBuilder.create()
                .setSSLContext(Gateway.trusting(stack.local().certificate()));
        checkout = sdk(secretKey);
        webhooks = webhooksSdk(webhooksMerchantKey);
    }

    private static CheckoutApi sdk(String key) {
        return CheckoutSdk.builder()
                .staticKeys()
                .secretKey(key)
                .environment(environment)
                .httpClientBuilder(trustingTheStack)
                .build();
    }

    /** The previous API's clients send the key bare, "Authorization: sk_...", as Checkout.com's previous API takes it. */
    private static WebhooksClient webhooksSdk(String key) {
        return CheckoutSdk.builder()
                .previous()
                .staticKeys()
                .secretKey(key)
                .environment(environment)
                .httpClientBuilder(trustingTheStack)
                .build()
                .webhooksClient();
    }

    @Test
    void authorises_a_card_payment_requested_through_the_sdk_and_reads_its_details_back() {
        String reference = "ORD-SDK-" + UUID.randomUUID().toString().substring(0, 8);

        // Not captured automatically, so that the payment is still Authorized when it is read back.
        PaymentRequest request = cardPayment(APPROVED_CARD, 1050L, Currency.GBP, reference);
        request.setCapture(false);
        PaymentResponse payment = await(checkout.paymentsClient().requestPayment(request, idempotencyKey()));

        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.getId()).matches("pay_[a-z2-7]{26}");
        assertThat(payment.getActionId()).startsWith("act_");
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.isApproved()).isTrue();
        assertThat(payment.getResponseCode()).isEqualTo("10000");
        assertThat(payment.getAuthCode()).isNotBlank();
        assertThat(payment.getAmount()).isEqualTo(1050L);
        assertThat(payment.getCurrency()).isEqualTo(Currency.GBP);
        assertThat(payment.getReference()).isEqualTo(reference);
        assertThat(payment.getProcessedOn()).isNotNull();
        assertThat(payment.getRequestId()).isNotBlank();
        assertThat(payment.getSelfLink()).isNotNull();
        assertThat(payment.getSelfLink().getHref()).endsWith("/payments/" + payment.getId());
        assertThat(payment.getSource()).isInstanceOfSatisfying(CardResponseSource.class, card -> {
            assertThat(card.getLast4()).isEqualTo("1111");
            assertThat(card.getBin()).isEqualTo("411111");
            assertThat(card.getExpiryMonth()).isEqualTo(12);
            assertThat(card.getExpiryYear()).isEqualTo(2030);
            assertThat(card.getScheme()).isEqualTo("Visa");
        });

        GetPaymentResponse details = await(checkout.paymentsClient().getPayment(payment.getId()));

        assertThat(details.getHttpStatusCode()).isEqualTo(200);
        assertThat(details.getId()).isEqualTo(payment.getId());
        assertThat(details.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(details.getApproved()).isTrue();
        assertThat(details.getAmount()).isEqualTo(1050L);
        assertThat(details.getCurrency()).isEqualTo(Currency.GBP);
        assertThat(details.getReference()).isEqualTo(reference);
        assertThat(details.getRequestedOn()).isBeforeOrEqualTo(payment.getProcessedOn());
        // The SDK keeps this one as the raw string; a merchant parses it.
        assertThat(Instant.parse(details.getProcessedOn())).isEqualTo(payment.getProcessedOn());
        assertThat(details.getSelfLink().getHref()).isEqualTo(payment.getSelfLink().getHref());
        assertThat(details.getSource()).isInstanceOfSatisfying(CardResponseSource.class, card -> {
            assertThat(card.getLast4()).isEqualTo("1111");
            assertThat(card.getBin()).isEqualTo("411111");
        });
        assertThat(details.getBody()).doesNotContain(APPROVED_CARD);
    }

    @Test
    void declines_through_the_sdk_a_card_the_bank_refuses() {
        PaymentResponse payment = await(checkout.paymentsClient()
                .requestPayment(cardPayment(DECLINED_CARD, 2000L, Currency.EUR, "ORD-SDK-DECLINED"), idempotencyKey()));

        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.isApproved()).isFalse();
        assertThat(payment.getResponseCode()).isEqualTo("20005");
        assertThat(payment.getResponseSummary()).isNotBlank();
        assertThat(payment.getAuthCode()).isNull();
        assertThat(payment.getSource()).isInstanceOfSatisfying(CardResponseSource.class,
                card -> assertThat(card.getLast4()).isEqualTo("4242"));

        GetPaymentResponse details = await(checkout.paymentsClient().getPayment(payment.getId()));

        assertThat(details.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(details.getApproved()).isFalse();
    }

    @Test
    void replays_the_first_payment_when_the_sdk_repeats_an_idempotency_key() {
        String key = idempotencyKey();
        PaymentRequest request = cardPayment(APPROVED_CARD, 3100L, Currency.USD, "ORD-SDK-RETRY");

        PaymentResponse first = await(checkout.paymentsClient().requestPayment(request, key));
        PaymentResponse repeated = await(checkout.paymentsClient().requestPayment(request, key));

        assertThat(repeated.getId()).isEqualTo(first.getId());
        assertThat(repeated.getHttpStatusCode()).isEqualTo(first.getHttpStatusCode());
        assertThat(repeated.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(caseInsensitive(repeated.getResponseHeaders())).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void lists_through_the_sdk_the_payments_with_a_reference_newest_first() {
        String reference = "ORD-SDK-LIST-" + UUID.randomUUID().toString().substring(0, 8);
        PaymentResponse older = authorisedWithoutCapture(1200L, Currency.GBP, reference);
        PaymentResponse newer = await(checkout.paymentsClient()
                .requestPayment(cardPayment(DECLINED_CARD, 1300L, Currency.GBP, reference), idempotencyKey()));

        PaymentsQueryResponse list = await(checkout.paymentsClient()
                .getPaymentsList(PaymentsQueryFilter.builder().reference(reference).limit(10).skip(0).build()));

        assertThat(list.getTotalCount()).isEqualTo(2);
        assertThat(list.getLimit()).isEqualTo(10);
        assertThat(list.getSkip()).isZero();
        assertThat(list.getData()).extracting(GetPaymentResponse::getId).containsExactly(newer.getId(), older.getId());
        assertThat(list.getData()).extracting(GetPaymentResponse::getStatus)
                .containsExactly(PaymentStatus.DECLINED, PaymentStatus.AUTHORIZED);
        assertThat(list.getData().getFirst().getSource()).isInstanceOfSatisfying(CardResponseSource.class,
                card -> assertThat(card.getLast4()).isEqualTo("4242"));
    }

    /**
     * SDK 6 collects response headers with {@code Collectors.toMap}: a header name sent twice makes its transport
     * fail the call, which the merchant sees as a bodiless 400. Checked here with a plain client to say why.
     */
    @Test
    void sends_each_response_header_once_as_the_sdk_requires() {
        Gateway.Reply created = gateway.post("/payments", secretKey, """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": 1400, "currency": "GBP", "reference": "ORD-SDK-HEADERS"}
                """.formatted(APPROVED_CARD));
        Gateway.Reply read = gateway.get("/payments/" + created.text("id"), secretKey);
        Gateway.Reply invalid = gateway.post("/payments", secretKey, "{\"amount\": 0}");

        for (Gateway.Reply reply : List.of(created, read, invalid)) {
            assertThat(reply.response().headers().map())
                    .as("%s %s", reply.response().request().method(), reply.response().uri())
                    .allSatisfy((name, values) -> assertThat(values).as(name).hasSize(1));
        }
    }

    @Test
    void reports_every_invalid_field_in_the_sdk_exception() {
        PaymentRequest invalid = PaymentRequest.builder()
                .source(RequestCardSource.builder().number("4111111111111112").expiryMonth(13).expiryYear(2030)
                        .cvv("12").build())
                .amount(0L)
                .currency(Currency.GBP)
                .build();

        assertThatThrownBy(() -> await(checkout.paymentsClient().requestPayment(invalid, idempotencyKey())))
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> {
                    assertThat(rejected.getHttpStatusCode()).isEqualTo(422);
                    assertThat(rejected.getRequestId()).isNotBlank();
                    assertThat(rejected.getErrorDetails())
                            .containsEntry("error_type", "request_invalid")
                            .containsEntry("request_id", rejected.getRequestId());
                    assertThat(rejected.getErrorDetails().get("error_codes")).asInstanceOf(list(String.class))
                            .contains("card_number_invalid", "card_expiry_month_invalid", "cvv_invalid",
                                    "amount_invalid");
                });
    }

    @Test
    void answers_the_sdk_with_not_found_for_an_unknown_payment() {
        assertThatThrownBy(() -> await(checkout.paymentsClient().getPayment("pay_" + "a".repeat(26))))
                .isInstanceOfSatisfying(CheckoutApiException.class,
                        notFound -> assertThat(notFound.getHttpStatusCode()).isEqualTo(404));
    }

    @Test
    void captures_in_full_through_the_sdk_a_payment_authorised_without_capture() {
        PaymentResponse payment = authorisedWithoutCapture(2500L, Currency.GBP, "ORD-SDK-CAPTURE");

        CaptureResponse capture = await(checkout.paymentsClient().capturePayment(payment.getId()));

        assertThat(capture.getHttpStatusCode()).isEqualTo(202);
        assertThat(capture.getActionId()).matches("act_[a-z2-7]{26}");
        assertThat(capture.getLink("payment").getHref()).endsWith("/payments/" + payment.getId());
        GetPaymentResponse captured = awaitStatus(payment.getId(), PaymentStatus.CAPTURED);
        assertBalances(captured.getBalances(), 2500, 0, 0, 2500, 0, 0, 2500);
        assertThat(captured.getLinks()).containsKeys("self", "actions", "refund").doesNotContainKeys("capture", "void");
        assertThat(captured.getActions()).extracting(PaymentActionSummary::getId).contains(capture.getActionId());
        assertThat(captured.getActions()).extracting(PaymentActionSummary::getType)
                .containsExactlyInAnyOrder(ActionType.AUTHORIZATION, ActionType.CAPTURE);

        List<PaymentAction> actions = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems();
        assertThat(actions).extracting(PaymentAction::getType).containsExactly(ActionType.CAPTURE, ActionType.AUTHORIZATION);
        assertThat(actions.getFirst().getId()).isEqualTo(capture.getActionId());
        assertThat(actions.getFirst().getAmount()).isEqualTo(2500L);
        assertThat(actions.getFirst().getApproved()).isTrue();
        assertThat(actions.getFirst().getResponseCode()).isEqualTo("10000");
        assertThat(actions.getFirst().getProcessedOn()).isNotNull();
    }

    @Test
    void captures_through_the_sdk_part_of_a_payment_non_final_then_a_final_part_that_releases_the_rest() {
        PaymentResponse payment = authorisedWithoutCapture(3000L, Currency.EUR, "ORD-SDK-PARTIAL");

        CaptureResponse first = await(checkout.paymentsClient().capturePayment(payment.getId(), CaptureRequest.builder()
                .amount(1000L).captureType(CaptureType.NON_FINAL).reference("SHIP-1").metadata(Map.of("parcel", "1"))
                .build()));
        assertThat(first.getHttpStatusCode()).isEqualTo(202);
        assertThat(first.getReference()).isEqualTo("SHIP-1");
        GetPaymentResponse partly = awaitStatus(payment.getId(), PaymentStatus.PARTIALLY_CAPTURED);
        assertBalances(partly.getBalances(), 3000, 0, 0, 1000, 2000, 0, 1000);
        assertThat(partly.getLinks()).containsKeys("capture", "refund").doesNotContainKey("void");

        CaptureResponse last = await(checkout.paymentsClient().capturePayment(payment.getId(), CaptureRequest.builder()
                .amount(1500L).captureType(CaptureType.FINAL).reference("SHIP-2").build()));
        GetPaymentResponse finished = awaitBalances(payment.getId(), balances -> balances.getTotalCaptured() == 2500L);

        assertThat(finished.getStatus()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        // The final capture released the 500 left: nothing more can be captured, nor voided.
        assertBalances(finished.getBalances(), 3000, 0, 0, 2500, 0, 0, 2500);
        assertThat(finished.getLinks()).containsKey("refund").doesNotContainKeys("capture", "void");
        assertThat(await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems())
                .extracting(PaymentAction::getId, PaymentAction::getType, PaymentAction::getAmount, PaymentAction::getReference)
                .containsExactly(
                        tuple(last.getActionId(), ActionType.CAPTURE, 1500L, "SHIP-2"),
                        tuple(first.getActionId(), ActionType.CAPTURE, 1000L, "SHIP-1"),
                        tuple(payment.getActionId(), ActionType.AUTHORIZATION, 3000L,
                                "ORD-SDK-PARTIAL"));
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(payment.getId())))
                .as("a capture after the final one")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));
    }

    @Test
    void takes_through_the_sdk_a_non_final_and_a_final_capture_requested_back_to_back_in_their_order() {
        PaymentResponse payment = authorisedWithoutCapture(4000L, Currency.USD, "ORD-SDK-QUEUED");

        CaptureResponse first = await(checkout.paymentsClient().capturePayment(payment.getId(),
                CaptureRequest.builder().amount(1000L).captureType(CaptureType.NON_FINAL).build()));
        CaptureResponse second = await(checkout.paymentsClient().capturePayment(payment.getId(),
                CaptureRequest.builder().amount(3000L).captureType(CaptureType.FINAL).build()));

        GetPaymentResponse captured = awaitStatus(payment.getId(), PaymentStatus.CAPTURED);
        assertBalances(captured.getBalances(), 4000, 0, 0, 4000, 0, 0, 4000);
        List<PaymentAction> actions = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems();
        assertThat(actions).extracting(PaymentAction::getId)
                .containsExactly(second.getActionId(), first.getActionId(), payment.getActionId());
        assertThat(actions).allSatisfy(action -> assertThat(action.getApproved()).as(action.getId()).isTrue());
        assertThat(actions.get(1).getProcessedOn()).isBeforeOrEqualTo(actions.getFirst().getProcessedOn());
    }

    @Test
    void voids_through_the_sdk_an_authorised_payment() {
        PaymentResponse payment = authorisedWithoutCapture(1800L, Currency.GBP, "ORD-SDK-VOID");

        VoidResponse voided = await(checkout.paymentsClient().voidPayment(payment.getId(),
                VoidRequest.builder().reference("CANCEL-1").metadata(Map.of("reason", "out of stock")).build()));

        assertThat(voided.getHttpStatusCode()).isEqualTo(202);
        assertThat(voided.getActionId()).matches("act_[a-z2-7]{26}");
        assertThat(voided.getReference()).isEqualTo("CANCEL-1");
        assertThat(voided.getLink("payment").getHref()).endsWith("/payments/" + payment.getId());
        GetPaymentResponse details = awaitStatus(payment.getId(), PaymentStatus.VOIDED);
        assertBalances(details.getBalances(), 1800, 1800, 0, 0, 0, 0, 0);
        assertThat(details.getLinks()).doesNotContainKeys("capture", "void", "refund");
        PaymentAction voidAction = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems().getFirst();
        assertThat(voidAction.getType()).isEqualTo(ActionType.VOID);
        assertThat(voidAction.getId()).isEqualTo(voided.getActionId());
        assertThat(voidAction.getApproved()).isTrue();
        assertThat(voidAction.getReference()).isEqualTo("CANCEL-1");
        assertThat(voidAction.getMetadata()).containsEntry("reason", "out of stock");
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(payment.getId())))
                .as("a capture after the void")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));
    }

    @Test
    void captures_automatically_a_payment_requested_without_the_capture_field() {
        PaymentResponse payment = await(checkout.paymentsClient()
                .requestPayment(cardPayment(APPROVED_CARD, 2200L, Currency.GBP, "ORD-SDK-AUTO"), idempotencyKey()));
        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.isApproved()).isTrue();

        GetPaymentResponse captured = awaitStatus(payment.getId(), PaymentStatus.CAPTURED);

        assertBalances(captured.getBalances(), 2200, 0, 0, 2200, 0, 0, 2200);
        List<PaymentAction> actions = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems();
        assertThat(actions).extracting(PaymentAction::getType, PaymentAction::getAmount, PaymentAction::getApproved)
                .containsExactly(tuple(ActionType.CAPTURE, 2200L, true),
                        tuple(ActionType.AUTHORIZATION, 2200L, true));
        assertThat(actions.getLast().getAuthCode()).isEqualTo(payment.getAuthCode());
    }

    @Test
    void refunds_through_the_sdk_part_then_the_rest_of_a_captured_payment() {
        PaymentResponse payment = authorisedWithoutCapture(5000L, Currency.EUR, "ORD-SDK-REFUND");
        await(checkout.paymentsClient().capturePayment(payment.getId(), CaptureRequest.builder().build()));
        awaitStatus(payment.getId(), PaymentStatus.CAPTURED);

        RefundResponse partial = await(checkout.paymentsClient().refundPayment(payment.getId(),
                RefundRequest.builder().amount(1200L).reference("RET-1").metadata(Map.of("items", "1")).build()));
        assertThat(partial.getHttpStatusCode()).isEqualTo(202);
        assertThat(partial.getActionId()).matches("act_[a-z2-7]{26}");
        assertThat(partial.getReference()).isEqualTo("RET-1");
        GetPaymentResponse partly = awaitStatus(payment.getId(), PaymentStatus.PARTIALLY_REFUNDED);
        assertBalances(partly.getBalances(), 5000, 0, 0, 5000, 0, 1200, 3800);
        assertThat(partly.getLinks()).containsKey("refund");

        RefundResponse rest = await(checkout.paymentsClient().refundPayment(payment.getId()));
        GetPaymentResponse refunded = awaitStatus(payment.getId(), PaymentStatus.REFUNDED);

        assertBalances(refunded.getBalances(), 5000, 0, 0, 5000, 0, 5000, 0);
        assertThat(refunded.getLinks()).doesNotContainKeys("capture", "void", "refund");
        List<PaymentAction> actions = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems();
        assertThat(actions).extracting(PaymentAction::getId, PaymentAction::getType, PaymentAction::getAmount)
                .startsWith(tuple(rest.getActionId(), ActionType.REFUND, 3800L),
                        tuple(partial.getActionId(), ActionType.REFUND, 1200L));
        assertThat(actions).extracting(PaymentAction::getType)
                .containsExactly(ActionType.REFUND, ActionType.REFUND, ActionType.CAPTURE, ActionType.AUTHORIZATION);
        assertThat(actions).allSatisfy(action -> {
            assertThat(action.getApproved()).as(action.getId()).isTrue();
            assertThat(action.getResponseCode()).as(action.getId()).isEqualTo("10000");
            assertThat(action.getProcessedOn()).as(action.getId()).isNotNull();
        });
        assertThat(actions.get(1).getMetadata()).containsEntry("items", "1");
        assertThatThrownBy(() -> await(checkout.paymentsClient().refundPayment(payment.getId())))
                .as("a refund of a payment refunded in full")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));
    }

    @Test
    void replays_a_capture_when_the_sdk_repeats_its_idempotency_key_and_refuses_the_key_for_another_capture() {
        PaymentResponse payment = authorisedWithoutCapture(2000L, Currency.GBP, "ORD-SDK-CAPTURE-RETRY");
        String key = idempotencyKey();
        CaptureRequest request = CaptureRequest.builder().amount(700L).captureType(CaptureType.NON_FINAL).build();

        CaptureResponse first = await(checkout.paymentsClient().capturePayment(payment.getId(), request, key));
        CaptureResponse repeated = await(checkout.paymentsClient().capturePayment(payment.getId(), request, key));

        assertThat(repeated.getActionId()).isEqualTo(first.getActionId());
        assertThat(caseInsensitive(repeated.getResponseHeaders())).containsEntry("Idempotent-Replayed", "true");
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(payment.getId(),
                CaptureRequest.builder().amount(800L).captureType(CaptureType.NON_FINAL).build(), key)))
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> {
                    assertThat(rejected.getHttpStatusCode()).isEqualTo(422);
                    assertThat(rejected.getErrorDetails()).containsEntry("error_type", "idempotency_key_reused");
                });
        GetPaymentResponse captured = awaitStatus(payment.getId(), PaymentStatus.PARTIALLY_CAPTURED);
        assertBalances(captured.getBalances(), 2000, 0, 0, 700, 1300, 0, 700);
        assertThat(await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems())
                .filteredOn(action -> action.getType() == ActionType.CAPTURE).hasSize(1);
    }

    @Test
    void answers_the_sdk_with_typed_errors_for_actions_the_payment_does_not_allow() {
        PaymentResponse authorised = authorisedWithoutCapture(1000L, Currency.GBP, "ORD-SDK-ERRORS");

        assertThatThrownBy(() -> await(checkout.paymentsClient().refundPayment(authorised.getId())))
                .as("a refund before any capture")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(authorised.getId(),
                CaptureRequest.builder().amount(1001L).build())))
                .as("a capture of more than was authorised")
                .isInstanceOfSatisfying(CheckoutApiException.class,
                        rejected -> assertRequestInvalid(rejected, "capture_value_greater_than_authorized"));

        await(checkout.paymentsClient().capturePayment(authorised.getId(),
                CaptureRequest.builder().amount(600L).captureType(CaptureType.NON_FINAL).build()));
        awaitStatus(authorised.getId(), PaymentStatus.PARTIALLY_CAPTURED);

        assertThatThrownBy(() -> await(checkout.paymentsClient().voidPayment(authorised.getId())))
                .as("a void after a capture")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));
        assertThatThrownBy(() -> await(checkout.paymentsClient().refundPayment(authorised.getId(),
                RefundRequest.builder().amount(601L).build())))
                .as("a refund of more than was captured")
                .isInstanceOfSatisfying(CheckoutApiException.class,
                        rejected -> assertRequestInvalid(rejected, "amount_exceeds_balance"));
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(authorised.getId(),
                CaptureRequest.builder().amount(401L).build())))
                .as("a capture of more than is left")
                .isInstanceOfSatisfying(CheckoutApiException.class,
                        rejected -> assertRequestInvalid(rejected, "capture_value_greater_than_authorized"));

        PaymentResponse declined = await(checkout.paymentsClient().requestPayment(
                cardPayment(DECLINED_CARD, 1000L, Currency.GBP, "ORD-SDK-ERRORS-DECLINED"), idempotencyKey()));
        assertThat(declined.getStatus()).isEqualTo(PaymentStatus.DECLINED);
        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(declined.getId())))
                .as("a capture of a declined payment")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));

        // Nothing the refused requests asked for was taken on: the one capture alone.
        assertThat(await(checkout.paymentsClient().getPaymentActions(authorised.getId())).getItems())
                .extracting(PaymentAction::getType).containsExactly(ActionType.CAPTURE, ActionType.AUTHORIZATION);
    }

    @Test
    void answers_the_sdk_with_not_found_for_actions_of_an_unknown_payment() {
        String unknown = "pay_" + "b".repeat(26);

        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(unknown)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> await(checkout.paymentsClient().voidPayment(unknown)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> await(checkout.paymentsClient().refundPayment(unknown, RefundRequest.builder().amount(1L).build())))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> await(checkout.paymentsClient().getPaymentActions(unknown)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
    }

    @Test
    void captures_through_the_sdk_at_the_capture_on_time_and_shows_the_scheduled_capture_as_pending_until_then() {
        // Whole seconds: the SDK writes the time without its fraction, and the capture may not come before it.
        Instant captureOn = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        PaymentRequest request = cardPayment(APPROVED_CARD, 2700L, Currency.GBP, "ORD-SDK-CAPTURE-ON");
        request.setCaptureOn(captureOn);

        PaymentResponse payment = await(checkout.paymentsClient().requestPayment(request, idempotencyKey()));

        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        GetPaymentResponse scheduled = await(checkout.paymentsClient().getPayment(payment.getId()));
        assertThat(scheduled.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        // The scheduled capture already holds the whole authorisation: nothing left to capture or void meanwhile.
        assertBalances(scheduled.getBalances(), 2700, 0, 0, 0, 0, 0, 0);
        PaymentAction pending = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems().getFirst();
        assertThat(pending.getType()).isEqualTo(ActionType.CAPTURE);
        assertThat(pending.getAmount()).isEqualTo(2700L);
        assertThat(pending.getApproved()).isNull();
        assertThat(pending.getResponseCode()).isNull();
        assertThat(pending.getProcessedOn()).isNull();
        // The SDK reads an absent field and a null alike; on the wire a pending action has neither.
        JsonNode pendingOnTheWire = gateway.get("/payments/" + payment.getId() + "/actions", secretKey).json().get(0);
        assertThat(pendingOnTheWire.has("approved")).as(pendingOnTheWire.toString()).isFalse();
        assertThat(pendingOnTheWire.has("response_code")).as(pendingOnTheWire.toString()).isFalse();
        assertThat(pendingOnTheWire.has("processed_on")).as(pendingOnTheWire.toString()).isFalse();
        assertThatThrownBy(() -> await(checkout.paymentsClient().voidPayment(payment.getId())))
                .as("a void while the scheduled capture is pending")
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertActionNotAllowed(rejected));

        GetPaymentResponse captured = awaitStatus(payment.getId(), PaymentStatus.CAPTURED);

        assertBalances(captured.getBalances(), 2700, 0, 0, 2700, 0, 0, 2700);
        PaymentAction capture = await(checkout.paymentsClient().getPaymentActions(payment.getId())).getItems().getFirst();
        assertThat(capture.getId()).isEqualTo(pending.getId());
        assertThat(capture.getApproved()).isTrue();
        assertThat(capture.getProcessedOn()).isAfterOrEqualTo(captureOn);
    }

    /** The SDK has one client per secret key; another merchant's payment is checked over plain HTTPS. */
    @Test
    void answers_not_found_with_an_empty_body_for_actions_on_another_merchants_payment() {
        String othersPayment = gateway.post("/payments", otherMerchantKey, """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                 "amount": 1900, "currency": "GBP", "reference": "ORD-OTHER-SHOP", "capture": false}
                """.formatted(APPROVED_CARD)).text("id");

        assertThatThrownBy(() -> await(checkout.paymentsClient().capturePayment(othersPayment)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> await(checkout.paymentsClient().voidPayment(othersPayment)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> await(checkout.paymentsClient().getPaymentActions(othersPayment)))
                .isInstanceOfSatisfying(CheckoutApiException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        for (String path : List.of("/captures", "/voids", "/refunds")) {
            Gateway.Reply refused = gateway.post("/payments/" + othersPayment + path, secretKey, "{}");
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).isEmpty();
        }
        Gateway.Reply actions = gateway.get("/payments/" + othersPayment + "/actions", secretKey);
        assertThat(actions.status()).isEqualTo(404);
        assertThat(actions.body()).isEmpty();
        // Untouched: still its own merchant's to capture.
        Gateway.Reply own = gateway.get("/payments/" + othersPayment, otherMerchantKey);
        assertThat(own.text("status")).isEqualTo("Authorized");
        assertThat(own.json().path("balances").path("available_to_capture").asLong()).isEqualTo(1900L);
    }

    /** A payment requested with {@code capture: false}, answered {@code Authorized}: its captures are the test's. */
    private static PaymentResponse authorisedWithoutCapture(long amount, Currency currency, String reference) {
        PaymentRequest request = cardPayment(APPROVED_CARD, amount, currency, reference);
        request.setCapture(false);
        PaymentResponse payment = await(checkout.paymentsClient().requestPayment(request, idempotencyKey()));
        assertThat(payment.getHttpStatusCode()).isEqualTo(201);
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        return payment;
    }

    /** The bank answers captures, voids and refunds after the 202: polls the payment until it has the status. */
    private static GetPaymentResponse awaitStatus(String paymentId, PaymentStatus status) {
        GetPaymentResponse[] last = new GetPaymentResponse[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .alias(paymentId + " " + status)
                .until(() -> {
                    last[0] = await(checkout.paymentsClient().getPayment(paymentId));
                    return last[0].getStatus() == status;
                });
        return last[0];
    }

    private static GetPaymentResponse awaitBalances(String paymentId,
                                                    Predicate<PaymentResponseBalances> condition) {
        GetPaymentResponse[] last = new GetPaymentResponse[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .alias(paymentId + " balances")
                .until(() -> {
                    last[0] = await(checkout.paymentsClient().getPayment(paymentId));
                    return condition.test(last[0].getBalances());
                });
        return last[0];
    }

    private static void assertBalances(PaymentResponseBalances balances, long totalAuthorized, long totalVoided,
                                       long availableToVoid, long totalCaptured, long availableToCapture,
                                       long totalRefunded, long availableToRefund) {
        assertThat(balances).as("balances").isNotNull();
        assertThat(List.of(balances.getTotalAuthorized(), balances.getTotalVoided(), balances.getAvailableToVoid(),
                balances.getTotalCaptured(), balances.getAvailableToCapture(), balances.getTotalRefunded(),
                balances.getAvailableToRefund()))
                .as("total_authorized, total_voided, available_to_void, total_captured, available_to_capture, "
                        + "total_refunded, available_to_refund")
                .containsExactly(totalAuthorized, totalVoided, availableToVoid, totalCaptured, availableToCapture,
                        totalRefunded, availableToRefund);
    }

    @Test
    void manages_webhook_endpoints_through_the_sdks_webhooks_client() {
        WebhookResponse registered = await(webhooks.registerWebhook(WebhookRequest.builder()
                .url(RECEIVER)
                .headers(Map.of("X-Shop", "books"))
                .contentType("json")
                .eventTypes(List.of("payment_approved", "payment_declined"))
                .build()));

        assertThat(registered.getHttpStatusCode()).isEqualTo(201);
        assertThat(registered.getId()).matches("wh_[a-z2-7]{26}");
        assertThat(registered.getUrl()).isEqualTo(RECEIVER);
        assertThat(registered.isActive()).isTrue();
        assertThat(registered.getHeaders()).containsExactly(Map.entry("X-Shop", "books"));
        assertThat(registered.getContentType()).isEqualTo("json");
        assertThat(registered.getEventTypes()).containsExactly("payment_approved", "payment_declined");
        assertThat(registered.getSelfLink().getHref()).endsWith("/webhooks/" + registered.getId());
        String id = registered.getId();

        ItemsResponse<WebhookResponse> listed = await(webhooks.retrieveWebhooks());
        assertThat(listed.getItems()).extracting(WebhookResponse::getId).contains(id);
        WebhookResponse read = await(webhooks.retrieveWebhook(id));
        assertThat(read.getUrl()).isEqualTo(RECEIVER);
        assertThat(read.getEventTypes()).containsExactly("payment_approved", "payment_declined");

        String moved = RECEIVER.replace("/hook", "/events");
        WebhookResponse updated = await(webhooks.updateWebhook(id, WebhookRequest.builder()
                .url(moved)
                .active(false)
                .eventTypes(List.of("payment_captured"))
                .build()));
        assertThat(updated.getId()).isEqualTo(id);
        assertThat(updated.getUrl()).isEqualTo(moved);
        assertThat(updated.isActive()).isFalse();
        assertThat(updated.getHeaders()).isEmpty();
        assertThat(updated.getEventTypes()).containsExactly("payment_captured");

        // The SDK has no PATCH; the merchant's own HTTP client sends it with the same key.
        Gateway.Reply patched = gateway.patch("/webhooks/" + id, webhooksMerchantKey, "{\"active\": true}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        WebhookResponse reactivated = await(webhooks.retrieveWebhook(id));
        assertThat(reactivated.isActive()).isTrue();
        assertThat(reactivated.getUrl()).isEqualTo(moved);
        assertThat(reactivated.getEventTypes()).containsExactly("payment_captured");

        EmptyResponse removed = await(webhooks.removeWebhook(id));
        assertThat(removed.getHttpStatusCode()).isEqualTo(200);
        assertThatThrownBy(() -> await(webhooks.retrieveWebhook(id)))
                .isInstanceOfSatisfying(CheckoutApiException.class,
                        notFound -> assertThat(notFound.getHttpStatusCode()).isEqualTo(404));
        assertThat(await(webhooks.retrieveWebhooks()).getItems()).extracting(WebhookResponse::getId).doesNotContain(id);
    }

    @Test
    void tells_an_endpoint_registered_with_the_sdk_of_the_payments_made_with_it() throws Exception {
        CheckoutApi merchant = sdk(notifiedMerchantKey);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            WebhookResponse endpoint = await(webhooksSdk(notifiedMerchantKey).registerWebhook(WebhookRequest.builder()
                    .url(receiver.url())
                    .contentType("json")
                    .eventTypes(List.of("payment_approved", "payment_declined", "payment_captured",
                            "payment_refunded"))
                    .build()));
            // Checkout.com's previous API shows no signing secret; PayGate's rotation call does.
            String secret = gateway.post("/webhooks/" + endpoint.getId() + "/signing-secret", notifiedMerchantKey, "{}")
                    .text("signing_secret");

            PaymentResponse approved = await(merchant.paymentsClient().requestPayment(
                    cardPayment(APPROVED_CARD, 1050L, Currency.GBP, "ORD-SDK-NOTIFIED"), idempotencyKey()));
            PaymentResponse declined = await(merchant.paymentsClient().requestPayment(
                    cardPayment(DECLINED_CARD, 700L, Currency.GBP, "ORD-SDK-NOTIFIED-2"), idempotencyKey()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().stream()
                    .anyMatch(event -> event.type().equals("payment_captured")));
            await(merchant.paymentsClient().refundPayment(approved.getId()));

            Awaitility.await().atMost(Duration.ofSeconds(30)).alias("the four events")
                    .until(() -> receiver.delivered().size() >= 4);
            assertThat(receiver.delivered()).extracting(WebhookReceiver.Received::type, WebhookReceiver.Received::paymentId)
                    .containsExactlyInAnyOrder(tuple("payment_approved", approved.getId()),
                            tuple("payment_captured", approved.getId()), tuple("payment_refunded", approved.getId()),
                            tuple("payment_declined", declined.getId()));
            assertThat(receiver.delivered()).allSatisfy(event -> assertThat(event.signedWith(secret)).isTrue());
        }
    }

    @Test
    void answers_the_sdks_webhooks_client_with_a_typed_error_for_an_invalid_url() {
        assertThatThrownBy(() -> await(webhooks.registerWebhook(WebhookRequest.builder()
                .url("ftp://127.0.0.1/hook")
                .eventTypes(List.of("payment_approved"))
                .build())))
                .isInstanceOfSatisfying(CheckoutApiException.class, rejected -> assertRequestInvalid(rejected, "url_invalid"));
    }

    private static void assertActionNotAllowed(CheckoutApiException rejected) {
        assertThat(rejected.getHttpStatusCode()).isEqualTo(403);
        assertThat(rejected.getErrorDetails()).containsEntry("error_type", "action_not_allowed");
    }

    private static void assertRequestInvalid(CheckoutApiException rejected, String errorCode) {
        assertThat(rejected.getHttpStatusCode()).isEqualTo(422);
        assertThat(rejected.getErrorDetails()).containsEntry("error_type", "request_invalid");
        assertThat(rejected.getErrorDetails().get("error_codes")).asInstanceOf(list(String.class)).contains(errorCode);
    }

    private static PaymentRequest cardPayment(String number, long amount, Currency currency, String reference) {
        return PaymentRequest.builder()
                .source(RequestCardSource.builder()
                        .number(number)
                        .expiryMonth(12)
                        .expiryYear(2030)
                        .cvv("123")
                        .name("Jane Doe")
                        .build())
                .amount(amount)
                .currency(currency)
                .reference(reference)
                .description("Bought through the Checkout.com SDK")
                .build();
    }

    /** The SDK keeps header names as the wire spelt them; HTTP says their case does not matter. */
    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return byName;
    }

    private static String idempotencyKey() {
        return "sdk-" + UUID.randomUUID();
    }

    /** The SDK answers with futures; an API error arrives as their cause, which is what a merchant catches. */
    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the SDK got no answer from the gateway in 30 s", e);
        }
    }
}
