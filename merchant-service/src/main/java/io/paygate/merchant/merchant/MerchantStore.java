package io.paygate.merchant.merchant;

import io.paygate.merchant.apikey.MerchantApiKey;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static io.paygate.merchant.merchant.Merchant.API_KEYS;
import static io.paygate.merchant.merchant.Merchant.LIVE_KEY_HASHES;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The merchants collection. */
@Component
public class MerchantStore implements InitializingBean {

    private final MongoTemplate mongo;

    public MerchantStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Creates the index before anything reads or writes: a live key belongs to one merchant at most, and the
     * gateway's look-up reads through this index. Sparse, so that merchants without the field do not collide;
     * a merchant left without live keys must lose the field rather than keep an empty array, which MongoDB
     * indexes as one value shared by all such merchants.
     */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Merchant.class).createIndex(
                new Index(LIVE_KEY_HASHES, Sort.Direction.ASC).named("live_key_hash").unique().sparse());
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

    public Optional<Merchant> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Merchant.class));
    }

    /** The merchant holding a live key with this hash. */
    public Optional<Merchant> findByLiveKeyHash(String keyHash) {
        return Optional.ofNullable(mongo.findOne(query(where(LIVE_KEY_HASHES).is(keyHash)), Merchant.class));
    }
}
