package io.paygate.webhook.web;

import io.paygate.webhook.delivery.Deliveries;
import io.paygate.webhook.endpoint.WebhookEndpointStore;
import io.paygate.webhook.endpoint.WebhookIds;
import io.paygate.webhook.web.DeliveryResponses.Details;
import io.paygate.webhook.web.DeliveryResponses.Page;
import io.paygate.webhook.web.DeliveryResponses.Summary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The delivery log of the merchant's endpoints, and redelivery. As for the endpoints themselves, another merchant's
 * endpoint, and a delivery of another endpoint, is answered 404.
 */
@RestController
@RequestMapping(WebhookController.PATH + "/{id}/deliveries")
@Tag(name = "Webhooks")
@SecurityRequirement(name = OpenApiConfiguration.API_KEY)
@ApiResponse(responseCode = "401", description = OpenApiConfiguration.UNAUTHORIZED, content = @Content)
class DeliveryController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final String NOT_FOUND = "The merchant has no endpoint with this id, or the endpoint no delivery "
            + "with this id. The body is empty.";

    private final Deliveries deliveries;
    private final WebhookEndpointStore endpoints;

    DeliveryController(Deliveries deliveries, WebhookEndpointStore endpoints) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
    }

    @GetMapping
    @Operation(operationId = "listWebhookDeliveries", summary = "List a webhook endpoint's deliveries",
            description = "The endpoint's deliveries, newest first, each with its attempts: one per event of a type "
                    + "the endpoint subscribes to. Events that arrive while the endpoint is paused (active false) are "
                    + "recorded and held, pending without next_attempt_on, and sent once it is active again.")
    @ApiResponse(responseCode = "200", description = "A page of deliveries; data is empty past the last one.")
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NOT_FOUND, content = @Content)
    @ApiResponse(responseCode = "422", description = "limit is not a whole number from 1 to 100 (limit_invalid), or "
            + "skip not a whole number from 0 (skip_invalid) (error_type request_invalid).",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    ResponseEntity<Page> list(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                              @Parameter(description = WebhookResponses.ID, example = WebhookResponses.ID_EXAMPLE)
                              @PathVariable String id,
                              @Parameter(description = "The most deliveries to return, 1 to 100; 20 unless given.",
                                      example = "20", schema = @Schema(type = "integer", defaultValue = "20"))
                              @RequestParam(required = false) String limit,
                              @Parameter(description = "How many of the newest deliveries to skip; 0 unless given.",
                                      example = "0", schema = @Schema(type = "integer", defaultValue = "0"))
                              @RequestParam(required = false) String skip) {
        List<String> codes = new ArrayList<>();
        int validLimit = number(limit, DEFAULT_LIMIT, 1, MAX_LIMIT, "limit_invalid", codes);
        int validSkip = number(skip, 0, 0, Integer.MAX_VALUE, "skip_invalid", codes);
        if (!codes.isEmpty()) {
            throw new RequestInvalidException(codes);
        }
        if (!ownsEndpoint(merchant, id)) {
            return ResponseEntity.notFound().build();
        }
        List<Summary> page = deliveries.page(merchant.id(), id, validSkip, validLimit).stream().map(Summary::of)
                .toList();
        return ResponseEntity.ok(new Page(validLimit, validSkip, page));
    }

    @GetMapping("/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "Get a webhook delivery",
            description = "The delivery, its attempts, and the exact body every attempt sends.")
    @ApiResponse(responseCode = "200", description = "The delivery.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content)
    ResponseEntity<Details> get(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                @Parameter(description = WebhookResponses.ID, example = WebhookResponses.ID_EXAMPLE)
                                @PathVariable String id,
                                @Parameter(description = DeliveryResponses.ID, example = DeliveryResponses.ID_EXAMPLE)
                                @PathVariable String deliveryId) {
        if (!WebhookIds.isWellFormed(id) || !WebhookIds.isWellFormedDelivery(deliveryId)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.of(deliveries.find(merchant.id(), id, deliveryId).map(Details::of));
    }

    @PostMapping("/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again",
            description = "One more attempt, now, whatever the delivery's status, with the same body signed with the "
                    + "endpoint's current secret. A pending delivery goes on with its schedule if it fails; a "
                    + "settled one is settled by this attempt alone (a failed delivery that fails again stays "
                    + "failed). While the endpoint is paused the delivery is held until it is active again.")
    @ApiResponse(responseCode = "202", description = "The attempt is under way; its outcome shows in the delivery. "
            + "The body is empty.", content = @Content)
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content)
    ResponseEntity<Void> redeliver(@Parameter(hidden = true) AuthenticatedMerchant merchant,
                                   @Parameter(description = WebhookResponses.ID,
                                           example = WebhookResponses.ID_EXAMPLE) @PathVariable String id,
                                   @Parameter(description = DeliveryResponses.ID,
                                           example = DeliveryResponses.ID_EXAMPLE) @PathVariable String deliveryId) {
        boolean found = WebhookIds.isWellFormed(id) && WebhookIds.isWellFormedDelivery(deliveryId)
                && deliveries.redeliver(merchant.id(), id, deliveryId);
        return found ? ResponseEntity.accepted().build() : ResponseEntity.notFound().build();
    }

    private boolean ownsEndpoint(AuthenticatedMerchant merchant, String id) {
        return WebhookIds.isWellFormed(id) && endpoints.find(merchant.id(), id).isPresent();
    }

    private static int number(String given, int otherwise, int min, int max, String code, List<String> codes) {
        if (given == null) {
            return otherwise;
        }
        if (!NUMBER.matcher(given).matches() || Integer.parseInt(given) < min || Integer.parseInt(given) > max) {
            codes.add(code);
            return otherwise;
        }
        return Integer.parseInt(given);
    }
}
