package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.support.configuration.BankCallSettings;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class PiggyBankConfiguration {

    /**
     * Closed with the context: its pooled keep-alive connections to the bank go with it. One connection per bank call
     * the adapter may have in flight: every authorisation in flight, every reversal consumer and every action
     * consumer, so a call never waits for a connection.
     */
    @Bean
    CloseableHttpClient piggyBankHttpClient(PiggyBankProperties properties,
                                            @Value("${paygate.acquirer.max-in-flight}") int maxInFlight,
                                            @Value("${paygate.reversals.consumers}") int reversalConsumers,
                                            @Value("${paygate.actions.consumers:2}") int actionConsumers) {
        return httpClient(properties, maxInFlight + reversalConsumers + actionConsumers);
    }

    @Bean
    PiggyBank piggyBank(PiggyBankProperties properties, CloseableHttpClient piggyBankHttpClient,
                        RestClient.Builder restClients) {
        return new PiggyBank(restClient(properties, piggyBankHttpClient, restClients), properties.longestRequest());
    }

    /** Bound under {@code paygate.piggybank}, beside the bank's address and timeouts. */
    @Bean
    BankCallSettings piggyBankCallSettings(PiggyBankProperties properties) {
        return properties.calls();
    }

    /**
     * Apache HttpClient's classic, blocking client: on a virtual thread a call holds no platform thread while it
     * waits, and the answer is read by the thread that waits for it, without the JDK client's hand-offs to its
     * selector thread and back. HTTP/1.1 with keep-alive, as the bank speaks it.
     *
     * @param maxConnections the pool's size, all to the one bank
     */
    static CloseableHttpClient httpClient(PiggyBankProperties properties, int maxConnections) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                // Without it every request waits for the delayed ACK of the one before (~40 ms).
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        // A connection the bank closed while idle would cost the request on it a retry.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        // The pool has a connection for every call in flight: waiting for one longer than a connect
                        // would take means something is wrong, and counts as no answer.
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                // The bank call policy decides what is asked again; the bank's API has no redirects, cookies or
                // compressed answers, and a redirect would turn the POST into a GET.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    static RestClient restClient(PiggyBankProperties properties, HttpClient httpClient, RestClient.Builder restClients) {
        return restClients.clone()
                .baseUrl(properties.url())
                .requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
                .build();
    }
}
