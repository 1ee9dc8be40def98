package io.paygate.merchant.merchant;

import io.paygate.events.merchant.AcquirerRoute;
import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MerchantStoreTest extends ServiceIntegrationTest {

    private static final AcquirerContract CONTRACT = new AcquirerContract("piggybank", "piggy-1", List.of("GBP"), null);

    @Autowired
    MerchantStore merchants;

    @Autowired
    MongoTemplate mongo;

    @Test
    void finds_a_merchant_by_the_hash_of_any_of_its_keys() {
        ApiKey first = ApiKey.generateSandbox();
        ApiKey second = ApiKey.generateSandbox();
        Merchant merchant = Merchant.withFirstKey(MerchantIds.next(), "Two Keys Ltd", CONTRACT, first);
        merchants.insert(merchant);

        merchants.addLiveKeyIfAbsent(merchant.id(), MerchantApiKey.issue(second));
        merchants.addLiveKeyIfAbsent(merchant.id(), MerchantApiKey.issue(second));

        assertThat(merchants.findByLiveKeyHash(first.hash())).get().extracting(Merchant::id).isEqualTo(merchant.id());
        assertThat(merchants.findByLiveKeyHash(second.hash())).get().extracting(Merchant::id).isEqualTo(merchant.id());
        Merchant stored = merchants.findById(merchant.id()).orElseThrow();
        assertThat(stored.apiKeys()).hasSize(2);
        assertThat(stored.liveKeyHashes()).containsExactly(first.hash(), second.hash());
    }

    @Test
    void lets_no_two_merchants_hold_the_same_key() {
        ApiKey key = ApiKey.generateSandbox();
        Merchant holder = Merchant.withFirstKey(MerchantIds.next(), "Holder", CONTRACT, key);
        Merchant other = Merchant.withFirstKey(MerchantIds.next(), "Other", CONTRACT, ApiKey.generateSandbox());
        merchants.insert(holder);
        merchants.insert(other);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() ->
                merchants.insert(Merchant.withFirstKey(MerchantIds.next(), "Copycat", CONTRACT, key)));
        merchants.addLiveKeyIfAbsent(other.id(), MerchantApiKey.issue(key));

        assertThat(merchants.findByLiveKeyHash(key.hash())).get().extracting(Merchant::id).isEqualTo(holder.id());
        assertThat(merchants.findById(other.id()).orElseThrow().liveKeyHashes()).hasSize(1);
    }

    @Test
    void stores_the_routing_rules_in_order_with_snake_case_fields_and_hands_them_on_in_the_contract() {
        AcquirerContract contract = new AcquirerContract("piggybank", "piggy-1", List.of("GBP", "EUR"), null, List.of(
                new RoutingRule("lionbank", "LION-7", List.of("EUR"), List.of("visa", "mastercard")),
                new RoutingRule("piggybank", "piggy-eu", List.of(), List.of())));
        Merchant merchant = Merchant.withFirstKey(MerchantIds.next(), "Routed Ltd", contract, ApiKey.generateSandbox());
        merchants.insert(merchant);

        Document stored = mongo.getCollection(Merchant.COLLECTION).find(eq("_id", merchant.id())).first();
        assertThat(stored).isNotNull();
        List<Document> routing = stored.get("contract", Document.class).getList("routing", Document.class);
        assertThat(routing).hasSize(2);
        assertThat(routing.getFirst().keySet())
                .containsExactlyInAnyOrder("acquirer", "acquirer_merchant_id", "currencies", "schemes");
        assertThat(routing.getFirst().getString("acquirer")).isEqualTo("lionbank");
        assertThat(routing.getFirst().getString("acquirer_merchant_id")).isEqualTo("LION-7");
        assertThat(routing.getFirst().getList("currencies", String.class)).containsExactly("EUR");
        assertThat(routing.getFirst().getList("schemes", String.class)).containsExactly("visa", "mastercard");
        Merchant loaded = merchants.findById(merchant.id()).orElseThrow();
        assertThat(loaded.contract()).isEqualTo(contract);
        assertThat(loaded.toContract().routing()).containsExactly(
                new AcquirerRoute("lionbank", "LION-7", List.of("EUR"), List.of("visa", "mastercard")),
                AcquirerRoute.any("piggybank", "piggy-eu"));
    }

    @Test
    void loads_a_contract_stored_before_there_was_routing_as_one_without_rules() {
        String id = MerchantIds.next();
        mongo.getCollection(Merchant.COLLECTION).insertOne(new Document("_id", id)
                .append("name", "Old Timer")
                .append("contract", new Document("acquirer", "piggybank")
                        .append("acquirer_merchant_id", "piggy-old")
                        .append("currencies", List.of("GBP")))
                .append("created_on", new Date())
                .append("api_keys", List.of()));

        Merchant loaded = merchants.findById(id).orElseThrow();

        assertThat(loaded.contract()).isEqualTo(new AcquirerContract("piggybank", "piggy-old", List.of("GBP"), null));
        assertThat(loaded.contract().routing()).isEmpty();
        assertThat(loaded.toContract().routing()).isEmpty();
        assertThat(loaded.toContract().routesFor("GBP", "visa"))
                .containsExactly(AcquirerRoute.any("piggybank", "piggy-old"));
    }
}
