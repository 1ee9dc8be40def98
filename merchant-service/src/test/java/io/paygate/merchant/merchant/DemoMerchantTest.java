package io.paygate.merchant.merchant;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

class DemoMerchantTest extends ServiceIntegrationTest {

    @Autowired
    DemoMerchant demoMerchant;

    @Autowired
    MerchantStore merchants;

    @Autowired
    MongoTemplate mongo;

    @Test
    void holds_the_configured_demo_key_once_started() {
        demoMerchant.ensureExists();

        assertThat(post(ApiKeyLookup.PATH, null, lookupBody(DEMO_API_KEY))).bodyJson().isStrictlyEqualTo("""
                {"merchantId": "mer_demoshoppiggybankmerchants", "acquirer": "piggybank",
                 "acquirerMerchantId": "piggy-demo-001", "currencies": ["GBP", "EUR", "USD", "JPY"],
                 "requestsPerSecond": 5000, "routing": []}
                """);
        assertThat(merchants.findById(DemoMerchant.ID)).get().extracting(Merchant::name).isEqualTo("Demo Shop");
    }

    @Test
    void ensuring_it_again_changes_nothing() {
        demoMerchant.ensureExists();
        Merchant before = merchants.findById(DemoMerchant.ID).orElseThrow();

        demoMerchant.ensureExists();
        demoMerchant.ensureExists();

        assertThat(merchants.findById(DemoMerchant.ID)).contains(before);
    }

    @Test
    void instances_starting_together_create_it_once_with_one_key() throws Exception {
        mongo.remove(query(where("_id").is(DemoMerchant.ID)), Merchant.class);
        int instances = 8;
        CyclicBarrier together = new CyclicBarrier(instances);
        List<Callable<Void>> starts = IntStream.range(0, instances).<Callable<Void>>mapToObj(i -> () -> {
            DemoMerchant instance = new DemoMerchant(merchants, DEMO_API_KEY);
            together.await();
            instance.ensureExists();
            return null;
        }).toList();

        try (ExecutorService executor = Executors.newFixedThreadPool(instances)) {
            for (Future<Void> start : executor.invokeAll(starts, 30, TimeUnit.SECONDS)) {
                start.get();
            }
        }

        Merchant demo = merchants.findById(DemoMerchant.ID).orElseThrow();
        String demoKeyHash = ApiKey.parse(DEMO_API_KEY).orElseThrow().hash();
        assertThat(demo.apiKeys()).singleElement().extracting(MerchantApiKey::hash).isEqualTo(demoKeyHash);
        assertThat(demo.liveKeyHashes()).containsExactly(demoKeyHash);
    }

    @Test
    void gives_the_existing_demo_merchant_a_newly_configured_key() {
        demoMerchant.ensureExists();
        String newKey = ApiKey.generateSandbox().reveal();

        new DemoMerchant(merchants, newKey).ensureExists();

        assertThat(merchants.findByLiveKeyHash(ApiKey.parse(newKey).orElseThrow().hash()))
                .get().extracting(Merchant::id).isEqualTo(DemoMerchant.ID);
    }

    @Test
    void gives_a_demo_merchant_stored_before_rate_limits_the_demos_limit() {
        demoMerchant.ensureExists();
        mongo.updateFirst(query(where("_id").is(DemoMerchant.ID)),
                new Update().unset(Merchant.CONTRACT + ".requests_per_second"), Merchant.class);
        assertThat(merchants.findById(DemoMerchant.ID)).get()
                .extracting(merchant -> merchant.contract().requestsPerSecond()).isNull();

        demoMerchant.ensureExists();

        assertThat(merchants.findById(DemoMerchant.ID)).get()
                .extracting(merchant -> merchant.contract().requestsPerSecond()).isEqualTo(5000);
    }

    @Test
    void refuses_a_demo_key_another_merchant_holds() {
        demoMerchant.ensureExists();
        String merchantKey = body(createMerchant(VALID_MERCHANT)).get("api_key").asString();

        assertThatIllegalStateException().isThrownBy(() -> new DemoMerchant(merchants, merchantKey).ensureExists())
                .withMessageContaining("belongs to another merchant")
                .withMessageNotContaining(merchantKey);
    }

    @Test
    void refuses_a_demo_key_without_the_api_key_shape() {
        assertThatIllegalStateException().isThrownBy(() -> new DemoMerchant(merchants, "sk_sbox_secretButShort"))
                .withMessageContaining("PAYGATE_DEMO_API_KEY")
                .withMessageNotContaining("secretButShort");
    }
}
