package io.paygate.payment;

import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.testing.GatewaySigning;
import io.paygate.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service against the infrastructure of {@link TestInfrastructure}, kept apart from every other test
 * class by a {@link TestIsolation} of its own (database, results queue, acquirer code, card key), with a
 * {@link FakeAcquirer} for that acquirer code. A subclass adds its own settings as properties
 * ({@code @TestPropertySource}, {@code @DynamicPropertySource}); one that needs no web server declares
 * {@code @SpringBootTest} again without a port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@Import(ServiceIntegrationTest.Isolated.class)
abstract class ServiceIntegrationTest {

    /** A new isolation for every application context, so for every test class, as each dirties its context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Isolated {

        @Bean
        TestIsolation testIsolation() {
            return new TestIsolation();
        }

        @Bean
        DynamicPropertyRegistrar isolatedInfrastructure(TestIsolation isolation) {
            return registry -> {
                TestInfrastructure.register(registry);
                registry.add("spring.mongodb.database", () -> isolation.database);
                registry.add("paygate.payments.results-queue", () -> isolation.resultsQueue);
                registry.add("paygate.payments.action-results-queue", () -> isolation.actionResultsQueue);
                registry.add("paygate.payments.events-queue", () -> isolation.eventsQueue);
                registry.add("paygate.card-encryption.keys", () -> isolation.cardKeys);
                registry.add("paygate.card-encryption.active-key-id", () -> isolation.cardKeyId);
            };
        }
    }

    /** Static, unlike the isolated settings: the web server's filters are made before any registrar bean runs. */
    @DynamicPropertySource
    static void gatewaySigning(DynamicPropertyRegistry registry) {
        GatewaySigning.register(registry);
    }

    @Autowired
    TestIsolation isolation;
    @Autowired
    ConnectionFactory connections;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessageConverter converter;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    CardCipher cardCipher;
    @Autowired
    private Environment environment;

    FakeAcquirer acquirer;
    /** The service's HTTP API as the gateway calls it; null where the test runs without a web server. */
    PaymentApi api;

    @BeforeAll
    void startAcquirer() {
        acquirer = fakeAcquirer(isolation.acquirer);
        Integer port = environment.getProperty("local.server.port", Integer.class);
        api = port == null ? null : new PaymentApi(port, isolation.acquirer);
    }

    @AfterAll
    void removeQueues() {
        listeners.stop();
        acquirer.close();
        admin.deleteQueue(isolation.resultsQueue);
        admin.deleteQueue(Topology.deadLetterQueue(isolation.resultsQueue));
        admin.deleteQueue(isolation.actionResultsQueue);
        admin.deleteQueue(Topology.deadLetterQueue(isolation.actionResultsQueue));
        admin.deleteQueue(isolation.eventsQueue);
        admin.deleteQueue(Topology.deadLetterQueue(isolation.eventsQueue));
    }

    /** A fake acquirer for an acquirer code, consuming from now on until closed. */
    FakeAcquirer fakeAcquirer(String code) {
        return new FakeAcquirer(code, connections, rabbit, admin, converter, cardCipher);
    }
}
