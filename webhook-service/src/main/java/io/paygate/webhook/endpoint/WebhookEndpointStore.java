package io.paygate.webhook.endpoint;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The webhook_endpoints collection. Every read and write names the merchant beside the id, so that no merchant
 * reaches another's endpoint; each change is one update of one document, so a PATCH of one field never loses
 * another's change to a different field.
 */
@Component
public class WebhookEndpointStore implements InitializingBean {

    private static final Sort OLDEST_FIRST = Sort.by(WebhookEndpoint.CREATED_ON, "_id");

    private final MongoTemplate mongo;

    public WebhookEndpointStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The merchant's endpoints are listed, counted and found for its events through this index. */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(WebhookEndpoint.class).createIndex(new Index()
                .on(WebhookEndpoint.MERCHANT_ID, Sort.Direction.ASC)
                .on(WebhookEndpoint.CREATED_ON, Sort.Direction.ASC)
                .named("merchant_endpoints"));
    }

    public void insert(WebhookEndpoint endpoint) {
        mongo.insert(endpoint);
    }

    public long count(String merchantId) {
        return mongo.count(query(where(WebhookEndpoint.MERCHANT_ID).is(merchantId)), WebhookEndpoint.class);
    }

    /**
     * Every endpoint of these merchants, in one query on the index's first field: the delivery of every payment event
     * of the gateway asks it, for most merchants to find none.
     */
    public List<WebhookEndpoint> ofMerchants(Collection<String> merchantIds) {
        return mongo.find(query(where(WebhookEndpoint.MERCHANT_ID).in(merchantIds)), WebhookEndpoint.class);
    }

    /** The merchant's endpoints, oldest first. */
    public List<WebhookEndpoint> all(String merchantId) {
        return mongo.find(query(where(WebhookEndpoint.MERCHANT_ID).is(merchantId)).with(OLDEST_FIRST),
                WebhookEndpoint.class);
    }

    public Optional<WebhookEndpoint> find(String merchantId, String id) {
        return Optional.ofNullable(mongo.findOne(owned(merchantId, id), WebhookEndpoint.class));
    }

    /** The endpoint with the fields {@code settings} sets changed; empty when the merchant has no such endpoint. */
    public Optional<WebhookEndpoint> change(String merchantId, String id, EndpointSettings settings) {
        if (settings.isEmpty()) {
            return find(merchantId, id);
        }
        Update update = new Update();
        if (settings.url() != null) {
            update.set(WebhookEndpoint.URL, settings.url());
        }
        if (settings.active() != null) {
            update.set(WebhookEndpoint.ACTIVE, settings.active());
        }
        if (settings.headers() != null) {
            update.set(WebhookEndpoint.HEADERS, settings.headers());
        }
        if (settings.contentType() != null) {
            update.set(WebhookEndpoint.CONTENT_TYPE, settings.contentType());
        }
        if (settings.eventTypes() != null) {
            update.set(WebhookEndpoint.EVENT_TYPES, settings.eventTypes());
        }
        return Optional.ofNullable(mongo.findAndModify(owned(merchantId, id), update, options().returnNew(true),
                WebhookEndpoint.class));
    }

    /** Replaces the signing secret; false when the merchant has no such endpoint. */
    public boolean replaceSecret(String merchantId, String id, SealedSecret secret) {
        return mongo.updateFirst(owned(merchantId, id), new Update().set(WebhookEndpoint.SIGNING_SECRET, secret),
                WebhookEndpoint.class).getMatchedCount() == 1;
    }

    /** False when the merchant has no such endpoint. */
    public boolean delete(String merchantId, String id) {
        return mongo.remove(owned(merchantId, id), WebhookEndpoint.class).getDeletedCount() == 1;
    }

    private static Query owned(String merchantId, String id) {
        return query(where("_id").is(id).and(WebhookEndpoint.MERCHANT_ID).is(merchantId));
    }
}
