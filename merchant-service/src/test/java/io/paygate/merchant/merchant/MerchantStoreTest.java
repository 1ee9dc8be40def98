package io.paygate.merchant.merchant;

import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MerchantStoreTest extends ServiceIntegrationTest {

    private static final AcquirerContract CONTRACT = new AcquirerContract("piggybank", "piggy-1", List.of("GBP"), null);

    @Autowired
    MerchantStore merchants;

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
}
