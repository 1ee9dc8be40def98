package io.paygate.payment.adapter.out.mongo;

import io.paygate.events.ResponseCode;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.CardDocument;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.OutboxDocument;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.ReversalDocument;
import io.paygate.payment.application.AcquirerRouting;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.application.IdempotencyKey;
import io.paygate.payment.application.KeyHolder;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.application.RecordedDecision;
import io.paygate.payment.application.PaymentPage;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.PaymentsByReferenceQuery;
import io.paygate.payment.domain.ActionId;
import io.paygate.payment.domain.CardScheme;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Decision;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.PaymentStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
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
 * The request path costs three writes per payment: the insert of the payment with its outbox, the mark that the
 * broker confirmed the command, and the decision (one conditional write that also wipes the sealed card).
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
     * Serves the sweeper's claims, which compare the payment's {@code sweepDueAt} with the value read, by exact keys.
     * Unique only for the wire server's sake: with {@code _id} among its keys it can never refuse a document.
     */
    static final Index SWEEP_CLAIM = new Index().on("_id", Sort.Direction.ASC)
            .on(PaymentDocument.SWEEP_DUE_AT, Sort.Direction.ASC).unique().named("sweep_claim");

    /**
     * Serves the search for due work on MongoDB, sparse so that it holds only the payments that owe work. The wire
     * server keeps no non-unique index and answers a range query from none: there each sweep scans the collection once
     * under its lock (every {@code sweep-interval}, per instance), which is why sweeps are seconds apart.
     */
    static final Index SWEEP_DUE = new Index().on(PaymentDocument.SWEEP_DUE_AT, Sort.Direction.ASC).sparse()
            .named("sweep_due");

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
        indexes.createIndex(SWEEP_CLAIM);
        indexes.createIndex(SWEEP_DUE);
    }

    @Override
    public void insert(Payment payment, AuthorizationRequest command, Instant firstDueAt) {
        mongo.insert(toDocument(payment, command, firstDueAt, null, null));
    }

    @Override
    public Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, AuthorizationRequest command, Instant firstDueAt,
                                                   IdempotencyKey key, String requestFingerprint) {
        // Merchant ids come from a header, which cannot hold a NUL: the scope is unambiguous.
        String scope = payment.merchantId() + SCOPE_SEPARATOR + key.value();
        PaymentDocument document = toDocument(payment, command, firstDueAt, scope, requestFingerprint);
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
    public void markPublished(PaymentId id, Instant publishedOn, Instant nextDueAt) {
        mongo.updateFirst(stillPending(id), new Update()
                .set(PaymentDocument.OUTBOX_PUBLISHED_ON, publishedOn)
                .set(PaymentDocument.SWEEP_DUE_AT, nextDueAt), PaymentDocument.class);
    }

    @Override
    public Optional<RecordedDecision> recordDecisionIfPending(PaymentId id, Decision decision, boolean reversalOwed) {
        Update update = new Update()
                .set(PaymentDocument.STATUS, decision.responseCode().approved()
                        ? PaymentStatus.AUTHORIZED.label() : PaymentStatus.DECLINED.label())
                .set("responseCode", decision.responseCode().code())
                .set("authCode", decision.authCode())
                .set("processedOn", decision.processedOn())
                .set("decidedOn", decision.decidedOn())
                .unset(PaymentDocument.OUTBOX_CARD);
        if (reversalOwed) {
            update.set(PaymentDocument.REVERSAL_REQUESTED_ON, decision.decidedOn())
                    .set(PaymentDocument.REVERSAL_SENT, 0)
                    .set(PaymentDocument.SWEEP_DUE_AT, decision.decidedOn());
        } else {
            update.unset(PaymentDocument.SWEEP_DUE_AT);
        }
        PaymentDocument updated = mongo.findAndModify(stillPending(id), update,
                FindAndModifyOptions.options().returnNew(true), PaymentDocument.class);
        return Optional.ofNullable(updated)
                .map(document -> new RecordedDecision(toPayment(document), commandsSent(document)));
    }

    @Override
    public void markReversalConfirmed(PaymentId id, Instant confirmedOn) {
        mongo.updateFirst(byId(id), new Update().set(PaymentDocument.REVERSAL_CONFIRMED_ON, confirmedOn)
                .unset(PaymentDocument.SWEEP_DUE_AT), PaymentDocument.class);
    }

    @Override
    public List<OwedWork> findDueWork(Instant now, int limit) {
        Query due = Query.query(where(PaymentDocument.SWEEP_DUE_AT).lte(now))
                .with(Sort.by(Sort.Direction.ASC, PaymentDocument.SWEEP_DUE_AT)).limit(limit);
        return mongo.find(due, PaymentDocument.class).stream().map(this::toOwedWork).toList();
    }

    @Override
    public Optional<OwedWork> claim(OwedWork work, Instant nextDueAt, Claim claim) {
        Query stillDue = Query.query(where("_id").is(work.payment().id().value())
                .and(PaymentDocument.SWEEP_DUE_AT).is(work.dueAt()));
        Update update = nextDueAt == null
                ? new Update().unset(PaymentDocument.SWEEP_DUE_AT)
                : new Update().set(PaymentDocument.SWEEP_DUE_AT, nextDueAt);
        switch (claim) {
            case SEND_COMMAND -> update.inc(PaymentDocument.OUTBOX_SENT, 1);
            case SEND_REVERSAL -> update.inc(PaymentDocument.REVERSAL_SENT, 1);
            case RESCHEDULE -> {
            }
        }
        PaymentDocument claimed = mongo.findAndModify(stillDue, update,
                FindAndModifyOptions.options().returnNew(true), PaymentDocument.class);
        return Optional.ofNullable(claimed).filter(document -> document.sweepDueAt() != null).map(this::toOwedWork);
    }

    /** By id and status, the exact keys of {@link #PENDING_TRANSITION}. */
    private static Query stillPending(PaymentId id) {
        return Query.query(where("_id").is(id.value()).and(PaymentDocument.STATUS).is(PaymentStatus.PENDING.label()));
    }

    private static Query byId(PaymentId id) {
        return Query.query(where("_id").is(id.value()));
    }

    private static int commandsSent(PaymentDocument document) {
        // A payment from before the outbox was sent once, by its request.
        return document.outbox() == null || document.outbox().sent() == null ? 1 : document.outbox().sent();
    }

    private OwedWork toOwedWork(PaymentDocument document) {
        OutboxDocument outbox = document.outbox();
        ReversalDocument reversal = document.reversal();
        return new OwedWork(toPayment(document), document.sweepDueAt(),
                new AcquirerRouting(outbox.acquirer(), outbox.acquirerMerchantId()), outbox.card(), outbox.replyTo(),
                commandsSent(document), outbox.publishedOn(),
                reversal == null ? null : new OwedWork.Reversal(reversal.requestedOn(),
                        reversal.sent() == null ? 0 : reversal.sent(), reversal.confirmedOn()));
    }

    private PaymentDocument toDocument(Payment payment, AuthorizationRequest command, Instant firstDueAt,
                                       String idempotencyScope, String requestFingerprint) {
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
                new OutboxDocument(routing.acquirer(), routing.acquirerMerchantId(), command.replyTo(), command.card(),
                        1, null),
                firstDueAt,
                null);
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
                document.decidedOn() != null ? document.decidedOn() : document.processedOn());
    }
}
