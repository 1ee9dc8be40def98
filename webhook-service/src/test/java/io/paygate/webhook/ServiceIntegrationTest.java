package io.paygate.webhook;

import io.paygate.testing.GatewaySigning;
import io.paygate.testing.OwnVirtualHost;
import io.paygate.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against the MongoDB wire server of {@link TestInfrastructure} and RabbitMQ in a virtual host of its own
 * (so that its consumer takes no other process's events). Every subclass shares this configuration, hence one
 * application context and that virtual host, deleted when the JVM ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "paygate.webhooks.secret-keys=" + RunningServiceTest.SECRET_KEYS})
public abstract class ServiceIntegrationTest extends RunningServiceTest {

    private static final OwnVirtualHost virtualHost = OwnVirtualHost.create("paygate-it-webhooks");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(virtualHost::close));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        register(registry, TestInfrastructure.mongoUri(), virtualHost);
    }

    /** The service's MongoDB, its RabbitMQ virtual host, and the tests' message and gateway signing keys. */
    public static void register(DynamicPropertyRegistry registry, String mongoUri, OwnVirtualHost virtualHost) {
        registry.add("spring.mongodb.uri", () -> mongoUri);
        registry.add("spring.rabbitmq.addresses", virtualHost::rabbitUri);
        registry.add("paygate.messages.signing.keys", () -> TestInfrastructure.MESSAGE_SIGNING_KEYS);
        GatewaySigning.register(registry);
    }
}
