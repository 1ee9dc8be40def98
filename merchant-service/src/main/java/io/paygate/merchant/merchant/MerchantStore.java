package io.paygate.merchant.merchant;

import io.paygate.merchant.apikey.MerchantApiKey;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.paygate.merchant.merchant.Merchant.API_KEYS;
import static io.paygate.merchant.merchant.Merchant.CONTRACT;
import static io.paygate.merchant.merchant.Merchant.CREATED_ON;
import static io.paygate.merchant.merchant.Merchant.LIVE_KEY_HASHES;
import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The merchants collection. Every change is one update of one document, selected by {@code _id} alone where it
 * can be: the MongoDB wire server reads through an index only when a query names exactly the index's fields, and
 * one document is MongoDB's unit of atomicity, so no change is a read-modify-write that could lose another.
 */
@Component
public class MerchantStore implements InitializingBean {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(CREATED_ON), Sort.Order.asc("_id"));

    private final MongoTemplate mongo;

    public MerchantStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Creates the indexes before anything reads or writes. A live key belongs to one merchant at most, and the
     * gateway's look-up reads through this index. Sparse, so that merchants without the field do not collide;
     * a merchant left without live keys must lose the field rather than keep an empty array, which MongoDB
     * indexes as one value shared by all such merchants. The second index serves the admin's newest-first list.
     */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Merchant.class).createIndex(
                new Index(LIVE_KEY_HASHES, Sort.Direction.ASC).named("live_key_hash").unique().sparse());
        mongo.indexOps(Merchant.class).createIndex(new Index().on(CREATED_ON, Sort.Direction.DESC)
                .on("_id", Sort.Direction.ASC).named("newest_first"));
    }

    public void insert(Merchant merchant) {
        mongo.insert(merchant);
    }

    /** Inserts the merchant unless its id or its key is taken; true when this call inserted it. */
    public boolean insertIfAbsent(Merchant merchant) {
        try {
            mongo.insert(merchant);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Gives the merchant the key as a live key unless it holds it live already. One conditional update of one
     * document, so instances doing this at the same time add the key once; the unique index refuses a key that
     * another merchant holds.
     */
    public void addLiveKeyIfAbsent(String merchantId, MerchantApiKey key) {
        try {
            mongo.updateFirst(query(where("_id").is(merchantId).and(LIVE_KEY_HASHES).ne(key.hash())),
                    new Update().push(API_KEYS, key).push(LIVE_KEY_HASHES, key.hash()), Merchant.class);
        } catch (DuplicateKeyException e) {
            // Another merchant holds the key; callers that care find out by looking its hash up.
        }
    }

    /**
     * Gives the merchant one more live key, beside those it holds; false when there is no such merchant. A new
     * random key cannot be anyone's yet, so the unique index never refuses it.
     */
    public boolean addLiveKey(String merchantId, MerchantApiKey key) {
        return mongo.updateFirst(byId(merchantId),
                new Update().push(API_KEYS, key).push(LIVE_KEY_HASHES, key.hash()), Merchant.class)
                .getMatchedCount() == 1;
    }

    /**
     * Stamps the key revoked and takes its hash out of the live ones, so that the look-up stops finding it at
     * once; false, changing nothing, when the merchant's live keys are no longer those of {@code seen}.
     * <p>
     * A compare-and-set on the live hashes rather than a {@code $pull} by id alone: when the last live key goes,
     * the field must go too (see {@link #afterPropertiesSet()}), and no single update can pull a value and drop
     * the array it empties. Even a moment's empty array would collide on MongoDB with any other merchant's, and
     * makes the wire server fail the next update of the merchant. The price is that the wire server reads every
     * merchant for this query, which names more than {@code _id}; revocations are rare admin calls.
     */
    public boolean revokeKey(Merchant seen, MerchantApiKey key) {
        List<String> stillLive = seen.liveKeyHashes().stream().filter(hash -> !hash.equals(key.hash())).toList();
        Update revocation = new Update()
                .set(API_KEYS + ".$[key].revoked_on", Instant.now().truncatedTo(ChronoUnit.MILLIS))
                // Spring Data stores a key's id, as any property named id, in the field _id.
                .filterArray(where("key._id").is(key.id()));
        if (stillLive.isEmpty()) {
            revocation.unset(LIVE_KEY_HASHES);
        } else {
            revocation.set(LIVE_KEY_HASHES, stillLive);
        }
        Criteria unchanged = where("_id").is(seen.id()).and(LIVE_KEY_HASHES);
        if (seen.liveKeyHashes().isEmpty()) {
            unchanged.exists(false);
        } else {
            unchanged.is(seen.liveKeyHashes());
        }
        return mongo.updateFirst(query(unchanged), revocation, Merchant.class).getMatchedCount() == 1;
    }

    /** The merchant under its new acquirer contract; empty when there is no such merchant. */
    public Optional<Merchant> changeContract(String merchantId, AcquirerContract contract) {
        return Optional.ofNullable(mongo.findAndModify(byId(merchantId), new Update().set(CONTRACT, contract),
                options().returnNew(true), Merchant.class));
    }

    /** Gives the merchant a rate limit unless its contract has one, as contracts stored before there were limits. */
    public void setRequestsPerSecondIfAbsent(String merchantId, int requestsPerSecond) {
        String field = CONTRACT + "." + AcquirerContract.REQUESTS_PER_SECOND;
        mongo.updateFirst(query(where("_id").is(merchantId).and(field).exists(false)),
                new Update().set(field, requestsPerSecond), Merchant.class);
    }

    public Optional<Merchant> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Merchant.class));
    }

    /** The merchant holding a live key with this hash. */
    public Optional<Merchant> findByLiveKeyHash(String keyHash) {
        return Optional.ofNullable(mongo.findOne(query(where(LIVE_KEY_HASHES).is(keyHash)), Merchant.class));
    }

    /** One page of every merchant, newest first; ties (same millisecond) in id order, so that pages never overlap. */
    public List<Merchant> newestFirst(long skip, int limit) {
        return mongo.find(new Query().with(NEWEST_FIRST).skip(skip).limit(limit), Merchant.class);
    }

    public long count() {
        return mongo.count(new Query(), Merchant.class);
    }

    private static Query byId(String merchantId) {
        return query(where("_id").is(merchantId));
    }
}
