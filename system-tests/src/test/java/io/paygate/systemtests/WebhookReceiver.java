package io.paygate.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * A merchant's webhook endpoint for the end-to-end tests: an HTTP server on 127.0.0.1 that records every request
 * PayGate sends it, exactly as it came, and answers each as the test says, after a pause if the test wants a slow
 * endpoint. Its signature check is the README's Java verification sample, word for word.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntUnaryOperator answers;
    private final Duration pause;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private int port;
    private HttpServer server;

    /**
     * @param answers the HTTP status for the n-th request, n counted from 1 over the receiver's whole life
     * @param pause   how long each request waits before it is answered
     */
    private WebhookReceiver(IntUnaryOperator answers, Duration pause) {
        this.answers = answers;
        this.pause = pause;
    }

    /** A receiver listening on a free port of 127.0.0.1 that answers every request {@code 200}. */
    static WebhookReceiver accepting() {
        return listening(request -> 200, Duration.ZERO);
    }

    static WebhookReceiver listening(IntUnaryOperator answers, Duration pause) {
        WebhookReceiver receiver = new WebhookReceiver(answers, pause);
        receiver.listen();
        return receiver;
    }

    /**
     * Whether {@code signature} is the HMAC-SHA256 of {@code rawBody} under {@code secret}: the check every merchant
     * makes of the {@code Cko-Signature} header, as the README shows it.
     */
    static boolean signatureValid(String secret, byte[] rawBody, String signature) throws GeneralSecurityException {
        if (signature == null) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(rawBody));
        boolean valid = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return valid;
    }

    /** The URL to register: the same across {@link #stopListening()} and {@link #listen()}. */
    String url() {
        return URI.create("http://127.0.0.1:" + port + "/paygate-events").toString();
    }

    /** Starts listening, on the port it had before if it listened already. */
    synchronized void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Closes the port, so that a delivery finds nothing listening (connection refused), as an endpoint that is down. */
    synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Every request so far, in the order they came. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with a 2xx: the events delivered. */
    List<Received> delivered() {
        return received.stream().filter(Received::delivered).toList();
    }

    /** Requests being handled (paused) now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        stopListening();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            Instant at = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answers.applyAsInt(requests.incrementAndGet());
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(header -> header.getKey().toLowerCase(Locale.ROOT),
                            header -> header.getValue().getFirst(), (first, second) -> first));
            received.add(new Received(at, headers, body, status));
            if (pause.isPositive()) {
                Thread.sleep(pause);
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** One request as it came: when, its headers (names in lower case), its raw body, and the status it was given. */
    record Received(Instant at, Map<String, String> headers, byte[] body, int answered) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean delivered() {
            return answered / 100 == 2;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String eventId() {
            return json().path("id").asString();
        }

        String type() {
            return json().path("type").asString();
        }

        String paymentId() {
            return json().path("data").path("id").asString();
        }

        /** Whether its {@code Cko-Signature} holds for the endpoint's signing secret. */
        boolean signedWith(String secret) {
            try {
                return signatureValid(secret, body, header("Cko-Signature"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
