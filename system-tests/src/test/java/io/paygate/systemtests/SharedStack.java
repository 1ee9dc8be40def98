package io.paygate.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one running PayGate of a test JVM. Starting the stack costs ~45 s on two cores, so every end-to-end class
 * shares it: a class declares {@code @ExtendWith(SharedStack.Extension.class)} and takes a {@code SharedStack}
 * parameter in its {@code @BeforeAll}. The first class to ask starts it; it stops when JUnit closes the root
 * context at the end of the run, or at JVM shutdown if the run is interrupted.
 *
 * <p>Classes must not depend on each other's data: each creates its own merchants. A class that stops the stack
 * (a restart test) starts it again before it returns. A class whose settings would break the others' runs on a stack
 * of its own ({@link #start(LocalStack)}); one such class costs a stack start more.
 */
final class SharedStack implements AutoCloseable {

    private final LocalStack local;
    private final Gateway gateway;
    private final Gateway admin;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SharedStack(LocalStack local) {
        this.local = local;
        this.gateway = new Gateway(local.port("GATEWAY_PORT"), local.certificate());
        this.admin = new Gateway(local.port("GATEWAY_ADMIN_PORT"), local.certificate());
    }

    /**
     * Starts PayGate on {@code local}: the shared stack, or a stack of a class's own (started in its
     * {@code @BeforeAll} with a {@link LocalStack} of its own settings and closed in its {@code @AfterAll}), which
     * offers the same merchant helpers.
     */
    static SharedStack start(LocalStack local) {
        try {
            local.upFromScratch();
        } catch (RuntimeException e) {
            // A partial start leaves processes behind; nobody would close a stack that was never handed out.
            local.down();
            local.release();
            throw e;
        }
        SharedStack stack = new SharedStack(local);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "paygate-e2e-down"));
        return stack;
    }

    LocalStack local() {
        return local;
    }

    Gateway gateway() {
        return gateway;
    }

    /** The gateway's admin listener, where the admin API is served. */
    Gateway admin() {
        return admin;
    }

    String adminToken() {
        return local.secret("admin-token");
    }

    /** Registers a merchant with the Piggy Bank contract through the admin API and returns its first API key. */
    String createMerchant(String name, List<String> currencies) {
        return createMerchant(name, "piggybank", "piggy-e2e", currencies);
    }

    /** Registers a merchant with a contract at the given acquirer through the admin API; returns its first API key. */
    String createMerchant(String name, String acquirer, String acquirerMerchantId, List<String> currencies) {
        Gateway.Reply created = admin.post("/merchants", adminToken(), """
                {"name": "%s", "acquirer": "%s", "acquirer_merchant_id": "%s", "currencies": [%s]}
                """.formatted(name, acquirer, acquirerMerchantId,
                currencies.stream().map(c -> '"' + c + '"').collect(Collectors.joining(", "))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("api_key");
    }

    /**
     * Registers a merchant whose default acquirer is {@code acquirer}, then gives it routing rules through the admin
     * API ({@code PUT /merchants/{id}/contract}, before its key was ever used, so no gateway cache holds the old
     * contract); returns its first API key. {@code routingJson} is the contract's {@code routing} array.
     */
    String createMerchantWithRouting(String name, String acquirer, String acquirerMerchantId, List<String> currencies,
                                     String routingJson) {
        String currencyList = currencies.stream().map(c -> '"' + c + '"').collect(Collectors.joining(", "));
        Gateway.Reply created = admin.post("/merchants", adminToken(), """
                {"name": "%s", "acquirer": "%s", "acquirer_merchant_id": "%s", "currencies": [%s]}
                """.formatted(name, acquirer, acquirerMerchantId, currencyList));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Gateway.Reply changed = admin.put("/merchants/" + created.text("id") + "/contract", adminToken(), """
                {"acquirer": "%s", "acquirer_merchant_id": "%s", "currencies": [%s], "routing": %s}
                """.formatted(acquirer, acquirerMerchantId, currencyList, routingJson));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("routing").size()).as(changed.body()).isPositive();
        return created.text("api_key");
    }

    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            try {
                local.down();
            } finally {
                local.release();
            }
        }
    }

    /** Hands the shared stack to test classes, starting it for the first one. */
    static final class Extension implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root context lives as long as the run, and closes what its store holds when the run ends.
            return context.getRoot().getStore(NAMESPACE)
                    .computeIfAbsent(SharedStack.class, key -> start(new LocalStack("", Map.of(
                            // Every service exports its spans, as in compose, to this JVM's collector.
                            "OTEL_EXPORTER_OTLP_ENDPOINT", OtlpCollector.shared().endpoint()))), SharedStack.class);
        }
    }
}
