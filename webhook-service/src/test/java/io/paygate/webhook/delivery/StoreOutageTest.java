package io.paygate.webhook.delivery;

import com.sun.net.httpserver.HttpServer;
import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentEventType;
import io.paygate.events.PaymentEvents;
import io.paygate.events.ResponseCode;
import io.paygate.events.Topology;
import io.paygate.support.amqp.OutgoingMessage;
import io.paygate.testing.OwnVirtualHost;
import io.paygate.testing.TestInfrastructure;
import io.paygate.webhook.RunningServiceTest;
import io.paygate.webhook.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that arrive while MongoDB is unreachable (a proxy to the wire server, cut) go back to the queue and are
 * delivered once it answers again: none is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "paygate.webhooks.secret-keys=" + RunningServiceTest.SECRET_KEYS,
        "paygate.webhooks.allow-local-endpoints=true",
        "paygate.webhooks.delivery.requeue-delay=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class StoreOutageTest extends RunningServiceTest {

    private static final OwnVirtualHost outageVirtualHost = OwnVirtualHost.create("paygate-it-webhook-outage");
    private static final CuttableProxy mongoProxy = proxyToMongo();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // Fails fast while cut, instead of the driver's 30 s wait for a server.
        ServiceIntegrationTest.register(registry,
                "mongodb://127.0.0.1:" + mongoProxy.port() + "/?serverSelectionTimeoutMS=500", outageVirtualHost);
    }

    private static CuttableProxy proxyToMongo() {
        URI mongo = URI.create(TestInfrastructure.mongoUri());
        try {
            return new CuttableProxy(mongo.getHost(), mongo.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopAll() throws IOException {
        listeners.stop();
        List.of(Topology.WEBHOOK_EVENTS_QUEUE, Topology.deadLetterQueue(Topology.WEBHOOK_EVENTS_QUEUE))
                .forEach(admin::deleteQueue);
        connectionFactory.resetConnection();
        outageVirtualHost.close();
        receiver.stop(0);
        mongoProxy.close();
    }

    @Test
    void returns_events_to_the_queue_while_the_store_is_down_and_delivers_them_once_it_is_back(CapturedOutput output)
            throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        assertThat(post(merchant, "/webhooks", "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/events\", \"event_types\": [\"payment_approved\"]}")).hasStatus(201);
        PaymentEvent approved = approved();

        mongoProxy.cut();
        rabbit.convertAndSend(Topology.PAYMENT_EVENTS_EXCHANGE, Topology.PAYMENT_EVENTS_ROUTING_KEY,
                new PaymentEvents(List.of(approved)),
                OutgoingMessage.stamped(PaymentEvents.TYPE, PaymentEvents.VERSION, approved.id()));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> output.toString().contains("Could not store the deliveries of 1 events"));
        assertThat(received).isEmpty();

        mongoProxy.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
        assertThat(received.getFirst()).contains(approved.id());
    }

    private PaymentEvent approved() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        return new PaymentEvent("evt_" + suffix, PaymentEventType.PAYMENT_APPROVED,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), merchant, "pay_" + suffix, "act_" + suffix, null, 1050,
                "EUR", ResponseCode.APPROVED, "123456", Instant.now(),
                new PaymentEvent.Balances(1050, 0, 1050, 0, 1050, 0, 0),
                new PaymentEvent.Card("visa", "411111", "1111"), Map.of(), null);
    }
}
