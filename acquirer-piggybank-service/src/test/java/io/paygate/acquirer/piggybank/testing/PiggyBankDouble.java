package io.paygate.acquirer.piggybank.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP Piggy Bank for tests, following the bank's rules: a card number ending in an odd digit is approved,
 * in 2/4/6/8 refused, in 0 answered with 503; a missing field gives 400; a repeated {@code Idempotency-Key} gets
 * the first answer again. {@code POST /payments/{key}/reversals} answers {@code 200 {"reversed":true}} while an
 * approved authorisation holds that key, every time, and {@code 404} otherwise. It records every request, and can be
 * told to fail, to stall, to cut short or to answer any status to the next requests, or to take its time over every
 * authorisation; it counts how many authorisations it is working on at once.
 */
public final class PiggyBankDouble implements AutoCloseable {

    /** One request as the bank received it. */
    public record Request(String idempotencyKey, JsonNode body) {

        public String field(String name) {
            JsonNode value = body.get(name);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    /** One reversal request, and the status it was answered: {@code 0} when it was left unanswered. */
    public record Reversal(String idempotencyKey, int status) {
    }

    private record Answer(int status, String body, boolean approved) {

        Answer(int status, String body) {
            this(status, body, false);
        }
    }

    private static final Pattern REVERSAL_PATH = Pattern.compile("/payments/([^/]+)/reversals");
    private static final List<String> REQUIRED_FIELDS = List.of("card_number", "expiry_date", "currency", "amount", "cvv");

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answersByKey = new ConcurrentHashMap<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final AtomicInteger stallsToCome = new AtomicInteger();
    private final AtomicInteger cutsToCome = new AtomicInteger();
    private final Queue<Integer> statusesToCome = new ConcurrentLinkedQueue<>();
    private final List<Reversal> reversals = new CopyOnWriteArrayList<>();
    private final AtomicInteger reversalFailuresToCome = new AtomicInteger();
    private final Queue<Integer> reversalStatusesToCome = new ConcurrentLinkedQueue<>();
    private final AtomicInteger authorizationsInFlight = new AtomicInteger();
    private final AtomicInteger peakAuthorizationsInFlight = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    private PiggyBankDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/payments", this::handle);
        server.start();
    }

    public static PiggyBankDouble start() {
        try {
            return new PiggyBankDouble();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Piggy Bank double", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code 503} to the next {@code times} requests, then follows the rules again. */
    public void failNext(int times) {
        failuresToCome.set(times);
    }

    /** Answers {@code 503} to the next {@code times} reversals, then follows the rules again. */
    public void failNextReversals(int times) {
        reversalFailuresToCome.set(times);
    }

    /** Answers the next reversal with {@code status} and no body; calls queue up. */
    public void answerNextReversalWith(int status) {
        reversalStatusesToCome.add(status);
    }

    /** Never answers the next {@code times} requests, authorisations or reversals (until closed), so that clients time out. */
    public void stallNext(int times) {
        stallsToCome.set(times);
    }

    /** Decides the next {@code times} requests but drops the connection halfway through sending the answer. */
    public void cutShortNext(int times) {
        cutsToCome.set(times);
    }

    /** Answers the next request with {@code status} and no body, whatever the request; calls queue up. */
    public void answerNextWith(int status) {
        statusesToCome.add(status);
    }

    /** Answers every authorisation only after this long, as a bank under load would; zero to answer at once again. */
    public void answerAfter(Duration latency) {
        this.latency = latency;
    }

    /** Authorisations received and not answered yet. */
    public int authorizationsInFlight() {
        return authorizationsInFlight.get();
    }

    /** The most authorisations it worked on at once since the last {@link #resetPeak()}. */
    public int peakAuthorizationsInFlight() {
        return peakAuthorizationsInFlight.get();
    }

    public void resetPeak() {
        peakAuthorizationsInFlight.set(authorizationsInFlight.get());
    }

    /** Every request received so far, whatever its key. */
    public int requestCount() {
        return requests.size();
    }

    public List<Request> requestsWithKey(String idempotencyKey) {
        return requests.stream().filter(request -> idempotencyKey.equals(request.idempotencyKey())).toList();
    }

    /** Every reversal of this key received so far, in order, with the status it was answered. */
    public List<Reversal> reversalsOf(String idempotencyKey) {
        return reversals.stream().filter(reversal -> idempotencyKey.equals(reversal.idempotencyKey())).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Matcher reversal = REVERSAL_PATH.matcher(exchange.getRequestURI().getPath());
        if (reversal.matches()) {
            handleReversal(exchange, reversal.group(1));
            return;
        }
        int inFlight = authorizationsInFlight.incrementAndGet();
        peakAuthorizationsInFlight.accumulateAndGet(inFlight, Math::max);
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            JsonNode body = json.readTree(exchange.getRequestBody());
            requests.add(new Request(key, body));
            takeTime();
            if (takeOne(stallsToCome)) {
                awaitClosing();
                return;
            }
            if (takeOne(cutsToCome)) {
                cutShort(exchange, answerFor(key, body));
                return;
            }
            Integer scripted = statusesToCome.poll();
            Answer answer = scripted != null ? new Answer(scripted, null)
                    : takeOne(failuresToCome) ? new Answer(503, null) : answerFor(key, body);
            respond(exchange, answer);
        } finally {
            authorizationsInFlight.decrementAndGet();
        }
    }

    private void handleReversal(HttpExchange exchange, String key) throws IOException {
        try (exchange) {
            if (takeOne(stallsToCome)) {
                reversals.add(new Reversal(key, 0));
                awaitClosing();
                return;
            }
            Integer scripted = reversalStatusesToCome.poll();
            Answer answer = scripted != null ? new Answer(scripted, null)
                    : takeOne(reversalFailuresToCome) ? new Answer(503, null)
                    : approved(key) ? new Answer(200, "{\"reversed\":true}")
                    : new Answer(404, "{\"error_message\":\"No approved authorisation for this idempotency key\"}");
            reversals.add(new Reversal(key, answer.status()));
            respond(exchange, answer);
        }
    }

    private boolean approved(String key) {
        Answer first = answersByKey.get(key);
        return first != null && first.approved();
    }

    private Answer answerFor(String key, JsonNode body) {
        Answer first = key == null ? null : answersByKey.get(key);
        if (first != null) {
            return first;
        }
        Answer answer = decide(body);
        if (key != null && answer.status() == 200) {
            answersByKey.putIfAbsent(key, answer);
        }
        return answer;
    }

    private static Answer decide(JsonNode body) {
        for (String field : REQUIRED_FIELDS) {
            if (body.path(field).isMissingNode() || body.path(field).isNull()) {
                return new Answer(400, "{\"error_message\":\"" + field + " is required\"}");
            }
        }
        String number = body.get("card_number").asString();
        int lastDigit = number.charAt(number.length() - 1) - '0';
        if (lastDigit == 0) {
            return new Answer(503, null);
        }
        return lastDigit % 2 == 1
                ? new Answer(200, "{\"authorized\":true,\"authorization_code\":\"" + UUID.randomUUID() + "\"}", true)
                : new Answer(200, "{\"authorized\":false,\"authorization_code\":\"\"}");
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void cutShort(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
        exchange.getResponseBody().flush();
        // Closing with bytes missing makes the server drop the connection.
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    private void takeTime() {
        Duration wait = latency;
        if (!wait.isZero()) {
            try {
                closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
