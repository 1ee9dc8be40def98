package io.paygate.merchant.merchant;

import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import io.paygate.merchant.merchant.ApiKeyRotation.IssuedApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** Key changes that race on one merchant: each is one conditional update, so none loses another. */
class ApiKeyRotationTest extends ServiceIntegrationTest {

    private static final AcquirerContract CONTRACT = new AcquirerContract("piggybank", "piggy-1", List.of("GBP"), null);

    @Autowired
    ApiKeyRotation rotation;

    @Autowired
    MerchantStore merchants;

    @Autowired
    MongoTemplate mongo;

    @Test
    void loses_no_key_when_keys_are_issued_while_one_is_revoked() throws Exception {
        Merchant merchant = signUp();
        String firstKeyId = merchant.apiKeys().getFirst().id();
        List<Callable<Object>> changes = new ArrayList<>();
        changes.add(() -> rotation.revoke(merchant.id(), firstKeyId));
        IntStream.range(0, 8).forEach(i -> changes.add(() -> rotation.issue(merchant.id()).orElseThrow()));

        List<Object> outcomes = allAtOnce(changes);

        Merchant after = merchants.findById(merchant.id()).orElseThrow();
        List<String> issuedHashes = outcomes.subList(1, outcomes.size()).stream()
                .map(issued -> ((IssuedApiKey) issued).key().hash()).toList();
        assertThat(outcomes.getFirst()).isEqualTo(true);
        assertThat(after.apiKeys()).hasSize(9);
        assertThat(after.apiKey(firstKeyId)).get().extracting(MerchantApiKey::isLive).isEqualTo(false);
        assertThat(after.liveKeyHashes()).containsExactlyInAnyOrderElementsOf(issuedHashes);
    }

    @Test
    void revokes_every_key_revoked_at_the_same_time_and_drops_the_live_list() throws Exception {
        Merchant merchant = signUp();
        IntStream.range(0, 7).forEach(i -> rotation.issue(merchant.id()));
        List<MerchantApiKey> keys = merchants.findById(merchant.id()).orElseThrow().apiKeys();

        List<Object> outcomes = allAtOnce(keys.stream()
                .<Callable<Object>>map(key -> () -> rotation.revoke(merchant.id(), key.id())).toList());

        assertThat(outcomes).containsOnly(true);
        assertThat(merchants.findById(merchant.id()).orElseThrow().apiKeys()).hasSize(8)
                .noneMatch(MerchantApiKey::isLive);
        assertThat(mongo.getCollection(Merchant.COLLECTION).find(eq("_id", merchant.id())).first())
                .extracting(document -> document.containsKey("live_key_hashes")).isEqualTo(false);
    }

    @Test
    void revokes_only_that_key_when_many_revoke_it_at_once() throws Exception {
        Merchant merchant = signUp();
        MerchantApiKey second = rotation.issue(merchant.id()).orElseThrow().stored();

        List<Object> outcomes = allAtOnce(IntStream.range(0, 8)
                .<Callable<Object>>mapToObj(i -> () -> rotation.revoke(merchant.id(), second.id())).toList());

        assertThat(outcomes).containsOnly(true);
        Merchant after = merchants.findById(merchant.id()).orElseThrow();
        assertThat(after.apiKeys()).extracting(MerchantApiKey::isLive).containsExactly(true, false);
        assertThat(after.liveKeyHashes()).containsExactly(merchant.apiKeys().getFirst().hash());
    }

    private Merchant signUp() {
        Merchant merchant =
                Merchant.withFirstKey(MerchantIds.next(), "Rotating Ltd", CONTRACT, ApiKey.generateSandbox());
        merchants.insert(merchant);
        return merchant;
    }

    /** Runs the calls together, as far as threads allow, and answers their outcomes in order. */
    private static List<Object> allAtOnce(List<Callable<Object>> calls) throws Exception {
        CyclicBarrier together = new CyclicBarrier(calls.size());
        List<Callable<Object>> waiting = calls.stream().<Callable<Object>>map(call -> () -> {
            together.await();
            return call.call();
        }).toList();
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Object> outcome : executor.invokeAll(waiting, 30, TimeUnit.SECONDS)) {
                outcomes.add(outcome.get());
            }
        }
        return outcomes;
    }
}
