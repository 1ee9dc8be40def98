package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PiggyBankConfiguration {

    /** Closed with the context: its pooled keep-alive connections to the bank go with it. */
    @Bean
    HttpClient piggyBankHttpClient(PiggyBankProperties properties) {
        return httpClient(properties);
    }

    /**
     * One per instance: each replica judges the bank by the calls it made itself. Authorisations and reversals share
     * it, since both find the same bank up or down (see {@link PiggyBank}).
     */
    @Bean
    CircuitBreaker piggyBankCircuitBreaker(PiggyBankProperties properties) {
        return CircuitBreaker.of("piggyBank", properties.circuitBreaker().config());
    }

    @Bean
    PiggyBank piggyBank(PiggyBankProperties properties, HttpClient piggyBankHttpClient, RestClient.Builder restClients,
                        CircuitBreaker piggyBankCircuitBreaker, Clock clock) {
        return new PiggyBank(new PiggyBankApi(restClient(properties, piggyBankHttpClient, restClients)),
                properties.retry().policy(), properties.reversalRetry().policy(), piggyBankCircuitBreaker, clock,
                properties.longestRequest());
    }

    /** Named so that the health endpoint lists it as {@code piggyBank}. */
    @Bean
    PiggyBankHealthIndicator piggyBankHealthIndicator(CircuitBreaker piggyBankCircuitBreaker) {
        return new PiggyBankHealthIndicator(piggyBankCircuitBreaker);
    }

    static HttpClient httpClient(PiggyBankProperties properties) {
        // HTTP/1.1: the bank is a plain HTTP server; HTTP/2 would only add an upgrade attempt to every new connection.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    static RestClient restClient(PiggyBankProperties properties, HttpClient httpClient, RestClient.Builder restClients) {
        var requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return restClients.clone()
                .baseUrl(properties.url())
                .requestFactory(requestFactory)
                .build();
    }
}
