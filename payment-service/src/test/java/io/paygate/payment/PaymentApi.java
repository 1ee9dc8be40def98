package io.paygate.payment;

import io.paygate.events.merchant.InternalHeaders;
import io.paygate.testing.GatewaySigning;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/** Calls payment-service over HTTP the way the gateway does, with the merchant headers it sets, signed. */
final class PaymentApi {

    /** A response: status, headers and the body as JSON (a missing node when the body is empty). */
    record Answer(int status, HttpHeaders headers, JsonNode body, String rawBody) {

        String text(String field) {
            return body.path(field).asString();
        }
    }

    static final String CURRENCIES = "GBP,EUR,JPY";

    private final RestTestClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String acquirer;

    PaymentApi(int port, String acquirer) {
        this(RestTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .requestInterceptor(GatewaySigning.interceptor()).build(), acquirer);
    }

    private PaymentApi(RestTestClient client, String acquirer) {
        this.client = client;
        this.acquirer = acquirer;
    }

    /** The same service, called for merchants whose contract names another acquirer. */
    PaymentApi withAcquirer(String otherAcquirer) {
        return new PaymentApi(client, otherAcquirer);
    }

    static String cardPayment(String number, String cvv) {
        return """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "%s",
                            "name": "Jane Doe"},
                 "amount": 1050, "currency": "GBP", "reference": "ORD-5023", "description": "Two books",
                 "metadata": {"order_id": "5023", "gift": true}}""".formatted(number, cvv);
    }

    Consumer<HttpHeaders> merchant(String merchantId) {
        return headers -> {
            headers.set(InternalHeaders.MERCHANT_ID, merchantId);
            headers.set(InternalHeaders.ACQUIRER, acquirer);
            headers.set(InternalHeaders.ACQUIRER_MERCHANT_ID, "acq-" + merchantId);
            headers.set(InternalHeaders.CURRENCIES, CURRENCIES);
        };
    }

    Answer post(String merchantId, String body) {
        return post(merchant(merchantId), MediaType.APPLICATION_JSON, body);
    }

    /** Posts with Checkout.com's idempotency header. */
    Answer post(String merchantId, String idempotencyKey, String body) {
        return post(headers -> {
            merchant(merchantId).accept(headers);
            headers.set("Cko-Idempotency-Key", idempotencyKey);
        }, MediaType.APPLICATION_JSON, body);
    }

    Answer post(Consumer<HttpHeaders> headers, MediaType contentType, String body) {
        return read(client.post().uri("/payments").headers(headers).contentType(contentType).body(body)
                .exchange().returnResult(String.class));
    }

    /**
     * {@code POST /payments/{id}/{actions}} (captures, voids, refunds) as the merchant: with a JSON body, or with none
     * and no content type when {@code body} is null, as Checkout.com's Java SDK sends an action without fields.
     */
    Answer action(String merchantId, String paymentId, String actions, String body, String idempotencyKey) {
        return read(client.post().uri("/payments/" + paymentId + "/" + actions).headers(headers -> {
            merchant(merchantId).accept(headers);
            if (idempotencyKey != null) {
                headers.set("Cko-Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                headers.setContentType(MediaType.APPLICATION_JSON);
            }
        }).body(body == null ? "" : body).exchange().returnResult(String.class));
    }

    Answer get(String merchantId, String paymentId) {
        return get(merchant(merchantId), "/payments/" + paymentId);
    }

    /** {@code GET /payments?query} as the merchant. */
    Answer list(String merchantId, String query) {
        return get(merchant(merchantId), "/payments?" + query);
    }

    Answer get(Consumer<HttpHeaders> headers, String path) {
        return read(client.get().uri(path).headers(headers).exchange().returnResult(String.class));
    }

    /** Any method on any path, as the merchant, with the gateway's request id. */
    Answer send(HttpMethod method, String path, String merchantId, String requestId) {
        return read(client.method(method).uri(path).headers(headers -> {
            merchant(merchantId).accept(headers);
            headers.set(InternalHeaders.REQUEST_ID, requestId);
        }).exchange().returnResult(String.class));
    }

    private Answer read(EntityExchangeResult<String> result) {
        String body = result.getResponseBody();
        JsonNode node = body == null || body.isEmpty() ? json.missingNode() : json.readTree(body);
        return new Answer(result.getStatus().value(), result.getResponseHeaders(), node, body);
    }
}
