package io.paygate.payment.adapter.out.mongo;

import com.mongodb.client.model.Updates;
import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.application.KeyClaim;
import io.paygate.payment.application.OutboxEvents;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.ActionId;
import io.paygate.payment.domain.Balances;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardScheme;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Obligation;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.payment.domain.PaymentEvent;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.PaymentStatus;
import io.paygate.payment.domain.Route;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A payment as MongoDB keeps it: one document per payment, so every change of a payment is one atomic write. It holds
 * the card's summary; the card number and the CVV exist only sealed, inside the outbox's envelope, and only until the
 * payment is decided: the write that decides it wipes the envelope.
 * <p>
 * Mapped by hand rather than by Spring Data: its reflective mapping of documents, queries and updates was about a
 * third of payment-service's CPU per payment. Absent values are left out of the document.
 * <ul>
 *     <li>{@value #METADATA}: the merchant's metadata as JSON text: its keys are the merchant's, and MongoDB restricts
 *         field names ({@code .}, {@code $}), so they are not made into fields;</li>
 *     <li>{@value #IDEMPOTENCY_SCOPE}: the merchant id, a NUL and the idempotency key this payment holds; absent when
 *         the request had no key or the key has expired and been released. One field, not two, so that a unique
 *         sparse index can skip every payment without a key;</li>
 *     <li>{@value #REQUEST_FINGERPRINT}: the keyed fingerprint of the request that holds the key, never the card data;</li>
 *     <li>{@value #IDEMPOTENCY_EXPIRES_AT}: when the key expires; the three fields are removed together when the key
 *         is released;</li>
 *     <li>{@value #OUTBOX}: the authorisation command, stored with the payment in its first write; its envelope is
 *         wiped when the payment is decided, its routing stays for a reversal. {@code acquirer} and
 *         {@code acquirerMerchantId} name the acquirer that has the command; a payment that may fail over also keeps
 *         its whole {@code route} and, once moved on, the {@code position} of that acquirer in it;</li>
 *     <li>{@value #OWED}: the work the payment owes ({@code kind}, {@code dueAt}, {@code attempts}); present only
 *         while it owes some, so that the sparse index on its due time holds only those payments;</li>
 *     <li>{@value #CAPTURE}: {@code automatic} and, for a scheduled capture, {@code on};</li>
 *     <li>{@value #ACTIONS}: the captures, voids and refunds, oldest first; absent until the first;</li>
 *     <li>{@value #VERSION}: how many changes the payment has had; each change is written over the version it was
 *         decided from;</li>
 *     <li>{@value #EVENTS}: the events changes made that the broker may not have yet, and {@value #EVENTS_DUE_AT},
 *         when the earliest of them is to be published again; both present only while the outbox holds events (or
 *         was just emptied), so that the sparse index on the due time holds only those payments.</li>
 * </ul>
 */
final class PaymentDocument {

    static final String COLLECTION = "payments";
    static final String ID = "_id";
    static final String MERCHANT_ID = "merchantId";
    static final String REFERENCE = "reference";
    static final String REQUESTED_ON = "requestedOn";
    static final String METADATA = "metadata";
    static final String STATUS = "status";
    static final String RESPONSE_CODE = "responseCode";
    static final String AUTH_CODE = "authCode";
    static final String PROCESSED_ON = "processedOn";
    static final String DECIDED_ON = "decidedOn";
    static final String IDEMPOTENCY_SCOPE = "idempotencyScope";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String IDEMPOTENCY_EXPIRES_AT = "idempotencyExpiresAt";
    static final String OUTBOX = "outbox";
    static final String OUTBOX_CARD = "outbox.card";
    static final String OUTBOX_ACQUIRER = "outbox.acquirer";
    static final String OUTBOX_ACQUIRER_MERCHANT_ID = "outbox.acquirerMerchantId";
    static final String OUTBOX_POSITION = "outbox.position";
    static final String ACQUIRER_REFERENCE = "acquirerReference";
    static final String OWED = "owed";
    static final String OWED_DUE_AT = "owed.dueAt";
    static final String OWED_KIND = "owed.kind";
    static final String REVERSAL_REQUESTED_ON = "reversalRequestedOn";
    static final String CAPTURE = "capture";
    static final String ACTIONS = "actions";
    static final String VERSION = "version";
    static final String EVENTS = "events";
    static final String EVENTS_DUE_AT = "eventsDueAt";
    private static final String TRACE_PARENT = "traceParent";

    private static final TypeReference<LinkedHashMap<String, Object>> METADATA_TYPE = new TypeReference<>() {
    };

    private final JsonMapper json;

    PaymentDocument(JsonMapper json) {
        this.json = json;
    }

    /** A new payment with its command in the outbox, and the idempotency key it holds, if any. */
    Document of(Payment payment, AuthorizationRequest command, String idempotencyScope, KeyClaim claim) {
        CardSummary card = payment.card();
        AcquirerRouting routing = payment.route().current();
        Document document = new Document(ID, payment.id().value())
                .append("actionId", payment.actionId().value())
                .append(MERCHANT_ID, payment.merchantId())
                .append("amount", payment.amount().amount())
                .append("currency", payment.amount().currency())
                .append("card", new Document("last4", card.last4()).append("bin", card.bin())
                        .append("expiryMonth", card.expiryMonth()).append("expiryYear", card.expiryYear())
                        .append("scheme", card.scheme().label()));
        putIfPresent(document, REFERENCE, payment.reference());
        putIfPresent(document, "description", payment.description());
        putIfPresent(document, METADATA, payment.metadata().isEmpty() ? null : json.writeValueAsString(payment.metadata()));
        document.append(STATUS, payment.status().label()).append(REQUESTED_ON, date(payment.requestedOn()));
        CapturePlan capture = payment.capture();
        Document plan = new Document("automatic", capture.automatic());
        putIfPresent(plan, "on", capture.on() == null ? null : date(capture.on()));
        document.append(CAPTURE, plan).append(VERSION, payment.version());
        if (claim != null) {
            document.append(IDEMPOTENCY_SCOPE, idempotencyScope)
                    .append(REQUEST_FINGERPRINT, claim.requestFingerprint())
                    .append(IDEMPOTENCY_EXPIRES_AT, date(claim.expiresAt()));
        }
        CardEnvelope sealed = command.card();
        Route route = payment.route();
        Document outbox = new Document("acquirer", routing.acquirer())
                .append("acquirerMerchantId", routing.acquirerMerchantId())
                .append("replyTo", command.replyTo())
                .append("card", new Document("keyId", sealed.keyId()).append("nonce", sealed.nonce())
                        .append("ciphertext", sealed.ciphertext()));
        if (route.acquirers().size() > 1) {
            outbox.append("route", route.acquirers().stream()
                    .map(acquirer -> new Document("acquirer", acquirer.acquirer())
                            .append("acquirerMerchantId", acquirer.acquirerMerchantId()))
                    .toList());
        }
        if (route.position() > 0) {
            outbox.append("position", route.position());
        }
        document.append(OUTBOX, outbox);
        if (payment.owed() != null) {
            document.append(OWED, obligation(payment.owed()));
        }
        return document;
    }

    /**
     * The update that makes the stored {@code read} into {@code changed}: only the fields that differ, and the new
     * version. Leaving the pending state wipes the sealed card from the outbox.
     */
    Bson changes(Payment read, Payment changed) {
        List<Bson> changes = new ArrayList<>();
        changes.add(Updates.set(VERSION, changed.version()));
        if (changed.status() != read.status()) {
            changes.add(Updates.set(STATUS, changed.status().label()));
        }
        if (read.isPending() && !changed.isPending()) {
            changes.add(Updates.set(RESPONSE_CODE, changed.responseCode().code()));
            changes.add(Updates.set(PROCESSED_ON, date(changed.processedOn())));
            changes.add(Updates.set(DECIDED_ON, date(changed.decidedOn())));
            changes.add(Updates.unset(OUTBOX_CARD));
            if (changed.authCode() != null) {
                changes.add(Updates.set(AUTH_CODE, changed.authCode()));
            }
            if (changed.acquirerReference() != null) {
                changes.add(Updates.set(ACQUIRER_REFERENCE, changed.acquirerReference()));
            }
        }
        if (!changed.route().equals(read.route())) {
            changes.addAll(routeChange(changed.route()));
        }
        if (!changed.actions().equals(read.actions())) {
            changes.add(Updates.set(ACTIONS, changed.actions().stream().map(this::action).toList()));
        }
        if (!Objects.equals(changed.owed(), read.owed())) {
            changes.add(changed.owed() == null ? Updates.unset(OWED) : Updates.set(OWED, obligation(changed.owed())));
        }
        if (!Objects.equals(changed.reversalRequestedOn(), read.reversalRequestedOn())) {
            changes.add(Updates.set(REVERSAL_REQUESTED_ON, date(changed.reversalRequestedOn())));
        }
        return Updates.combine(changes);
    }

    /** The same update, also putting the change's events into the outbox. */
    Bson changes(Payment read, Payment changed, OutboxEvents events) {
        Bson changes = changes(read, changed);
        if (events.isEmpty()) {
            return changes;
        }
        return Updates.combine(changes,
                Updates.pushEach(EVENTS, events.events().stream()
                        .map(event -> event(event, events.traceParent())).toList()),
                Updates.min(EVENTS_DUE_AT, date(events.republishAt())));
    }

    private static Document event(PaymentEvent event, String traceParent) {
        Balances balances = event.balances();
        Document document = new Document("id", event.id()).append("type", event.type().wireName())
                .append("createdOn", date(event.createdOn())).append("actionId", event.actionId().value())
                .append("amount", event.amount())
                .append("balances", new Document("totalAuthorized", balances.totalAuthorized())
                        .append("totalVoided", balances.totalVoided())
                        .append("availableToVoid", balances.availableToVoid())
                        .append("totalCaptured", balances.totalCaptured())
                        .append("availableToCapture", balances.availableToCapture())
                        .append("totalRefunded", balances.totalRefunded())
                        .append("availableToRefund", balances.availableToRefund()));
        putIfPresent(document, RESPONSE_CODE, event.responseCode() == null ? null : event.responseCode().code());
        putIfPresent(document, PROCESSED_ON, event.processedOn() == null ? null : date(event.processedOn()));
        putIfPresent(document, TRACE_PARENT, traceParent);
        return document;
    }

    /** The trace the outbox's oldest traced event was made in: where a republication's deliveries belong. */
    String traceParentOfEvents(Document document) {
        List<Document> events = document.getList(EVENTS, Document.class);
        return events == null ? null : events.stream().map(event -> event.getString(TRACE_PARENT))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The events in the payment's outbox, oldest first. */
    List<PaymentEvent> toEvents(Document document) {
        List<Document> events = document.getList(EVENTS, Document.class);
        return events == null ? List.of() : events.stream().map(PaymentDocument::toEvent).toList();
    }

    private static PaymentEvent toEvent(Document event) {
        Document balances = event.get("balances", Document.class);
        String responseCode = event.getString(RESPONSE_CODE);
        return new PaymentEvent(event.getString("id"), PaymentEventType.fromWireName(event.getString("type")),
                instant(event, "createdOn"), new ActionId(event.getString("actionId")),
                ((Number) event.get("amount")).longValue(),
                responseCode == null ? null : ResponseCode.fromCode(responseCode),
                instant(event, PROCESSED_ON),
                new Balances(longOf(balances, "totalAuthorized"), longOf(balances, "totalVoided"),
                        longOf(balances, "availableToVoid"), longOf(balances, "totalCaptured"),
                        longOf(balances, "availableToCapture"), longOf(balances, "totalRefunded"),
                        longOf(balances, "availableToRefund")));
    }

    private static long longOf(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }

    private Document action(PaymentAction action) {
        Document document = new Document("id", action.id().value()).append("type", action.type().name())
                .append("amount", action.amount()).append("origin", action.origin().name())
                .append("requestedOn", date(action.requestedOn()));
        if (action.finalCapture()) {
            document.append("final", true);
        }
        putIfPresent(document, "reference", action.reference());
        putIfPresent(document, METADATA, action.metadata().isEmpty() ? null : json.writeValueAsString(action.metadata()));
        putIfPresent(document, "notBefore", action.notBefore() == null ? null : date(action.notBefore()));
        putIfPresent(document, "idempotencyKey", action.idempotencyKey());
        putIfPresent(document, "fingerprint", action.fingerprint());
        putIfPresent(document, RESPONSE_CODE, action.responseCode() == null ? null : action.responseCode().code());
        putIfPresent(document, ACQUIRER_REFERENCE, action.acquirerReference());
        putIfPresent(document, PROCESSED_ON, action.processedOn() == null ? null : date(action.processedOn()));
        return document;
    }

    private PaymentAction toAction(Document document) {
        String metadata = document.getString(METADATA);
        String responseCode = document.getString(RESPONSE_CODE);
        return new PaymentAction(new ActionId(document.getString("id")),
                PaymentAction.Type.valueOf(document.getString("type")),
                ((Number) document.get("amount")).longValue(),
                document.getBoolean("final", false),
                PaymentAction.Origin.valueOf(document.getString("origin")),
                document.getString("reference"),
                metadata == null ? Map.of() : json.readValue(metadata, METADATA_TYPE),
                instant(document, "requestedOn"),
                instant(document, "notBefore"),
                document.getString("idempotencyKey"),
                document.getString("fingerprint"),
                responseCode == null ? null : ResponseCode.fromCode(responseCode),
                document.getString(ACQUIRER_REFERENCE),
                instant(document, PROCESSED_ON));
    }

    static Document obligation(Obligation owed) {
        return new Document("kind", owed.kind().name()).append("dueAt", date(owed.dueAt()))
                .append("attempts", owed.attempts());
    }

    Payment toPayment(Document document) {
        Document card = document.get("card", Document.class);
        Document outbox = document.get(OUTBOX, Document.class);
        String metadata = document.getString(METADATA);
        String responseCode = document.getString(RESPONSE_CODE);
        Instant processedOn = instant(document, PROCESSED_ON);
        Instant decidedOn = instant(document, DECIDED_ON);
        Document capture = document.get(CAPTURE, Document.class);
        List<Document> actions = document.getList(ACTIONS, Document.class);
        return new Payment(
                new PaymentId(document.getString(ID)),
                new ActionId(document.getString("actionId")),
                document.getString(MERCHANT_ID),
                new Money(((Number) document.get("amount")).longValue(), document.getString("currency")),
                new CardSummary(card.getString("last4"), card.getString("bin"), card.getInteger("expiryMonth"),
                        card.getInteger("expiryYear"), CardScheme.fromLabel(card.getString("scheme"))),
                route(outbox),
                document.getString(REFERENCE),
                document.getString("description"),
                metadata == null ? Map.of() : json.readValue(metadata, METADATA_TYPE),
                // Payments from before the lifecycle were left for the merchant to capture.
                capture == null ? CapturePlan.MANUAL
                        : new CapturePlan(capture.getBoolean("automatic"), instant(capture, "on")),
                PaymentStatus.fromLabel(document.getString(STATUS)),
                responseCode == null ? null : ResponseCode.fromCode(responseCode),
                document.getString(AUTH_CODE),
                document.getString(ACQUIRER_REFERENCE),
                instant(document, REQUESTED_ON),
                processedOn,
                // Documents from before the gateway kept its own decision time: the acquirer's stands in for it.
                decidedOn != null ? decidedOn : processedOn,
                actions == null ? List.of() : actions.stream().map(this::toAction).toList(),
                toObligation(document.get(OWED, Document.class)),
                instant(document, REVERSAL_REQUESTED_ON),
                ((Number) document.getOrDefault(VERSION, 0)).longValue());
    }

    OwedWork toOwedWork(Document document) {
        Document outbox = document.get(OUTBOX, Document.class);
        Document sealed = outbox.get("card", Document.class);
        return new OwedWork(toPayment(document),
                sealed == null ? null : new CardEnvelope(sealed.getString("keyId"), sealed.getString("nonce"),
                        sealed.getString("ciphertext")),
                outbox.getString("replyTo"));
    }

    /** The stored route; a payment of a single acquirer, or stored before routing, keeps only that acquirer. */
    private static Route route(Document outbox) {
        List<Document> acquirers = outbox.getList("route", Document.class);
        if (acquirers == null) {
            return Route.of(List.of(routing(outbox)));
        }
        return new Route(acquirers.stream().map(PaymentDocument::routing).toList(),
                outbox.getInteger("position", 0));
    }

    private static AcquirerRouting routing(Document acquirer) {
        return new AcquirerRouting(acquirer.getString("acquirer"), acquirer.getString("acquirerMerchantId"));
    }

    /** The changes that move a pending payment's command to the acquirer its route now names. */
    static List<Bson> routeChange(Route route) {
        AcquirerRouting current = route.current();
        return List.of(Updates.set(OUTBOX_ACQUIRER, current.acquirer()),
                Updates.set(OUTBOX_ACQUIRER_MERCHANT_ID, current.acquirerMerchantId()),
                Updates.set(OUTBOX_POSITION, route.position()));
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static Obligation toObligation(Document owed) {
        return owed == null ? null : new Obligation(Obligation.Kind.valueOf(owed.getString("kind")),
                owed.getDate("dueAt").toInstant(), owed.getInteger("attempts"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static void putIfPresent(Document document, String field, Object value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
