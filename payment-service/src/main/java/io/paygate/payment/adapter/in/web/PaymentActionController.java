package io.paygate.payment.adapter.in.web;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.application.AcceptedAction;
import io.paygate.payment.application.ActionCommand;
import io.paygate.payment.application.PaymentActionService;
import io.paygate.payment.application.PaymentQueries;
import io.paygate.payment.domain.PaymentAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Captures, voids and refunds of a payment, and its actions (Checkout.com's shapes). Each request is answered
 * {@code 202} as soon as the payment has taken the action on; the bank's answer shows in the payment's actions and
 * balances when it comes.
 */
@RestController
@RequestMapping(PaymentController.PATH + "/{id}")
@Tag(name = "Payment actions", description = "Capture, void and refund an authorised payment, and list what was done.")
@SecurityRequirement(name = OpenApiConfiguration.SECRET_KEY)
class PaymentActionController {

    private static final String ACCEPTED_EXAMPLE = """
            {"action_id": "act_y3oqhf46pyzuxjbcn2giaqnb44", "reference": "SHIP-5023-1",
             "_links": {"payment": {"href": "/payments/pay_mbabizu24mvu3mela5njyhpit4"}}}""";

    private static final String NOT_ALLOWED_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "action_not_allowed", "error_codes": []}""";

    private static final String EXCEEDS_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_invalid",
             "error_codes": ["capture_value_greater_than_authorized"]}""";

    private static final String ACTIONS_EXAMPLE = """
            [{"id": "act_fd3h6evhpn3uxdoqbuu3lqnqbm", "type": "Refund", "processed_on": "2030-01-31T10:20:01.022Z",
              "amount": 500, "approved": true, "response_code": "10000", "response_summary": "Approved",
              "reference": "RET-5023-1", "processing": {"acquirer": "piggybank"}},
             {"id": "act_h45qukqxbhgu3jfwjdrxkwzxuu", "type": "Capture", "processed_on": "2030-01-31T10:15:30.512Z",
              "amount": 1050, "approved": true, "response_code": "10000", "response_summary": "Approved",
              "processing": {"acquirer": "piggybank"}},
             {"id": "act_y3oqhf46pyzuxjbcn2giaqnb44", "type": "Authorization",
              "processed_on": "2030-01-31T10:15:30.123Z", "amount": 1050, "approved": true, "auth_code": "770687",
              "response_code": "10000", "response_summary": "Approved", "reference": "ORD-5023",
              "processing": {"acquirer": "piggybank"}}]""";

    private final PaymentActionService actions;
    private final PaymentQueries queries;
    private final JsonMapper json;

    PaymentActionController(PaymentActionService actions, PaymentQueries queries, JsonMapper json) {
        this.actions = actions;
        this.queries = queries;
        this.json = json;
    }

    @PostMapping(path = "/captures", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Capture a payment",
            description = "Takes all or part of the authorised amount. Partial captures may follow one another with "
                    + "capture_type NonFinal, up to the authorised amount; a Final capture (the default) releases "
                    + "the rest. The bank gets the payment's actions one at a time, in the order they were asked.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ActionRequestBody.Capture.class))))
    @ActionResponses
    ResponseEntity<ActionAcceptedResponse> capture(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id,
            @Parameter(description = PaymentController.KEY_DESCRIPTION_ACTION)
            @RequestHeader(name = IdempotencyKeyHeaders.CKO_IDEMPOTENCY_KEY, required = false) String ckoKey,
            @Parameter(hidden = true)
            @RequestHeader(name = IdempotencyKeyHeaders.IDEMPOTENCY_KEY, required = false) String key,
            @Parameter(hidden = true) @RequestBody(required = false) byte[] body) {
        return accept(PaymentAction.Type.CAPTURE, merchant, id, ckoKey, key, body);
    }

    @PostMapping(path = "/voids", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Void a payment",
            description = "Releases an authorisation nothing was captured from, so the cardholder's funds are freed.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ActionRequestBody.Void.class))))
    @ActionResponses
    ResponseEntity<ActionAcceptedResponse> voidPayment(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id,
            @Parameter(description = PaymentController.KEY_DESCRIPTION_ACTION)
            @RequestHeader(name = IdempotencyKeyHeaders.CKO_IDEMPOTENCY_KEY, required = false) String ckoKey,
            @Parameter(hidden = true)
            @RequestHeader(name = IdempotencyKeyHeaders.IDEMPOTENCY_KEY, required = false) String key,
            @Parameter(hidden = true) @RequestBody(required = false) byte[] body) {
        return accept(PaymentAction.Type.VOID, merchant, id, ckoKey, key, body);
    }

    @PostMapping(path = "/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Refund a payment",
            description = "Gives back all or part of what was captured; partial refunds may follow one another up "
                    + "to the captured amount.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ActionRequestBody.Refund.class))))
    @ActionResponses
    ResponseEntity<ActionAcceptedResponse> refund(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id,
            @Parameter(description = PaymentController.KEY_DESCRIPTION_ACTION)
            @RequestHeader(name = IdempotencyKeyHeaders.CKO_IDEMPOTENCY_KEY, required = false) String ckoKey,
            @Parameter(hidden = true)
            @RequestHeader(name = IdempotencyKeyHeaders.IDEMPOTENCY_KEY, required = false) String key,
            @Parameter(hidden = true) @RequestBody(required = false) byte[] body) {
        return accept(PaymentAction.Type.REFUND, merchant, id, ckoKey, key, body);
    }

    @GetMapping(path = "/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a payment's actions",
            description = "Everything done to the payment at the bank, newest first: its authorisation, captures, "
                    + "voids and refunds, pending ones included (without approved, response_code or processed_on).")
    @ApiResponse(responseCode = "200", description = "The actions.", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = ActionResponse.class)),
            examples = @ExampleObject(name = "captured then refunded", value = ACTIONS_EXAMPLE)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key. Empty body.", content = @Content)
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant. Empty body.",
            content = @Content)
    ResponseEntity<List<ActionResponse>> getActions(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id) {
        return queries.find(id, merchant.merchantId())
                .map(payment -> ResponseEntity.ok(ActionResponse.of(payment)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private ResponseEntity<ActionAcceptedResponse> accept(PaymentAction.Type type, MerchantContract merchant,
                                                          String id, String ckoKey, String key, byte[] body) {
        ActionCommand command = ActionCommand.from(type,
                ActionRequestBody.read(body, json, IdempotencyKeyHeaders.keys(ckoKey, key)));
        AcceptedAction accepted = actions.request(id, merchant.merchantId(), command);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED);
        if (accepted.replayed()) {
            response.header(IdempotencyKeyHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(ActionAcceptedResponse.of(accepted));
    }

    /** The answers every action request may get. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "202", description = "Taken on: the action goes to the bank.",
            headers = @Header(name = IdempotencyKeyHeaders.IDEMPOTENT_REPLAYED, description = "true when an earlier "
                    + "request with the same idempotency key took this action on.",
                    schema = @Schema(type = "string", allowableValues = "true")),
            content = @Content(schema = @Schema(implementation = ActionAcceptedResponse.class),
                    examples = @ExampleObject(name = "accepted", value = ACCEPTED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The body is not a JSON object.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key. Empty body.", content = @Content)
    @ApiResponse(responseCode = "403", description = "The payment's state does not allow the action: not "
            + "authorised, already voided, expired or captured for good (capture); something captured (void); "
            + "nothing captured left to refund (refund).",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "not allowed", value = NOT_ALLOWED_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant. Empty body.",
            content = @Content)
    @ApiResponse(responseCode = "409", description = "payment_busy: other actions on the payment won every race "
            + "with this one; ask again.", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "422", description = "Invalid fields (amount_invalid, capture_type_invalid, "
            + "reference_invalid, metadata_invalid, idempotency_key_invalid); an amount beyond the balance "
            + "(capture_value_greater_than_authorized for a capture, amount_exceeds_balance for a refund); or an "
            + "idempotency key used on this payment for another request (idempotency_key_reused).",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "more than authorised", value = EXCEEDS_EXAMPLE)))
    @interface ActionResponses {
    }
}
