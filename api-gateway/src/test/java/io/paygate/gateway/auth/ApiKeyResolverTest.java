package io.paygate.gateway.auth;

import io.paygate.events.merchant.GatewaySignature;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.MerchantServiceStub;
import io.paygate.testing.GatewaySigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ApiKeyResolverTest {

    private static final String KEY = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";
    private static final MerchantContract DEMO_SHOP =
            new MerchantContract("mer_demo", "piggybank", "piggy-demo-001", List.of("GBP", "EUR"));

    private final MerchantServiceStub merchantService = new MerchantServiceStub();

    @AfterEach
    void stopMerchantService() {
        merchantService.close();
    }

    @Test
    void concurrent_requests_with_one_key_share_one_look_up() throws Exception {
        ApiKeyResolver resolver = resolverCaching(Duration.ofSeconds(30), Duration.ofSeconds(5));
        merchantService.knows(KEY, DEMO_SHOP);
        CountDownLatch lookUpAnswered = merchantService.hold(KEY);

        CompletableFuture<Optional<MerchantContract>> first = resolver.resolve(KEY).toFuture();
        CompletableFuture<Optional<MerchantContract>> second = resolver.resolve(KEY).toFuture();
        await().until(() -> merchantService.lookUps().size() == 1);
        lookUpAnswered.countDown();

        assertThat(first.get()).contains(DEMO_SHOP);
        assertThat(second.get()).contains(DEMO_SHOP);
        assertThat(merchantService.lookUpsOf(KEY)).hasSize(1);
    }

    @Test
    void a_revoked_key_keeps_working_until_the_cache_ttl_ends() {
        ApiKeyResolver resolver = resolverCaching(Duration.ofSeconds(2), Duration.ofSeconds(30));
        merchantService.knows(KEY, DEMO_SHOP);
        assertThat(resolver.resolve(KEY).block()).contains(DEMO_SHOP);

        merchantService.revoke(KEY);
        assertThat(resolver.resolve(KEY).block()).contains(DEMO_SHOP);

        await().atMost(Duration.ofSeconds(10)).until(() -> resolver.resolve(KEY).block().isEmpty());
        assertThat(merchantService.lookUpsOf(KEY)).hasSize(2);
    }

    @Test
    void remembers_an_unknown_key_for_the_negative_ttl() {
        ApiKeyResolver resolver = resolverCaching(Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertThat(resolver.resolve(KEY).block()).isEmpty();

        merchantService.knows(KEY, DEMO_SHOP);
        assertThat(resolver.resolve(KEY).block()).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> resolver.resolve(KEY).block().isPresent());
        assertThat(merchantService.lookUpsOf(KEY)).hasSize(2);
    }

    @Test
    void does_not_remember_a_failed_look_up() {
        ApiKeyResolver resolver = resolverCaching(Duration.ofSeconds(30), Duration.ofSeconds(5));
        merchantService.knows(KEY, DEMO_SHOP);
        merchantService.fail(KEY, 500);
        assertThatThrownBy(() -> resolver.resolve(KEY).block()).isInstanceOf(MerchantServiceUnavailableException.class);

        merchantService.recover(KEY);
        assertThat(resolver.resolve(KEY).block()).contains(DEMO_SHOP);
        assertThat(merchantService.lookUpsOf(KEY)).hasSize(2);
    }

    private ApiKeyResolver resolverCaching(Duration knownKeys, Duration unknownKeys) {
        ApiKeySettings settings = new ApiKeySettings(URI.create(merchantService.url()), knownKeys, unknownKeys, 100, Duration.ofSeconds(2));
        return new ApiKeyResolver(new MerchantServiceClient(WebClient.builder(), settings,
                GatewaySignature.fromConfiguration(GatewaySigning.KEYS, null), JsonMapper.shared()), settings);
    }
}
