package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/** A merchant's or operator's HTTPS client of the gateway, trusting only the stack's development certificate. */
final class Gateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient client;
    private final HttpClient browser;

    Gateway(int port, Path certificate) {
        this.base = URI.create("https://localhost:" + port + "/");
        SSLContext trustingTheStack = trusting(certificate);
        this.client = HttpClient.newBuilder()
                .sslContext(trustingTheStack)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        // API calls must see a redirect as it is; a page is what a browser ends up showing.
        this.browser = HttpClient.newBuilder()
                .sslContext(trustingTheStack)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The gateway's base URI, {@code https://localhost:<port>/}. */
    URI baseUri() {
        return base;
    }

    Reply post(String path, String bearer, String jsonBody) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A payment request carrying the merchant's idempotency key, as Checkout.com's clients send it. */
    Reply post(String path, String bearer, String idempotencyKey, String jsonBody) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .header("Cko-Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Reply put(String path, String bearer, String jsonBody) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Reply patch(String path, String bearer, String jsonBody) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Reply get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    /** What a browser shows for the path: redirects followed, no credentials. */
    Reply page(String path) {
        return send(browser, request(path, null).GET());
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private Reply send(HttpRequest.Builder request) {
        return send(client, request);
    }

    private static Reply send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context that trusts the stack's development certificate and nothing else. */
    static SSLContext trusting(Path certificate) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("paygate", read(certificate));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stack's development certificate, as {@code ./paygate} wrote it (PEM). */
    static Certificate read(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String text(String field) {
            return json().path(field).asString();
        }
    }
}
