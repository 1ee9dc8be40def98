package io.paygate.gateway;

import io.paygate.events.merchant.MerchantContract;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/**
 * Both services behind the gateway as stubs: payment-service answers every request {@code 201 {}}, merchant-service
 * knows one merchant's API key. A test class holds one in a static field, registers it from its
 * {@code @DynamicPropertySource} and closes it after all its tests.
 */
public final class StubbedServices implements AutoCloseable {

    public static final String API_KEY = "sk_sbox_stubbedstubbedstubbedstubb";

    public final StubService paymentService = StubService.start(request -> new StubService.Reply(201, "{}"));
    public final MerchantServiceStub merchantService = new MerchantServiceStub()
            .knows(API_KEY, new MerchantContract("mer_stubbed", "piggybank", null, List.of("GBP")));

    /** Points the gateway under test at these stubs. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", paymentService::url);
        registry.add("paygate.gateway.merchant-service-url", merchantService::url);
    }

    @Override
    public void close() {
        paymentService.close();
        merchantService.close();
    }
}
