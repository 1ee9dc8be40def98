package io.paygate.webhook.delivery;

import com.sun.net.httpserver.HttpServer;
import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import io.paygate.webhook.endpoint.EndpointHeader;
import io.paygate.webhook.endpoint.SealedSecret;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts against real sockets on 127.0.0.1, names resolved from a table. */
class WebhookSenderTest {

    private static final String SECRET = "whsec_3q2-7wNpYyHIbaKpQmZ2Jx8Kt1vVbE9wzRkP0sLq4Uo";
    private static final Map<String, String> DNS = Map.of("rebound.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254", "shop.example.com", "127.0.0.1");

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void refuses_at_connect_time_a_host_that_resolves_to_a_local_address_and_connects_nowhere() throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger connections = countConnections(listener);
        WebhookSender production = sender(false, Duration.ofSeconds(2));

        for (String host : List.of("rebound.example.com", "127.0.0.1", "localhost", "metadata.example.com")) {
            DeliveryAttempt attempt = production.send(endpoint("https://" + host + ":" + listener.getLocalPort()
                    + "/events"), "evt_1", "{}", SECRET);

            assertThat(attempt.statusCode()).as(host).isNull();
            assertThat(attempt.error()).as(host).isEqualTo("address_refused");
        }
        assertThat(production.send(endpoint("http://93.184.216.34/events"), "evt_1", "{}", SECRET).error())
                .as("plain http").isEqualTo("address_refused");
        assertThat(connections).hasValue(0);
    }

    @Test
    void sends_to_a_local_address_when_local_endpoints_are_allowed() throws IOException {
        HttpServer server = server(200, Duration.ZERO);
        List<String> signatures = new CopyOnWriteArrayList<>();
        server.createContext("/signed", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            signatures.add(exchange.getRequestHeaders().getFirst("Cko-Signature") + " "
                    + CkoSignature.of(SECRET, body) + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + exchange.getRequestHeaders().getFirst("X-Shop") + " "
                    + exchange.getRequestHeaders().getFirst("Cko-Event-Id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(2)).send(
                endpoint("http://rebound.example.com:" + server.getAddress().getPort() + "/signed"), "evt_1",
                "{\"id\":\"evt_1\"}", SECRET);

        assertThat(attempt.statusCode()).isEqualTo(204);
        assertThat(attempt.error()).isNull();
        assertThat(attempt.succeeded()).isTrue();
        String expected = CkoSignature.of(SECRET, "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(signatures).containsExactly(expected + " " + expected + " application/json books evt_1");
    }

    @Test
    void fails_an_attempt_that_outlasts_the_timeout() throws IOException {
        HttpServer server = server(200, Duration.ofSeconds(3));

        DeliveryAttempt attempt = sender(true, Duration.ofMillis(300)).send(
                endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "evt_1", "{}", SECRET);

        assertThat(attempt.error()).isEqualTo("timeout");
        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.latencyMs()).isLessThan(2_000);
    }

    @Test
    void takes_a_redirect_as_a_failure_without_following_it() throws IOException {
        HttpServer server = server(302, Duration.ZERO);
        AtomicInteger followed = new AtomicInteger();
        server.createContext("/elsewhere", exchange -> {
            followed.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(2)).send(
                endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "evt_1", "{}", SECRET);

        assertThat(attempt.statusCode()).isEqualTo(302);
        assertThat(attempt.error()).isEqualTo("http_302");
        assertThat(attempt.succeeded()).isFalse();
        assertThat(followed).hasValue(0);
    }

    @Test
    void reports_a_refused_connection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(2)).send(
                endpoint("http://127.0.0.1:" + closedPort + "/"), "evt_1", "{}", SECRET);

        assertThat(attempt.error()).isEqualTo("connection_refused");
    }

    private WebhookSender sender(boolean allowLocal, Duration timeout) {
        WebhookSender sender = new WebhookSender(new EndpointAddressPolicy(allowLocal, WebhookSenderTest::resolve),
                timeout, Clock.systemUTC());
        toClose.add(sender);
        return sender;
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())};
        }
        return InetAddress.getAllByName(host);
    }

    /** Answers every path with this status (and a Location), after this pause. */
    private HttpServer server(int status, Duration pause) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        toClose.add(() -> server.stop(0));
        return server;
    }

    private AtomicInteger countConnections(ServerSocket listener) {
        AtomicInteger connections = new AtomicInteger();
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        toClose.add(listener);
        return connections;
    }

    private static WebhookEndpoint endpoint(String url) {
        return new WebhookEndpoint("wh_y3oqhf46pyzuxjbcn2giaqnb44", "mer_1", url, true,
                List.of(new EndpointHeader("X-Shop", "books")), "json", List.of("payment_captured"),
                new SealedSecret("k", "n", "c"), Instant.now());
    }
}
