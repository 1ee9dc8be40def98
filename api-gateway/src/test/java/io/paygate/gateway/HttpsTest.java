package io.paygate.gateway;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.MerchantContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway as merchants meet it: over HTTPS, with a PKCS12 keystore made by keytool as the launcher makes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpsTest {

    private static final String PASSWORD = "changeit-in-tests";
    private static final String API_KEY = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";

    static final StubService paymentService = StubService.start(request -> new StubService.Reply(201, "{\"id\":\"pay_tls\"}"));
    static final MerchantServiceStub merchantService = new MerchantServiceStub()
            .knows(API_KEY, new MerchantContract("mer_tls", "piggybank", "piggy-tls", List.of("GBP")));

    @TempDir
    static Path tls;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("paygate.gateway.payment-service-urls", paymentService::url);
        registry.add("paygate.gateway.merchant-service-url", merchantService::url);
        registry.add("server.ssl.key-store", () -> keystore().toString());
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
    }

    @AfterAll
    static void stopServices() {
        paymentService.close();
        merchantService.close();
    }

    @LocalServerPort
    int port;

    @Test
    void authenticates_and_forwards_a_payment_over_https() throws Exception {
        SslContext trustingOurCertificate = trustingOurCertificate();
        WebTestClient merchant = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create().secure(spec -> spec.sslContext(trustingOurCertificate))))
                .baseUrl("https://localhost:" + port)
                .build();

        merchant.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":1050}")
                .headers(headers -> headers.setBearerAuth(API_KEY))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().json("{\"id\":\"pay_tls\"}");
        merchant.get().uri("/actuator/health").exchange().expectStatus().isOk();

        StubService.Request forwarded = paymentService.received("/payments").getLast();
        assertThat(forwarded.header(InternalHeaders.MERCHANT_ID)).isEqualTo("mer_tls");
        assertThat(forwarded.header("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void speaks_tls_1_3_and_still_accepts_tls_1_2() throws Exception {
        assertThat(negotiatedProtocol("TLSv1.3", "TLSv1.2")).isEqualTo("TLSv1.3");
        assertThat(negotiatedProtocol("TLSv1.2")).isEqualTo("TLSv1.2");
    }

    private String negotiatedProtocol(String... clientProtocols) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(loadKeystore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(clientProtocols);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static SslContext trustingOurCertificate() throws Exception {
        KeyStore keystore = loadKeystore();
        X509Certificate certificate = (X509Certificate) keystore.getCertificate("paygate");
        return SslContextBuilder.forClient().trustManager(certificate).build();
    }

    private static KeyStore loadKeystore() throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore())) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        return keystore;
    }

    /** Made on first use, with the JDK's keytool, for localhost. */
    private static synchronized Path keystore() {
        Path keystore = tls.resolve("gateway.p12");
        if (Files.exists(keystore)) {
            return keystore;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "paygate",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return keystore;
    }
}
