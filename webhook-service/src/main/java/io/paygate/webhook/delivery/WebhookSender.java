package io.paygate.webhook.delivery;

import io.paygate.webhook.endpoint.AddressRefusedException;
import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import io.paygate.webhook.endpoint.EndpointHeader;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs an event to an endpoint, once: no redirect followed, no retry of its own, the whole attempt bounded by the
 * timeout, and a 2xx answer the only success. Every address a connection is about to use passes the
 * {@link EndpointAddressPolicy} first (the client's {@link DnsResolver}), so that a name that resolved to a public
 * address when the endpoint was saved and resolves to 127.0.0.1 or 169.254.169.254 now is refused before any
 * connection is made.
 */
public class WebhookSender implements AutoCloseable {

    public static final String EVENT_ID_HEADER = "Cko-Event-Id";
    private static final ContentType JSON = ContentType.create("application/json");
    private static final String USER_AGENT = "PayGate-Webhooks/1";
    // The endpoint lanes bound the attempts; the pool must not add a bound of its own per host and port, which
    // several merchants' endpoints may share (a receiving service, or one host with many paths).
    private static final int MAX_CONNECTIONS = 4096;

    private final EndpointAddressPolicy policy;
    private final Duration timeout;
    private final Clock clock;
    private final CloseableHttpClient client;
    // Cancels an attempt at its deadline: the client's own timeouts bound each wait, not an answer trickled slowly.
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    public WebhookSender(EndpointAddressPolicy policy, Duration timeout, Clock clock) {
        this.policy = policy;
        this.timeout = timeout;
        this.clock = clock;
        Timeout each = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyResolver(policy))
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(each).setSocketTimeout(each).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(each).setResponseTimeout(each).setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** One attempt: signs the body with the secret, sends it with the endpoint's headers, and says how it went. */
    public DeliveryAttempt send(WebhookEndpoint endpoint, String eventId, String body, String signingSecret) {
        Instant attemptedOn = clock.instant();
        long start = System.nanoTime();
        URI uri;
        try {
            uri = new URI(endpoint.url());
        } catch (URISyntaxException e) {
            return failure(attemptedOn, start, "url_invalid");
        }
        if (!policy.permitsScheme(uri.getScheme())) {
            return failure(attemptedOn, start, "address_refused");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(bytes, JSON));
        for (EndpointHeader header : endpoint.headers()) {
            post.addHeader(header.name(), header.value());
        }
        post.setHeader(CkoSignature.HEADER, CkoSignature.of(signingSecret, bytes));
        post.setHeader(EVENT_ID_HEADER, eventId);
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        // The answer's body is not read: closing the response unread closes its connection instead of draining it.
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int code = response.getCode();
            return new DeliveryAttempt(attemptedOn, code, code >= 200 && code < 300 ? null : "http_" + code,
                    elapsedMs(start));
        } catch (AddressRefusedException e) {
            return failure(attemptedOn, start, "address_refused");
        } catch (UnknownHostException e) {
            return failure(attemptedOn, start, "unknown_host");
        } catch (ConnectException e) {
            return failure(attemptedOn, start, post.isCancelled() ? "timeout" : "connection_refused");
        } catch (IOException | RuntimeException e) {
            return failure(attemptedOn, start, post.isCancelled() || isTimeout(e) ? "timeout" : "connection_error");
        } finally {
            deadline.cancel(false);
        }
    }

    private static boolean isTimeout(Exception e) {
        return e instanceof SocketTimeoutException || e instanceof ConnectionRequestTimeoutException
                || e instanceof ConnectTimeoutException;
    }

    private static DeliveryAttempt failure(Instant attemptedOn, long start, String error) {
        return new DeliveryAttempt(attemptedOn, null, error, elapsedMs(start));
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** Resolves as the system does, then lets through only the addresses the policy permits. */
    private record PolicyResolver(EndpointAddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolvePermitted(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
