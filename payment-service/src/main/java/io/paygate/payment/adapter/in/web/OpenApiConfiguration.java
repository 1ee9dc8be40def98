package io.paygate.payment.adapter.in.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

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
}
