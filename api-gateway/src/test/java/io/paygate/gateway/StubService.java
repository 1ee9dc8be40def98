package io.paygate.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paygate.events.merchant.GatewaySignature;
import io.paygate.testing.GatewaySigning;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server standing in for one of our services behind the gateway: answers with {@code replies}
 * and records every request it received, except the gateway's readiness checks, which it always passes. Like the
 * real services, it answers 401 to (and does not record) a request the gateway did not sign with the tests' key.
 */
public final class StubService implements AutoCloseable {

    public record Request(String method, String path, Headers headers, String body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    public record Reply(int status, String json) {

        public static Reply ok(String json) {
            return new Reply(200, json);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Request> received = new ConcurrentLinkedQueue<>();
    private static final String READINESS_PATH = "/actuator/health/readiness";
    private static final GatewaySignature SERVICES_KEYS = GatewaySignature.fromConfiguration(GatewaySigning.KEYS, null);

    private final Function<Request, Reply> replies;
    private final AtomicInteger readinessChecks = new AtomicInteger();

    private StubService(Function<Request, Reply> replies) throws IOException {
        this.replies = replies;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static StubService start(Function<Request, Reply> replies) {
        try {
            return new StubService(replies);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a stub service", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    public void forgetRequests() {
        received.clear();
    }

    /** How often the gateway's load balancer asked whether this service is ready. */
    public int readinessChecks() {
        return readinessChecks.get();
    }

    public List<Request> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** What the services' GatewaySignatureFilter says of a request; only a valid one is recorded and answered. */
    private static GatewaySignature.Verdict verdict(HttpExchange exchange, byte[] body) {
        URI uri = exchange.getRequestURI();
        return SERVICES_KEYS.verify(exchange.getRequestMethod(), GatewaySignature.pathAndQuery(uri.getRawPath(),
                uri.getRawQuery()), exchange.getRequestHeaders()::getFirst, GatewaySignature.digest(body), Instant.now(),
                Duration.ofSeconds(30));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    new Headers(exchange.getRequestHeaders()), body);
            Reply reply;
            if (request.path().equals(READINESS_PATH)) {
                readinessChecks.incrementAndGet();
                reply = Reply.ok("{\"status\":\"UP\"}");
            } else if (verdict(exchange, bytes) != GatewaySignature.Verdict.VALID) {
                reply = new Reply(401, "");
            } else {
                received.add(request);
                reply = replies.apply(request);
            }
            byte[] json = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), json.length == 0 ? -1 : json.length);
            exchange.getResponseBody().write(json);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
