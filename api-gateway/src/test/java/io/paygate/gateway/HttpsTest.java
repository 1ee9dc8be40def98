package io.paygate.gateway;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.gateway.admin.AdminListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

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

    @Autowired
    AdminListener adminListener;

    @Test
    void authenticates_and_forwards_a_payment_over_https() throws Exception {
        WebTestClient merchant = merchantOverTls();

        postPayment(merchant)
                .expectStatus().isCreated()
                .expectBody().json("{\"id\":\"pay_tls\"}");
        merchant.get().uri("/readyz").exchange().expectStatus().isOk();

        StubService.Request forwarded = paymentService.received("/payments").getLast();
        assertThat(forwarded.header(InternalHeaders.MERCHANT_ID)).isEqualTo("mer_tls");
        assertThat(forwarded.header("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void speaks_tls_1_3_and_still_accepts_tls_1_2() throws Exception {
        assertThat(handshake(port, new String[] {"TLSv1.3", "TLSv1.2"}, null).getProtocol()).isEqualTo("TLSv1.3");
        assertThat(handshake(port, new String[] {"TLSv1.2"}, null).getProtocol()).isEqualTo("TLSv1.2");
        assertThat(handshake(port, new String[] {"TLSv1.2"}, null).getCipherSuite()).contains("_GCM_");
    }

    @Test
    void refuses_every_cbc_suite() {
        assertThatThrownBy(() -> handshake(port, new String[] {"TLSv1.2"}, new String[] {
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"}))
                .isInstanceOf(SSLException.class);
    }

    /** The JDK's own client no longer offers TLS 1.1, so OpenSSL's asks, and the gateway must answer with an alert. */
    @Test
    void refuses_tls_1_1() throws Exception {
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1",
                    "-cipher", "DEFAULT@SECLEVEL=0").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeThat(e).as("openssl is not installed").isNull();
            return;
        }
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("alert protocol version").doesNotContain("BEGIN CERTIFICATE");
    }

    @Test
    void answers_with_hsts_and_keeps_api_answers_out_of_caches() throws Exception {
        WebTestClient merchant = merchantOverTls();

        postPayment(merchant)
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Cache-Control", "no-store");
        merchant.get().uri("/readyz").exchange()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectHeader().doesNotExist("Cache-Control");
    }

    @Test
    void serves_the_admin_api_on_its_own_listener_with_the_same_tls_and_edge() throws Exception {
        clientOverTls(adminListener.port()).get().uri("/merchants")
                .header("Authorization", MerchantServiceStub.ADMIN_AUTHORIZATION)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectHeader().valueEquals("Cache-Control", "no-store");

        assertThat(merchantService.received("/merchants").getLast().header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(handshake(adminListener.port(), new String[] {"TLSv1.3"}, null).getProtocol()).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> handshake(adminListener.port(), new String[] {"TLSv1.2"}, new String[] {
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}))
                .isInstanceOf(SSLException.class);
    }

    /** A merchant's client that trusts the gateway's certificate. */
    private WebTestClient merchantOverTls() throws Exception {
        return clientOverTls(port);
    }

    private static WebTestClient clientOverTls(int port) throws Exception {
        SslContext trustingOurCertificate = trustingOurCertificate();
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create().secure(spec -> spec.sslContext(trustingOurCertificate))))
                .baseUrl("https://localhost:" + port)
                .build();
    }

    private static WebTestClient.ResponseSpec postPayment(WebTestClient merchant) {
        return merchant.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":1050}")
                .headers(headers -> headers.setBearerAuth(API_KEY))
                .exchange();
    }

    /** A handshake with the gateway offering these protocols and, unless null, only these cipher suites. */
    private SSLSession handshake(int port, String[] protocols, String[] suites) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(loadKeystore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(protocols);
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            return socket.getSession();
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
