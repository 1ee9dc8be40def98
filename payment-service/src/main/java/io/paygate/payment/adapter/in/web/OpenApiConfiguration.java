package io.paygate.payment.adapter.in.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description the gateway aggregates into its Swagger UI; callers reach this API only through the gateway. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String SECRET_KEY = "secret-key";

    @Bean
    OpenAPI paymentsApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("PayGate Payments API")
                        .version("1")
                        .description("Card payments, compatible with a subset of the Checkout.com Payments API. "
                                + "Amounts are integers in the currency's minor unit."))
                .components(new Components().addSecuritySchemes(SECRET_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("The merchant's secret API key, sk_sbox_... or sk_...")))
                .addSecurityItem(new SecurityRequirement().addList(SECRET_KEY));
    }
}
