package io.paygate.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.events.PaymentEvent;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/**
 * The JSON body of an event as Checkout.com's webhooks send it: the event's id, type, envelope version and time, the
 * payment's state in {@code data}, and a link to the payment. Fields without a value are left out. Card data goes no
 * further than the scheme, BIN and last four digits.
 */
public final class EventBodies {

    /**
     * The envelope's version, which changes when its shape does. Checkout.com numbers its own (e.g. 1.0.29); this is
     * PayGate's, starting over.
     */
    public static final String VERSION = "1.0.0";

    private final String linksBaseUrl;

    /** @param linksBaseUrl the API's public base URL, e.g. {@code https://api.example.com} */
    public EventBodies(String linksBaseUrl) {
        this.linksBaseUrl = linksBaseUrl.endsWith("/")
                ? linksBaseUrl.substring(0, linksBaseUrl.length() - 1) : linksBaseUrl;
    }

    public String of(PaymentEvent event) {
        PaymentEvent.Balances balances = event.balances();
        PaymentEvent.Card card = event.card();
        Data data = new Data(event.paymentId(), event.actionId(), event.reference(), event.amount(),
                event.currency(), event.responseCode() == null ? null : event.responseCode().code(),
                event.responseCode() == null ? null : event.responseCode().summary(), event.authCode(),
                text(event.processedOn()),
                new Balances(balances.totalAuthorized(), balances.totalVoided(), balances.availableToVoid(),
                        balances.totalCaptured(), balances.availableToCapture(), balances.totalRefunded(),
                        balances.availableToRefund()),
                event.metadata(), new Source("card", card.scheme(), card.bin(), card.last4()));
        Links links = new Links(new Link(linksBaseUrl + "/payments/" + event.paymentId()));
        return JsonMapper.shared().writeValueAsString(new Body(event.id(), event.type().wireName(), VERSION,
                text(event.createdOn()), data, links));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "type", "version", "created_on", "data", "_links"})
    record Body(String id, String type, String version, @JsonProperty("created_on") String createdOn, Data data,
                @JsonProperty("_links") Links links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "action_id", "reference", "amount", "currency", "response_code", "response_summary",
            "auth_code", "processed_on", "balances", "metadata", "source"})
    record Data(String id, @JsonProperty("action_id") String actionId, String reference, long amount, String currency,
                @JsonProperty("response_code") String responseCode,
                @JsonProperty("response_summary") String responseSummary,
                @JsonProperty("auth_code") String authCode,
                @JsonProperty("processed_on") String processedOn,
                Balances balances,
                @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata,
                Source source) {
    }

    @JsonPropertyOrder({"total_authorized", "total_voided", "available_to_void", "total_captured",
            "available_to_capture", "total_refunded", "available_to_refund"})
    record Balances(@JsonProperty("total_authorized") long totalAuthorized,
                    @JsonProperty("total_voided") long totalVoided,
                    @JsonProperty("available_to_void") long availableToVoid,
                    @JsonProperty("total_captured") long totalCaptured,
                    @JsonProperty("available_to_capture") long availableToCapture,
                    @JsonProperty("total_refunded") long totalRefunded,
                    @JsonProperty("available_to_refund") long availableToRefund) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "scheme", "bin", "last4"})
    record Source(String type, String scheme, String bin, String last4) {
    }

    record Links(Link payment) {
    }

    record Link(String href) {
    }
}
