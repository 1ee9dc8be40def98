package io.paygate.gateway;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.events.merchant.MerchantContract;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * merchant-service as the gateway sees it: answers API-key look-ups from the keys it was given, the admin API with
 * a fixed body. A look-up can be held until the test releases it, and a key can be made to fail.
 */
public final class MerchantServiceStub implements AutoCloseable {

    /** The admin API ({@code /merchants...}) answers this token only, as merchant-service its configured one. */
    public static final String ADMIN_AUTHORIZATION = "Bearer admin-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, MerchantContract> merchantsByKey = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> heldKeys = new ConcurrentHashMap<>();
    private final Map<String, Integer> failingKeys = new ConcurrentHashMap<>();
    private final StubService server = StubService.start(this::reply);

    public String url() {
        return server.url();
    }

    public MerchantServiceStub knows(String apiKey, MerchantContract merchant) {
        merchantsByKey.put(apiKey, merchant);
        return this;
    }

    public void revoke(String apiKey) {
        merchantsByKey.remove(apiKey);
    }

    /** Look-ups of this key answer {@code status} until {@link #recover(String)}. */
    public void fail(String apiKey, int status) {
        failingKeys.put(apiKey, status);
    }

    public void recover(String apiKey) {
        failingKeys.remove(apiKey);
    }

    /** Look-ups of this key get no answer until the returned latch is counted down. */
    public CountDownLatch hold(String apiKey) {
        return heldKeys.computeIfAbsent(apiKey, key -> new CountDownLatch(1));
    }

    public void forgetRequests() {
        server.forgetRequests();
    }

    /** The keys looked up, in order. */
    public List<String> lookUps() {
        return server.received(ApiKeyLookup.PATH).stream()
                .map(request -> JSON.readValue(request.body(), ApiKeyLookup.class).apiKey())
                .toList();
    }

    public List<String> lookUpsOf(String apiKey) {
        return lookUps().stream().filter(apiKey::equals).toList();
    }

    /** Requests other than look-ups (the admin API, API docs). */
    public List<StubService.Request> adminRequests() {
        return server.received().stream().filter(request -> !request.path().equals(ApiKeyLookup.PATH)).toList();
    }

    public List<StubService.Request> received(String path) {
        return server.received(path);
    }

    private StubService.Reply reply(StubService.Request request) {
        if (!request.path().equals(ApiKeyLookup.PATH)) {
            boolean adminApi = request.path().startsWith("/merchants");
            return !adminApi || ADMIN_AUTHORIZATION.equals(request.header("Authorization"))
                    ? StubService.Reply.ok("{\"id\":\"mer_stub\"}") : new StubService.Reply(401, "");
        }
        String apiKey = JSON.readValue(request.body(), ApiKeyLookup.class).apiKey();
        awaitRelease(heldKeys.get(apiKey));
        Integer failure = failingKeys.get(apiKey);
        if (failure != null) {
            return new StubService.Reply(failure, "{}");
        }
        MerchantContract merchant = merchantsByKey.get(apiKey);
        return merchant == null ? new StubService.Reply(404, "") : StubService.Reply.ok(JSON.writeValueAsString(merchant));
    }

    private static void awaitRelease(CountDownLatch hold) {
        if (hold == null) {
            return;
        }
        try {
            hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
