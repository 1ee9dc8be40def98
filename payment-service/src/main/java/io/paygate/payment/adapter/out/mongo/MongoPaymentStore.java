package io.paygate.payment.adapter.out.mongo;

import io.paygate.events.ResponseCode;
import io.paygate.payment.adapter.out.mongo.PaymentDocument.CardDocument;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.domain.ActionId;
import io.paygate.payment.domain.CardScheme;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;
import io.paygate.payment.domain.PaymentStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Keeps payments in the {@code payments} collection; the payment id is the document id. */
@Component
class MongoPaymentStore implements PaymentStore {

    /**
     * Serves the conditional transition out of {@code Pending}. MongoDB would use the id index for it anyway; the
     * MongoDB wire server of local runs and tests uses an index only when its keys are exactly the queried fields,
     * and without this one every result would scan the whole collection.
     */
    static final Index PENDING_TRANSITION = new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
            .unique().named("pending_transition");

    private static final TypeReference<LinkedHashMap<String, Object>> METADATA = new TypeReference<>() {
    };

    private final MongoTemplate mongo;
    private final JsonMapper json;

    MongoPaymentStore(MongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
        mongo.indexOps(PaymentDocument.class).createIndex(PENDING_TRANSITION);
    }

    @Override
    public void insert(Payment payment) {
        mongo.insert(toDocument(payment));
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
    public Optional<Payment> recordDecisionIfPending(Payment decided) {
        Query stillPending = Query.query(where("_id").is(decided.id().value())
                .and("status").is(PaymentStatus.PENDING.label()));
        Update decision = new Update()
                .set("status", decided.status().label())
                .set("responseCode", decided.responseCode().code())
                .set("authCode", decided.authCode())
                .set("processedOn", decided.processedOn());
        PaymentDocument updated = mongo.findAndModify(stillPending, decision,
                FindAndModifyOptions.options().returnNew(true), PaymentDocument.class);
        return Optional.ofNullable(updated).map(this::toPayment);
    }

    private PaymentDocument toDocument(Payment payment) {
        CardSummary card = payment.card();
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
                payment.processedOn());
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
                document.processedOn());
    }
}
