package io.paygate.gateway.auth;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.events.merchant.GatewaySignature;
import io.paygate.events.merchant.MerchantContract;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks merchant-service which merchant an API key belongs to ({@code POST /internal/api-key-lookups}), signed as
 * every request the gateway sends a service: merchant-service answers nobody else.
 */
@Component
public class MerchantServiceClient {

    private final WebClient webClient;
    private final Duration timeout;
    private final GatewaySignature signature;
    private final JsonMapper json;
    private final String lookupPath;

    public MerchantServiceClient(WebClient.Builder webClients, ApiKeySettings settings, GatewaySignature signature,
                                 JsonMapper json) {
        this.webClient = webClients.baseUrl(settings.merchantServiceUrl().toString()).build();
        this.timeout = settings.apiKeyLookupTimeout();
        this.signature = signature;
        this.json = json;
        this.lookupPath = settings.merchantServiceUrl().resolve(ApiKeyLookup.PATH).getRawPath();
    }

    /**
     * @return the merchant's contract, or empty when merchant-service does not know the key
     * @throws MerchantServiceUnavailableException (as the error signal) when merchant-service gives no usable answer
     */
    public Mono<Optional<MerchantContract>> lookUp(String apiKey) {
        byte[] body = json.writeValueAsBytes(new ApiKeyLookup(apiKey));
        return webClient.post()
                .uri(ApiKeyLookup.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> signature.sign("POST", lookupPath, headers::getFirst, GatewaySignature.digest(body),
                        Instant.now()).forEach(headers::set))
                .bodyValue(body)
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
