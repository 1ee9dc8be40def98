package io.paygate.gateway.auth;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.events.merchant.MerchantContract;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;

/** Asks merchant-service which merchant an API key belongs to ({@code POST /internal/api-key-lookups}). */
@Component
public class MerchantServiceClient {

    private final WebClient webClient;
    private final Duration timeout;

    public MerchantServiceClient(WebClient.Builder webClients, ApiKeySettings settings) {
        this.webClient = webClients.baseUrl(settings.merchantServiceUrl().toString()).build();
        this.timeout = settings.apiKeyLookupTimeout();
    }

    /**
     * @return the merchant's contract, or empty when merchant-service does not know the key
     * @throws MerchantServiceUnavailableException (as the error signal) when merchant-service gives no usable answer
     */
    public Mono<Optional<MerchantContract>> lookUp(String apiKey) {
        return webClient.post()
                .uri(ApiKeyLookup.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new ApiKeyLookup(apiKey))
                .exchangeToMono(MerchantServiceClient::contractIn)
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof MerchantServiceUnavailableException),
                        MerchantServiceUnavailableException::new);
    }

    private static Mono<Optional<MerchantContract>> contractIn(ClientResponse response) {
        if (response.statusCode().isSameCodeAs(HttpStatus.OK)) {
            return response.bodyToMono(MerchantContract.class)
                    .map(Optional::of)
                    .switchIfEmpty(Mono.error(() -> new MerchantServiceUnavailableException("merchant-service answered 200 without a contract")));
        }
        if (response.statusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
            return response.releaseBody().thenReturn(Optional.empty());
        }
        return response.releaseBody()
                .then(Mono.error(new MerchantServiceUnavailableException("merchant-service answered " + response.statusCode())));
    }
}
