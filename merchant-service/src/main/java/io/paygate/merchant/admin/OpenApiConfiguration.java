package io.paygate.merchant.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API's description, which the gateway's Swagger UI shows beside the payments API. The gateway's API-key
 * look-up under {@code /internal} is left out (springdoc.paths-to-exclude): nobody outside may call it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN_TOKEN = "admin-token";

    // Responses that several operations share.
    static final String UNAUTHORIZED = "Without 'Authorization: Bearer <admin token>'; a merchant's API key does "
            + "not open the admin API. The body is empty.";
    static final String MALFORMED = "The body is not JSON (error_type request_malformed).";
    /** The routing's error codes, each listed once however many rules have the problem. */
    static final String ROUTING_ERRORS = "and, each once however many rules have it, routing_invalid (routing is not "
            + "an array of objects, holds more than 20 rules, a rule has a field it does not know or a field of the "
            + "wrong type), routing_acquirer_required, routing_acquirer_not_supported, "
            + "routing_acquirer_merchant_id_required, routing_acquirer_merchant_id_too_long, routing_currency_invalid "
            + "(not an ISO 4217 code, or not one of the contract's currencies), routing_scheme_invalid (not visa, "
            + "mastercard, amex or discover).";
    static final String INVALID_MERCHANT = "Some fields are invalid (error_type request_invalid), each named in "
            + "error_codes: name_required, name_too_long, acquirer_required, acquirer_not_supported, "
            + "acquirer_merchant_id_required, acquirer_merchant_id_too_long, currencies_required, currency_invalid, "
            + "requests_per_second_invalid, " + ROUTING_ERRORS;
    static final String INVALID_CONTRACT = "Some fields are invalid (error_type request_invalid), each named in "
            + "error_codes: acquirer_required, acquirer_not_supported, acquirer_merchant_id_required, "
            + "acquirer_merchant_id_too_long, currencies_required, currency_invalid, requests_per_second_invalid, "
            + ROUTING_ERRORS;
    static final String NO_MERCHANT = "There is no merchant with this id. The body is empty.";

    @Bean
    OpenAPI merchantAdminApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("PayGate Merchant Admin API")
                        .version("1")
                        .description("Creates merchants, sets their acquirer contracts and issues and revokes "
                                + "their API keys. It is served on the gateway's admin listener only "
                                + "(GATEWAY_ADMIN_PORT), to the holders of admin tokens (PAYGATE_ADMIN_TOKENS); "
                                + "every call is written to the audit log. API keys are shown once, when issued; PayGate stores only their SHA-256 "
                                + "hashes. The gateway caches what it learns about an API key for at most "
                                + "paygate.gateway.api-key-cache-ttl (30 s by default): a revoked key or a changed "
                                + "contract takes effect on payments within that time."))
                .components(new Components().addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An admin token: one of PAYGATE_ADMIN_TOKENS (configured by hash), or "
                                + "PAYGATE_ADMIN_TOKEN, or, when neither is set, the token merchant-service generated "
                                + "and logged at start.")));
    }
}
