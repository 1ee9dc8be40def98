package io.paygate.webhook.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The deliveries collection. Work is found through fields present only while there is work: {@code next_attempt_on}
 * on a due or scheduled delivery, {@code held_for} (its endpoint's id) on one held while its endpoint is paused; so
 * what the worker looks through follows the deliveries in flight, not the history. Every change is one conditional
 * write of one document: an attempt is claimed by moving {@code next_attempt_on} past the attempt's timeout with a
 * claim token, which the write of its outcome requires, so that of several instances one attempts, and a claimant
 * that died leaves the delivery to be claimed again once that time has passed.
 */
@Component
public class DeliveryStore implements InitializingBean {

    static final String HELD_FOR = "held_for";
    static final String CLAIM = "claim";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, Delivery.CREATED_ON, "_id");

    private final MongoTemplate mongo;

    public DeliveryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A delivery's id and endpoint, enough to attempt it. */
    public record Due(@Id String id, @Field(Delivery.ENDPOINT_ID) String endpointId) {
    }

    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(Delivery.class);
        // One delivery per event and endpoint, however often the event arrives.
        indexes.createIndex(new Index().on(Delivery.EVENT_ID, Sort.Direction.ASC)
                .on(Delivery.ENDPOINT_ID, Sort.Direction.ASC).unique().named("event_endpoint"));
        indexes.createIndex(new Index().on(Delivery.NEXT_ATTEMPT_ON, Sort.Direction.ASC).sparse().named("due"));
        indexes.createIndex(new Index().on(Delivery.ENDPOINT_ID, Sort.Direction.ASC)
                .on(Delivery.NEXT_ATTEMPT_ON, Sort.Direction.ASC)
                .partial(PartialIndexFilter.of(where(Delivery.NEXT_ATTEMPT_ON).exists(true)))
                .named("endpoint_due"));
        indexes.createIndex(new Index().on(HELD_FOR, Sort.Direction.ASC).sparse().named("held"));
        indexes.createIndex(new Index().on(Delivery.ENDPOINT_ID, Sort.Direction.ASC)
                .on(Delivery.CREATED_ON, Sort.Direction.DESC).named("endpoint_log"));
    }

    /**
     * Stores the deliveries that do not exist yet, all in one unordered write; those of an event already recorded for
     * the endpoint are left out.
     *
     * @return the deliveries stored now
     */
    public List<Delivery> insertNew(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class).insert(deliveries).execute();
            return deliveries;
        } catch (BulkOperationException e) {
            Set<Integer> duplicates = new HashSet<>();
            for (BulkWriteError error : e.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
            return IntStream.range(0, deliveries.size()).filter(i -> !duplicates.contains(i))
                    .mapToObj(deliveries::get).toList();
        }
    }

    /** Due deliveries, oldest due first, leaving out the endpoints named (those with no attempt free). */
    public List<Due> due(Instant now, Collection<String> exceptEndpoints, int limit) {
        Query due = query(where(Delivery.NEXT_ATTEMPT_ON).lte(now).and(Delivery.ENDPOINT_ID).nin(exceptEndpoints))
                .with(Sort.by(Delivery.NEXT_ATTEMPT_ON)).limit(limit);
        return found(due);
    }

    /** The endpoint's due deliveries, oldest due first. */
    public List<Due> dueFor(String endpointId, Instant now, int limit) {
        Query due = query(where(Delivery.ENDPOINT_ID).is(endpointId).and(Delivery.NEXT_ATTEMPT_ON).lte(now))
                .with(Sort.by(Delivery.NEXT_ATTEMPT_ON)).limit(limit);
        return found(due);
    }

    private List<Due> found(Query due) {
        due.fields().include(Delivery.ENDPOINT_ID);
        return mongo.find(due, Due.class, Delivery.COLLECTION).stream().toList();
    }

    /** The delivery, if it is due, claimed for one attempt until {@code until}; empty when it is not due. */
    public Optional<Delivery> claim(String id, Instant now, Instant until, String claim) {
        return Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(id).and(Delivery.NEXT_ATTEMPT_ON).lte(now)),
                new Update().set(Delivery.NEXT_ATTEMPT_ON, until).set(CLAIM, claim),
                options().returnNew(true), Delivery.class));
    }

    /** Records the claimed attempt and where it leaves the delivery; false when the claim had passed to another. */
    public boolean record(String id, String claim, DeliveryAttempt attempt, Delivery.Outcome outcome) {
        Update update = new Update().push(Delivery.ATTEMPTS, attempt).set(Delivery.STATUS, outcome.status())
                .unset(CLAIM);
        if (outcome.nextAttemptOn() == null) {
            update.unset(Delivery.NEXT_ATTEMPT_ON);
        } else {
            update.set(Delivery.NEXT_ATTEMPT_ON, outcome.nextAttemptOn());
        }
        return mongo.updateFirst(claimed(id, claim), update, Delivery.class).getMatchedCount() == 1;
    }

    /** Holds the claimed delivery, not attempted, until its paused endpoint is active again. */
    public void hold(String id, String claim, String endpointId) {
        mongo.updateFirst(claimed(id, claim),
                new Update().unset(Delivery.NEXT_ATTEMPT_ON).unset(CLAIM).set(HELD_FOR, endpointId), Delivery.class);
    }

    /** Makes the deliveries held for the endpoint due now. */
    public void release(String endpointId, Instant now) {
        mongo.updateMulti(query(where(HELD_FOR).is(endpointId)),
                new Update().set(Delivery.NEXT_ATTEMPT_ON, now).unset(HELD_FOR), Delivery.class);
    }

    /** Fails the claimed delivery without an attempt: its endpoint is gone. */
    public void abandon(String id, String claim) {
        mongo.updateFirst(claimed(id, claim), abandoned().unset(Delivery.NEXT_ATTEMPT_ON).unset(CLAIM),
                Delivery.class);
    }

    /** Fails the deliveries held for a removed endpoint; those due fail when they are claimed. */
    public void abandonHeld(String endpointId) {
        mongo.updateMulti(query(where(HELD_FOR).is(endpointId)), abandoned().unset(HELD_FOR), Delivery.class);
    }

    private static Update abandoned() {
        return new Update().set(Delivery.STATUS, Delivery.FAILED).set(Delivery.FAILURE_REASON,
                Delivery.ENDPOINT_REMOVED);
    }

    /** The endpoint's deliveries, newest first. */
    public List<Delivery> page(String merchantId, String endpointId, int skip, int limit) {
        return mongo.find(query(where(Delivery.ENDPOINT_ID).is(endpointId).and(Delivery.MERCHANT_ID).is(merchantId))
                .with(NEWEST_FIRST).skip(skip).limit(limit), Delivery.class);
    }

    public Optional<Delivery> find(String merchantId, String endpointId, String id) {
        return Optional.ofNullable(mongo.findOne(owned(merchantId, endpointId, id), Delivery.class));
    }

    /**
     * Makes the delivery due now, whatever its status, held or not (a paused endpoint holds it again); false when
     * there is no such delivery.
     */
    public boolean redeliver(String merchantId, String endpointId, String id, Instant now) {
        return mongo.updateFirst(owned(merchantId, endpointId, id),
                new Update().set(Delivery.NEXT_ATTEMPT_ON, now).unset(HELD_FOR), Delivery.class)
                .getMatchedCount() == 1;
    }

    private static Query claimed(String id, String claim) {
        return query(where("_id").is(id).and(CLAIM).is(claim));
    }

    private static Query owned(String merchantId, String endpointId, String id) {
        return query(where("_id").is(id).and(Delivery.ENDPOINT_ID).is(endpointId).and(Delivery.MERCHANT_ID)
                .is(merchantId));
    }
}
