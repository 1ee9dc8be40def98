package io.paygate.acquirer.piggybank;

import io.paygate.events.Topology;
import io.paygate.testing.OwnVirtualHost;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.paygate.acquirer.piggybank.AcquirerFlowTest.randomKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter started on a broker where no payment-service has declared anything yet, connected as its own RabbitMQ
 * user with the permissions it has in production: it declares its queues and consumes them all the same, so the
 * services can start in any order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class StartsBeforePaymentServiceTest {

    private static final String ACQUIRER = "piggybank";
    private static final OwnVirtualHost virtualHost = OwnVirtualHost.create("paygate-it-piggy-first");
    private static final Optional<String> adapterUser = virtualHost.rabbitUriAs("acquirer-piggybank-service");

    @DynamicPropertySource
    static void adapter(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.rabbitmq.addresses", adapterUser::orElseThrow);
        registry.add("paygate.acquirer.code", () -> ACQUIRER);
        registry.add("paygate.card-encryption.keys", () -> "test:" + randomKey());
        registry.add("paygate.card-encryption.active-key-id", () -> "test");
        // Never called: no command arrives.
        registry.add("paygate.piggybank.url", () -> "http://127.0.0.1:9");
    }

    @BeforeAll
    static void needsItsOwnVirtualHost() {
        assumeTrue(adapterUser.isPresent(), "rabbitmqctl can make no virtual host or user on this broker");
    }

    @AfterAll
    static void deleteVirtualHost() {
        virtualHost.close();
    }

    @Test
    void declares_and_consumes_its_own_queues_before_payment_service_declared_its_exchanges() {
        CachingConnectionFactory administrator = new CachingConnectionFactory(URI.create(virtualHost.rabbitUri()));
        try {
            RabbitAdmin broker = new RabbitAdmin(administrator);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (String queue : List.of(Topology.acquirerQueue(ACQUIRER), Topology.acquirerReversalQueue(ACQUIRER),
                        Topology.acquirerActionQueue(ACQUIRER))) {
                    QueueInformation information = broker.getQueueInfo(queue);
                    assertThat(information).as(queue).isNotNull();
                    assertThat(information.getConsumerCount()).as(queue).isPositive();
                }
            });
        } finally {
            administrator.destroy();
        }
    }
}
