package io.paygate.webhook.web;

import io.paygate.webhook.delivery.Deliveries;
import io.paygate.webhook.endpoint.EndpointAddressPolicy;
import io.paygate.webhook.endpoint.WebhookEndpoint;
import io.paygate.webhook.endpoint.WebhookEndpointStore;
import io.paygate.webhook.endpoint.WebhookEndpoints;
import io.paygate.webhook.endpoint.WebhookEndpoints.CreatedEndpoint;
import io.paygate.webhook.endpoint.WebhookIds;
import io.paygate.webhook.web.WebhookResponses.CreatedWebhook;
import io.paygate.webhook.web.WebhookResponses.SigningSecret;
import io.paygate.webhook.web.WebhookResponses.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The merchant's webhook endpoints, as Checkout.com's SDKs manage them. Every operation sees only the endpoints of
 * the merchant the gateway authenticated: another merchant's endpoint is answered 404, as one that does not exist.
 */
@RestController
@RequestMapping(WebhookController.PATH)
@Tag(name = "Webhooks", description = "Where PayGate sends the merchant's payment events.")
@SecurityRequirement(name = OpenApiConfiguration.API_KEY)
@ApiResponse(responseCode = "401", description = OpenApiConfiguration.UNAUTHORIZED, content = @Content)
class WebhookController {

    static final String PATH = "/webhooks";
    private static final String PAUSE = "With active false the endpoint is paused: its events are still recorded, "
            + "held and not attempted, and go out once it is active again.";

    private final WebhookEndpoints endpoints;
    private final WebhookEndpointStore store;
    private final EndpointAddressPolicy addressPolicy;
    private final Deliveries deliveries;

    WebhookController(WebhookEndpoints endpoints, WebhookEndpointStore store, EndpointAddressPolicy addressPolicy,
                      Deliveries deliveries) {
        this.endpoints = endpoints;
        this.store = store;
        this.addressPolicy = addressPolicy;
        this.deliveries = deliveries;
    }

    @PostMapping
    @Operation(operationId = "createWebhook", summary = "Register a webhook endpoint",
            description = "Registers an endpoint for some of the merchant's payment events, with a new signing "
                    + "secret that this answer shows once. A merchant has at most "
                    + "paygate.webhooks.max-endpoints-per-merchant endpoints (10 by default).")
    @ApiResponse(responseCode = "201", description = "The endpoint was registered.",
            headers = @Header(name = "Location", description = "The endpoint's path.",
                    schema = @Schema(type = "string", example = "/webhooks/wh_y3oqhf46pyzuxjbcn2giaqnb44")))
    @ApiResponse(responseCode = "400", description = OpenApiConfiguration.MALFORMED,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "422", description = OpenApiConfiguration.INVALID + " Or the merchant has as many "
            + "endpoints as it may: webhook_limit_reached.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    ResponseEntity<CreatedWebhook> create(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                          @RequestBody WebhookRequest request) {
        CreatedEndpoint created = endpoints.create(merchant.id(), request.settings(addressPolicy));
        URI location = URI.create(PATH + "/" + created.endpoint().id());
        return ResponseEntity.created(location).body(CreatedWebhook.of(created.endpoint(), created.signingSecret()));
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints",
            description = "Every endpoint of the merchant, oldest first, without their signing secrets.")
    @ApiResponse(responseCode = "200", description = "The merchant's endpoints; an empty array when it has none.")
    List<Webhook> list(@Parameter(hidden = true) AuthenticatedMerchant merchant) {
        return store.all(merchant.id()).stream().map(Webhook::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook endpoint",
            description = "The endpoint, without its signing secret.")
    @ApiResponse(responseCode = "200", description = "The endpoint.")
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    ResponseEntity<Webhook> get(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                @Parameter(description = WebhookResponses.ID, example = WebhookResponses.ID_EXAMPLE)
                                @PathVariable String id) {
        return found(id, () -> store.find(merchant.id(), id).map(Webhook::of));
    }

    @PutMapping("/{id}")
    @Operation(operationId = "updateWebhook", summary = "Replace a webhook endpoint's settings",
            description = "Replaces the endpoint's url, active, headers, content_type and event_types, validated as "
                    + "on registration; a field left out takes its default (active true, no headers, json). The "
                    + "signing secret stays. " + PAUSE)
    @ApiResponse(responseCode = "200", description = "The endpoint with its new settings.")
    @ApiResponse(responseCode = "400", description = OpenApiConfiguration.MALFORMED,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    @ApiResponse(responseCode = "422", description = OpenApiConfiguration.INVALID,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    ResponseEntity<Webhook> replace(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                    @Parameter(description = WebhookResponses.ID,
                                            example = WebhookResponses.ID_EXAMPLE) @PathVariable String id,
                                    @RequestBody WebhookRequest request) {
        var settings = request.settings(addressPolicy);
        return found(id, () -> changed(store.change(merchant.id(), id, settings)));
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "patchWebhook", summary = "Change some of a webhook endpoint's settings",
            description = "Changes only the fields sent, each validated as on registration; a field sent as null "
                    + "takes its default (url and event_types have none and are refused). The signing secret stays. "
                    + PAUSE)
    @ApiResponse(responseCode = "200", description = "The endpoint with its new settings.")
    @ApiResponse(responseCode = "400", description = OpenApiConfiguration.MALFORMED,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    @ApiResponse(responseCode = "422", description = OpenApiConfiguration.INVALID,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    ResponseEntity<Webhook> patch(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                  @Parameter(description = WebhookResponses.ID,
                                          example = WebhookResponses.ID_EXAMPLE) @PathVariable String id,
                                  @RequestBody WebhookRequest request) {
        var changes = request.changes(addressPolicy);
        return found(id, () -> changed(store.change(merchant.id(), id, changes)));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint",
            description = "Removes the endpoint and its signing secret; it receives no more events, and its "
                    + "deliveries still pending fail (no further attempt).")
    @ApiResponse(responseCode = "200", description = "The endpoint was removed. The body is empty.", content = @Content)
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    ResponseEntity<Void> delete(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                @Parameter(description = WebhookResponses.ID, example = WebhookResponses.ID_EXAMPLE)
                                @PathVariable String id) {
        boolean deleted = WebhookIds.isWellFormed(id) && store.delete(merchant.id(), id);
        if (deleted) {
            deliveries.endpointRemoved(id);
        }
        return deleted ? ResponseEntity.ok().build() : ResponseEntity.notFound().build();
    }

    @PostMapping("/{id}/signing-secret")
    @Operation(operationId = "rotateWebhookSigningSecret", summary = "Rotate a webhook endpoint's signing secret",
            description = "Gives the endpoint a new signing secret, shown once in this answer; events are signed "
                    + "with it from now on and the old one signs nothing any more.")
    @ApiResponse(responseCode = "200", description = "The new signing secret.")
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    ResponseEntity<SigningSecret> rotateSecret(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                               @Parameter(description = WebhookResponses.ID,
                                                       example = WebhookResponses.ID_EXAMPLE)
                                               @PathVariable String id) {
        return found(id, () -> endpoints.rotateSecret(merchant.id(), id).map(SigningSecret::new));
    }

    /** A changed endpoint that is active sends what was held while it was paused. */
    private Optional<Webhook> changed(Optional<WebhookEndpoint> endpoint) {
        endpoint.ifPresent(deliveries::endpointChanged);
        return endpoint.map(Webhook::of);
    }

    /** 404 for an id that cannot be an endpoint's without asking the store. */
    private static <T> ResponseEntity<T> found(String id, Supplier<Optional<T>> lookUp) {
        return WebhookIds.isWellFormed(id) ? ResponseEntity.of(lookUp.get()) : ResponseEntity.notFound().build();
    }
}
