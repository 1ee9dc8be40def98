package io.paygate.payment.adapter.out.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.application.EventsOfPayment;
import io.paygate.payment.application.KeyClaim;
import io.paygate.payment.application.KeyHolder;
import io.paygate.payment.application.OutboxEvents;
import io.paygate.payment.application.OwedWork;
import io.paygate.payment.application.PaymentPage;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.PaymentsByReferenceQuery;
import io.paygate.payment.application.StoreUnavailableException;
import io.paygate.payment.application.UnpublishedEvents;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.size;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps payments in the {@code payments} collection; the payment id is the document id.
 * <p>
 * Every query on the payment path names exactly the keys of one index: the upstream mongo-java-server that module
 * tests run in-process uses a unique index only then ({@code AbstractUniqueIndex.canHandle}) and has no others.
 * MongoDB and the local store ({@code local-mongo}) also serve the sorted, non-unique indexes below.
 * <p>
 * The request path costs two writes per payment: the insert of the payment with its outbox, and the decision (one
 * conditional write that also wipes the sealed card); an automatic capture adds its answer's. What the payment owes
 * is a field of the same document, so no change can be written without it; so are the events a change makes, which
 * cost one more round trip per batch of events once the broker has them ({@link #removeFromOutbox}). Every change is
 * written over the version it was decided from ({@link #update}), and sets only the fields it changes.
 */
@Component
class MongoPaymentStore implements PaymentStore {

    /**
     * Serves every change of a payment, which is written only over the version it was decided from. MongoDB and the
     * local store use the id index for it anyway; the upstream wire server of module tests uses an index only when its
     * keys are exactly the queried fields, and without this one every change would scan the whole collection. Unique
     * only for that server's sake: with {@code _id} among its keys it can never refuse a document.
     */
    static final Index VERSIONED_CHANGE = new Index().on("_id", Sort.Direction.ASC)
            .on(PaymentDocument.VERSION, Sort.Direction.ASC).unique().named("versioned_change");

    /**
     * Makes the first request with a key the only one: a second insert with the same scope fails atomically, and the
     * loser reads the holder by the scope alone. Sparse, so payments without a key take no room in it.
     */
    static final Index IDEMPOTENCY_SCOPE = new Index().on(PaymentDocument.IDEMPOTENCY_SCOPE, Sort.Direction.ASC)
            .unique().sparse().named("idempotency_scope");

    /**
     * Serves the release of expired idempotency keys. Sparse, so that it holds only the payments that hold a key: a
     * released key leaves it, and its size follows the keys within their time to live, not the history.
     */
    static final Index IDEMPOTENCY_EXPIRY = new Index().on(PaymentDocument.IDEMPOTENCY_EXPIRES_AT, Sort.Direction.ASC)
            .sparse().named("idempotency_expiry");

    /**
     * Serves the list by reference, sorted, on MongoDB and on the local store (count and page read only the
     * merchant's payments with that reference).
     */
    static final Index BY_REFERENCE = new Index().on("merchantId", Sort.Direction.ASC).on("reference", Sort.Direction.ASC)
            .on("requestedOn", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
            .partial(PartialIndexFilter.of(where("reference").exists(true))).named("payments_by_reference");

    /**
     * Serves the search for due work. Sparse, so that it holds only the payments that owe work: its size follows the
     * work in flight, not the history. The local store implements it as a sorted index too.
     */
    static final Index OBLIGATION_DUE = new Index().on(PaymentDocument.OWED_DUE_AT, Sort.Direction.ASC).sparse()
            .named("obligation_due");

    /**
     * Serves the search for events nobody cleared from their outbox in time. Sparse, so that it holds only the
     * payments whose outbox holds events: a few seconds' worth of changes, not the history.
     */
    static final Index EVENTS_DUE = new Index().on(PaymentDocument.EVENTS_DUE_AT, Sort.Direction.ASC).sparse()
            .named("events_due");

    // A holder may free its expired key between a refused insert and the read of the holder; the insert is retried.
    private static final int INSERT_ATTEMPTS = 3;
    private static final char SCOPE_SEPARATOR = '\0';
    private static final Bson NEWEST_FIRST = Sorts.descending(PaymentDocument.REQUESTED_ON, PaymentDocument.ID);
    private static final Bson LONGEST_OVERDUE_FIRST = Sorts.ascending(PaymentDocument.OWED_DUE_AT);
    private static final Bson EARLIEST_EVENTS_FIRST = Sorts.ascending(PaymentDocument.EVENTS_DUE_AT);
    private static final Bson EMPTY_OUTBOX = Updates.combine(Updates.unset(PaymentDocument.EVENTS),
            Updates.unset(PaymentDocument.EVENTS_DUE_AT));
    private static final Bson LONGEST_EXPIRED_FIRST = Sorts.ascending(PaymentDocument.IDEMPOTENCY_EXPIRES_AT);
    private static final Bson RELEASE_KEY = Updates.combine(Updates.unset(PaymentDocument.IDEMPOTENCY_SCOPE),
            Updates.unset(PaymentDocument.REQUEST_FINGERPRINT), Updates.unset(PaymentDocument.IDEMPOTENCY_EXPIRES_AT));

    private final MongoCollection<Document> payments;
    private final PaymentDocument documents;

    MongoPaymentStore(MongoTemplate mongo, JsonMapper json) {
        this.payments = mongo.getCollection(PaymentDocument.COLLECTION);
        this.documents = new PaymentDocument(json);
        var indexes = mongo.indexOps(PaymentDocument.COLLECTION);
        indexes.createIndex(VERSIONED_CHANGE);
        indexes.createIndex(IDEMPOTENCY_SCOPE);
        indexes.createIndex(IDEMPOTENCY_EXPIRY);
        indexes.createIndex(BY_REFERENCE);
        indexes.createIndex(OBLIGATION_DUE);
        indexes.createIndex(EVENTS_DUE);
    }

    @Override
    public void insert(Payment payment, AuthorizationRequest command) {
        reachable(() -> payments.insertOne(documents.of(payment, command, null, null)));
    }

    @Override
    public Optional<KeyHolder> insertUnlessKeyHeld(Payment payment, AuthorizationRequest command, KeyClaim claim) {
        // Merchant ids come from a header, which cannot hold a NUL: the scope is unambiguous.
        String scope = payment.merchantId() + SCOPE_SEPARATOR + claim.key().value();
        Document document = documents.of(payment, command, scope, claim);
        for (int attempt = 1; ; attempt++) {
            try {
                reachable(() -> payments.insertOne(document));
                return Optional.empty();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document holder = reachable(() -> payments.find(eq(PaymentDocument.IDEMPOTENCY_SCOPE, scope)).first());
                if (holder != null) {
                    return Optional.of(new KeyHolder(documents.toPayment(holder),
                            holder.getString(PaymentDocument.REQUEST_FINGERPRINT)));
                }
                if (attempt == INSERT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void releaseIdempotencyKey(PaymentId holder) {
        reachable(() -> payments.updateOne(eq(PaymentDocument.ID, holder.value()), RELEASE_KEY));
    }

    @Override
    public int releaseExpiredIdempotencyKeys(Instant now, int limit) {
        Bson expired = lte(PaymentDocument.IDEMPOTENCY_EXPIRES_AT, PaymentDocument.date(now));
        List<WriteModel<Document>> releases = reachable(() -> payments.find(expired)
                .projection(Projections.include(PaymentDocument.ID)).sort(LONGEST_EXPIRED_FIRST).limit(limit)
                .map(holder -> (WriteModel<Document>) new UpdateOneModel<Document>(
                        and(eq(PaymentDocument.ID, holder.get(PaymentDocument.ID)), expired), RELEASE_KEY))
                .into(new ArrayList<>()));
        if (releases.isEmpty()) {
            return 0;
        }
        return reachable(() -> payments.bulkWrite(releases, new BulkWriteOptions().ordered(false))).getModifiedCount();
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return Optional.ofNullable(reachable(() -> payments.find(eq(PaymentDocument.ID, id.value())).first()))
                .map(documents::toPayment);
    }

    @Override
    public Optional<Payment> findByIdAndMerchant(PaymentId id, String merchantId) {
        // By id alone, so that the id index serves it; another merchant's payment is then filtered out here.
        return findById(id).filter(payment -> payment.merchantId().equals(merchantId));
    }

    @Override
    public PaymentPage findByReference(String merchantId, PaymentsByReferenceQuery query) {
        Bson byReference = and(eq(PaymentDocument.MERCHANT_ID, merchantId),
                eq(PaymentDocument.REFERENCE, query.reference()));
        long total = reachable(() -> payments.countDocuments(byReference));
        if (total <= query.skip()) {
            return new PaymentPage(List.of(), total);
        }
        List<Payment> page = reachable(() -> payments.find(byReference).sort(NEWEST_FIRST).skip(query.skip())
                .limit(query.limit()).map(documents::toPayment).into(new ArrayList<>()));
        return new PaymentPage(page, total);
    }

    @Override
    public boolean update(Payment read, Payment changed, OutboxEvents events) {
        // A payment stored before versions were kept has none: it reads as version 0, and is written over as such.
        Bson version = read.version() == 0
                ? in(PaymentDocument.VERSION, 0L, null)
                : eq(PaymentDocument.VERSION, read.version());
        Bson overRead = and(eq(PaymentDocument.ID, read.id().value()), version);
        Bson changes = documents.changes(read, changed, events);
        return reachable(() -> payments.updateOne(overRead, changes)).getModifiedCount() == 1;
    }

    /**
     * Per payment, one pull of the published events, then the removal of both outbox fields when nothing is left; in
     * order, in one round trip for the whole batch.
     */
    @Override
    public void removeFromOutbox(List<EventsOfPayment> published) {
        List<WriteModel<Document>> removals = new ArrayList<>();
        for (EventsOfPayment events : published) {
            Bson payment = eq(PaymentDocument.ID, events.payment().id().value());
            if (!events.events().isEmpty()) {
                removals.add(new UpdateOneModel<>(payment, Updates.pull(PaymentDocument.EVENTS,
                        in("id", events.eventIds()))));
            }
            removals.add(new UpdateOneModel<>(and(payment, size(PaymentDocument.EVENTS, 0)), EMPTY_OUTBOX));
        }
        reachable(() -> payments.bulkWrite(removals, new BulkWriteOptions().ordered(true)));
    }

    @Override
    public List<UnpublishedEvents> findUnpublishedEvents(Instant now, int limit) {
        return reachable(() -> payments.find(lte(PaymentDocument.EVENTS_DUE_AT, PaymentDocument.date(now)))
                .sort(EARLIEST_EVENTS_FIRST).limit(limit)
                .map(document -> new UnpublishedEvents(
                        new EventsOfPayment(documents.toPayment(document), documents.toEvents(document),
                                documents.traceParentOfEvents(document)),
                        document.getDate(PaymentDocument.EVENTS_DUE_AT).toInstant()))
                .into(new ArrayList<>()));
    }

    @Override
    public boolean postponeOutbox(PaymentId id, Instant read, Instant next) {
        Bson stillDue = and(eq(PaymentDocument.ID, id.value()),
                eq(PaymentDocument.EVENTS_DUE_AT, PaymentDocument.date(read)));
        return reachable(() -> payments.updateOne(stillDue,
                Updates.set(PaymentDocument.EVENTS_DUE_AT, PaymentDocument.date(next)))).getModifiedCount() == 1;
    }

    @Override
    public Optional<OwedWork> findOwedWork(PaymentId id) {
        return Optional.ofNullable(reachable(() -> payments.find(eq(PaymentDocument.ID, id.value())).first()))
                .filter(document -> document.containsKey(PaymentDocument.OWED))
                .map(documents::toOwedWork);
    }

    @Override
    public List<OwedWork> findDue(Instant now, int limit) {
        return reachable(() -> payments.find(lte(PaymentDocument.OWED_DUE_AT, PaymentDocument.date(now)))
                .sort(LONGEST_OVERDUE_FIRST).limit(limit).map(documents::toOwedWork).into(new ArrayList<>()));
    }

    /**
     * Runs one store operation, turning a lost or refused connection into {@link StoreUnavailableException}: the
     * request can then be answered as something to try again, not as a failure of the gateway.
     */
    private static <T> T reachable(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoSocketException | MongoTimeoutException | MongoConnectionPoolClearedException
                 | MongoNotPrimaryException | MongoNodeIsRecoveringException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
