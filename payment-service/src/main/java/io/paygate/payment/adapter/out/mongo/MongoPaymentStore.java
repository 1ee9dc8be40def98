package io.paygate.payment.adapter.out.mongo;

import io.paygate.events.ResponseCode;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.CardDocument;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.OutboxDocument;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.ObligationDocument;
import io.paygate.payment.application.AcquirerRouting;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.application.IdempotencyKey;
import io.paygate.payment.application.KeyHolder;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.application.PaymentPage;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.PaymentsByReferenceQuery;
import io.paygate.payment.domain.ActionId;
import io.paygate.payment.domain.CardScheme;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Obligation;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.PaymentStatus;
import io.paygate.payment.domain.Transition;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps payments in the {@code payments} collection; the payment id is the document id.
 * <p>
 * Every query on the payment path names exactly the keys of one index: the MongoDB wire server of local runs and tests
 * uses an index only then ({@code AbstractUniqueIndex.canHandle}), and only unique indexes at all; it ignores the
 * others and scans the collection.
 * <p>
 * The request path costs two writes per payment: the insert of the payment with its outbox, and the decision (one
 * conditional write that also wipes the sealed card). What the payment owes is a field of the same document, so no
 * change can be written without it.
 */
@Component
class MongoPaymentStore implements PaymentStore {

    /**
     * Serves the conditional transition out of {@code Pending}. MongoDB would use the id index for it anyway; the
     * MongoDB wire server of local runs and tests uses an index only when its keys are exactly the queried fields,
     * and without this one every result would scan the whole collection.
     */
    static final Index PENDING_TRANSITION = new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
            .unique().named("pending_transition");

    /**
     * Makes the first request with a key the only one: a second insert with the same scope fails atomically, and the
     * loser reads the holder by the scope alone. Sparse, so payments without a key take no room in it.
     */
    static final Index IDEMPOTENCY_SCOPE = new Index().on(PaymentDocument.IDEMPOTENCY_SCOPE, Sort.Direction.ASC)
            .unique().sparse().named("idempotency_scope");

    /**
     * Serves the list by reference, sorted, on MongoDB. The wire server does not implement non-unique indexes (it logs
     * "adding secondary index ... is not yet implemented" and keeps none), so there every list scans the collection
     * twice (count and page), holding the collection's lock: acceptable for a look-up API, not for the payment path.
     */
    static final Index BY_REFERENCE = new Index().on("merchantId", Sort.Direction.ASC).on("reference", Sort.Direction.ASC)
            .on("requestedOn", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
            .partial(PartialIndexFilter.of(where("reference").exists(true))).named("payments_by_reference");

    /**
     * Serves the sweeper's claims, which compare what the payment owes with what was read, by exact keys. Unique only
     * for the wire server's sake: with {@code _id} among its keys it can never refuse a document.
     */
    static final Index OBLIGATION_CLAIM = new Index().on("_id", Sort.Direction.ASC)
            .on(PaymentDocument.OWED_DUE_AT, Sort.Direction.ASC).on(PaymentDocument.OWED_KIND, Sort.Direction.ASC)
            .unique().named("obligation_claim");

    /**
     * Serves the search for due work. Sparse, so that it holds only the payments that owe work: its size follows the
     * work in flight, not the history. The local wire server (local-mongo) implements it as a sorted index too.
     */
    static final Index OBLIGATION_DUE = new Index().on(PaymentDocument.OWED_DUE_AT, Sort.Direction.ASC).sparse()
            .named("obligation_due");

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "requestedOn", "_id");
    // A holder may free its expired key between a refused insert and the read of the holder; the insert is retried.
    private static final int INSERT_ATTEMPTS = 3;
    private static final char SCOPE_SEPARATOR = '\0';

    private static final TypeReference<LinkedHashMap<String, Object>> METADATA = new TypeReference<>() {
    };

    private final MongoTemplate mongo;
    private final JsonMapper json;

    MongoPaymentStore(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
        var indexes = mongo.indexOps(PaymentDocument.class);
        indexes.createIndex(PENDING_TRANSITION);
        indexes.createIndex(IDEMPOTENCY_SCOPE);
        indexes.createIndex(BY_REFERENCE);
        indexes.createIndex(OBLIGATION_CLAIM);
        indexes.createIndex(OBLIGATION_DUE);
    }

    @Override
    public void insert(Payment payment, AuthorizationRequest command) {
        mongo.insert(toDocument(payment, command, null, null));
    }

    @Override
    public Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, AuthorizationRequest command, IdempotencyKey key,
                                                   String requestFingerprint) {
        // Merchant ids come from a header, which cannot hold a NUL: the scope is unambiguous.
        String scope = payment.merchantId() + SCOPE_SEPARATOR + key.value();
        PaymentDocument document = toDocument(payment, command, scope, requestFingerprint);
        for (int attempt = 1; ; attempt++) {
            try {
                mongo.insert(document);
                return Optional.empty();
            } catch (DuplicateKeyException e) {
                PaymentDocument holder = mongo.findOne(Query.query(where(PaymentDocument.IDEMPOTENCY_SCOPE).is(scope)),
                        PaymentDocument.class);
                if (holder != null) {
                    return Optional.of(new KeyHolder(toPayment(holder), holder.requestFingerprint()));
                }
                if (attempt == INSERT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void releaseIdempotencyKey(PaymentId holder) {
        mongo.updateFirst(Query.query(where("_id").is(holder.value())),
                new Update().unset(PaymentDocument.IDEMPOTENCY_SCOPE).unset(PaymentDocument.REQUEST_FINGERPRINT),
                PaymentDocument.class);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return Optional.ofNullable(mongo.findById(id.value(), PaymentDocument.class)).map(this::toPayment);
    }

    @Override
    public Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId) {
        // By id alone, so that the id index serves it; another merchant's payment is then filtered out here.
        return findById(id).filter(payment -> payment.merchantId().equals(merchantId));
    }

    @Override
    public PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query) {
        Query byReference = Query.query(where("merchantId").is(merchantId).and("reference").is(query.reference()));
        long total = mongo.count(byReference, PaymentDocument.class);
        if (total <= query.skip()) {
            return new PaymentPage(List.of(), total);
        }
        List<Payment> page = mongo.find(byReference.with(NEWEST_FIRST).skip(query.skip()).limit(query.limit()),
                PaymentDocument.class).stream().map(this::toPayment).toList();
        return new PaymentPage(page, total);
    }

    @Override
    public boolean apply(PaymentId id, Transition transition) {
        Decision decision = transition.decision();
        Update update = new Update()
                .set(PaymentDocument.STATUS, transition.to().label())
                .set("responseCode", decision.responseCode().code())
                .set("authCode", decision.authCode())
                .set("processedOn", decision.processedOn())
                .set("decidedOn", decision.decidedOn())
                .unset(PaymentDocument.OUTBOX_CARD);
        setOwed(update, transition.owed());
        return mongo.updateFirst(inState(id, transition.from()), update, PaymentDocument.class).getModifiedCount() == 1;
    }

    @Override
    public List<OwedWork> findDue(Instant now, int limit) {
        Query due = Query.query(where(PaymentDocument.OWED_DUE_AT).lte(now))
                .with(Sort.by(Sort.Direction.ASC, PaymentDocument.OWED_DUE_AT)).limit(limit);
        return mongo.find(due, PaymentDocument.class).stream().map(this::toOwedWork).toList();
    }

    @Override
    public boolean replaceObligation(Payment read, Payment changed) {
        Obligation owed = read.owed();
        Query stillOwed = Query.query(where("_id").is(read.id().value())
                .and(PaymentDocument.OWED_DUE_AT).is(owed.dueAt()).and(PaymentDocument.OWED_KIND).is(owed.kind().name()));
        Update update = new Update();
        setOwed(update, changed.owed());
        if (changed.reversalRequestedOn() != null) {
            update.set(PaymentDocument.REVERSAL_REQUESTED_ON, changed.reversalRequestedOn());
        }
        return mongo.updateFirst(stillOwed, update, PaymentDocument.class).getModifiedCount() == 1;
    }

    private static void setOwed(Update update, Obligation owed) {
        if (owed == null) {
            update.unset(PaymentDocument.OWED);
        } else {
            update.set(PaymentDocument.OWED, toDocument(owed));
        }
    }

    /** By id and status, the exact keys of {@link #PENDING_TRANSITION}. */
    private static Query inState(PaymentId id, PaymentStatus status) {
        return Query.query(where("_id").is(id.value()).and(PaymentDocument.STATUS).is(status.label()));
    }

    private OwedWork toOwedWork(PaymentDocument document) {
        OutboxDocument outbox = document.outbox();
        return new OwedWork(toPayment(document), new AcquirerRouting(outbox.acquirer(), outbox.acquirerMerchantId()),
                outbox.card(), outbox.replyTo());
    }

    private static ObligationDocument toDocument(Obligation owed) {
        return new ObligationDocument(owed.kind().name(), owed.dueAt(), owed.attempts());
    }

    private static Obligation toObligation(ObligationDocument owed) {
        return owed == null ? null
                : new Obligation(Obligation.Kind.valueOf(owed.kind()), owed.dueAt(), owed.attempts());
    }

    private PaymentDocument toDocument(Payment payment, AuthorizationRequest command, String idempotencyScope,
                                       String requestFingerprint) {
        CardSummary card = payment.card();
        AcquirerRouting routing = command.routing();
        return new PaymentDocument(
                payment.id().value(),
                payment.actionId().value(),
                payment.merchantId(),
                payment.amount().amount(),
                payment.amount().currency(),
                new CardDocument(card.last4(), card.bin(), card.expiryMonth(), card.expiryYear(), card.scheme().label()),
                payment.reference(),
                payment.description(),
                payment.metadata().isEmpty() ? null : json.writeValueAsString(payment.metadata()),
                payment.status().label(),
                payment.responseCode() == null ? null : payment.responseCode().code(),
                payment.authCode(),
                payment.requestedOn(),
                payment.processedOn(),
                payment.decidedOn(),
                idempotencyScope,
                requestFingerprint,
                new OutboxDocument(routing.acquirer(), routing.acquirerMerchantId(), command.replyTo(), command.card()),
                payment.owed() == null ? null : toDocument(payment.owed()),
                payment.reversalRequestedOn());
    }

    private Payment toPayment(PaymentDocument document) {
        CardDocument card = document.card();
        Map<String, Object> metadata = document.metadata() == null ? Map.of() : json.readValue(document.metadata(), METADATA);
        return new Payment(
                new PaymentId(document.id()),
                new ActionId(document.actionId()),
                document.merchantId(),
                new Money(document.amount(), document.currency()),
                new CardSummary(card.last4(), card.bin(), card.expiryMonth(), card.expiryYear(),
                        CardScheme.fromLabel(card.scheme())),
                document.reference(),
                document.description(),
                metadata,
                PaymentStatus.fromLabel(document.status()),
                document.responseCode() == null ? null : ResponseCode.fromCode(document.responseCode()),
                document.authCode(),
                document.requestedOn(),
                document.processedOn(),
                // Documents from before the gateway kept its own decision time: the acquirer's stands in for it.
                document.decidedOn() != null ? document.decidedOn() : document.processedOn(),
                toObligation(document.owed()),
                document.reversalRequestedOn());
    }
}
