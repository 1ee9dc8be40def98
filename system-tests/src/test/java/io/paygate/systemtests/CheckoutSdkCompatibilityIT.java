package io.paygate.systemtests;

import com.checkout.CheckoutApi;
import com.checkout.CheckoutApiException;
import com.checkout.CheckoutSdk;
import com.checkout.CustomEnvironment;
import com.checkout.common.Currency;
import com.checkout.payments.PaymentStatus;
import com.checkout.payments.PaymentsQueryFilter;
import com.checkout.payments.request.PaymentRequest;
import com.checkout.payments.request.source.RequestCardSource;
import com.checkout.payments.response.GetPaymentResponse;
import com.checkout.payments.response.PaymentResponse;
import com.checkout.payments.response.PaymentsQueryResponse;
import com.checkout.payments.response.source.CardResponseSource;
import org.apache.http.impl.client.HttpClientBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

/**
 * A merchant who already integrated Checkout.com points its official Java SDK at PayGate and nothing else changes:
 * the SDK's own request objects go out, its typed response objects come back filled in.
 */
@ExtendWith(SharedStack.Extension.class)
class CheckoutSdkCompatibilityIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final String DECLINED_CARD = "4242424242424242";

    private static CheckoutApi checkout;
    private static Gateway gateway;
    private static String secretKey;

    @BeforeAll
    static void configureTheSdk(SharedStack stack) {
        gateway = stack.gateway();
        secretKey = stack.createMerchant("E2E SDK Shop", List.of("GBP", "EUR", "USD"));
        URI base = gateway.baseUri();
        // Checkout.com spreads its API over several hosts and the SDK refuses to build without the files,
        // transfers and balances ones ("baseUri cannot be null"); PayGate serves what it serves from one.
        CustomEnvironment environment = CustomEnvironment.builder()
                .checkoutApi(base)
                .filesApi(base)
                .transfersApi(base)
                .balancesApi(base)
                .build();
        checkout = CheckoutSdk.builder()
                .staticKeys()
                .secretKey(secretKey)
                .environment(environment)
                .httpClientBuilder(HttpClientBuilder.create()
                        .setSSLContext(Gateway.trusting(stack.local().certificate())))
                .build();
    }

    @Test
    void authorises_a_card_payment_requested_through_the_sdk_and_reads_its_details_back() {
        String reference = "ORD-SDK-" + UUID.randomUUID().toString().substring(0, 8);

        PaymentResponse payment = await(checkout.paymentsClient()
                .requestPayment(cardPayment(APPROVED_CARD, 1050L, Currency.GBP, reference), idempotencyKey()));

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
        PaymentResponse older = await(checkout.paymentsClient()
                .requestPayment(cardPayment(APPROVED_CARD, 1200L, Currency.GBP, reference), idempotencyKey()));
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
