package io.paygate.payment.adapter.in.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The API description the gateway aggregates into its Swagger UI; callers reach this API only through the gateway,
 * which authenticates the bearer key: this service never sees it. Every operation names the bearer scheme, so that
 * Swagger UI's "Authorize" sends the key with each call.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SECRET_KEY = "secret-key";

    @Bean
    OpenAPI paymentsApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("PayGate Payments API")
                        .version("1")
                        .description("Card payments, compatible with a subset of the Checkout.com Payments API. "
                                + "Amounts are integers in the currency's minor unit, which is each currency's own "
                                + "(JPY has none). Send Cko-Idempotency-Key (or Idempotency-Key) to make retries "
                                + "safe."))
                // Relative: Swagger UI resolves it against where it fetched this description, the gateway. A
                // generated server URL would name this instance's port, which callers cannot reach and which
                // changes from run to run.
                .servers(List.of(new Server().url("/").description("The gateway that served this description")))
                .components(new Components().addSecuritySchemes(SECRET_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("The merchant's secret API key, sk_sbox_... or sk_...")));
    }

    /**
     * The gateway answers 429 on every operation before this service sees the request: a merchant past its rate
     * limit, or an address with too many failed authentications.
     */
    @Bean
    OpenApiCustomizer rateLimitAnswers() {
        ApiResponse tooManyRequests = new ApiResponse()
                .description("Too many requests: the merchant is past its rate limit (rate_limit_exceeded), or this "
                        + "address failed to authenticate too often (too_many_failed_authentications). Nothing was "
                        + "done; retry after Retry-After seconds.")
                .addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                        .description("Seconds to wait before retrying.").schema(new IntegerSchema()))
                .content(new Content().addMediaType(MediaType.APPLICATION_JSON_VALUE, new io.swagger.v3.oas.models.media
                        .MediaType().schema(new Schema<>().$ref("#/components/schemas/ErrorResponse"))
                        .example(Map.of("error_type", "too_many_requests", "error_codes",
                                List.of("rate_limit_exceeded")))));
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations()
                .forEach(operation -> operation.getResponses().addApiResponse("429", tooManyRequests)));
    }
}
