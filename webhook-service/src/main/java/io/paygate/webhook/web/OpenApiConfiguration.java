package io.paygate.webhook.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhooks API's description, which the gateway's Swagger UI shows beside the payments API. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "api-key";

    // Responses that several operations share.
    static final String UNAUTHORIZED = "Without a valid API key in the Authorization header. The body is empty.";
    static final String MALFORMED = "The body is not a JSON object (error_type request_malformed).";
    static final String NOT_FOUND = "The merchant has no endpoint with this id. The body is empty.";
    static final String INVALID = "Some fields are invalid (error_type request_invalid), each named in error_codes: "
            + "url_required, url_invalid (not an absolute https URL, has user info, or its host does not resolve or "
            + "resolves to a loopback, private, link-local, CGNAT, multicast, reserved or cloud metadata address), "
            + "active_invalid (not a boolean), headers_invalid (not an object of at most 20 string values, a name that "
            + "is not an HTTP token or is one PayGate sets itself, a value over 1024 characters or with CR or LF), "
            + "content_type_invalid (not \"json\"), event_types_invalid (not an array of known event types, or "
            + "empty).";

    @Bean
    OpenAPI webhooksApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("PayGate Webhooks API")
                        .version("1")
                        .description("Registers the merchant's webhook endpoints, as Checkout.com's webhooks API "
                                + "does: where PayGate sends which payment events, with which extra headers. Each "
                                + "endpoint has a signing secret, shown once when it is made or rotated; PayGate "
                                + "keeps it encrypted."))
                .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Authorization")
                        .description("The merchant's secret API key, sk_sbox_..., which the gateway checks.")));
    }
}
