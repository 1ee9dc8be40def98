package io.paygate.payment.adapter.in.web;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.application.PaymentAnswer;
import io.paygate.payment.application.PaymentQueries;
import io.paygate.payment.application.PaymentsByReferenceQuery;
import io.paygate.payment.application.RequestPaymentCommand;
import io.paygate.payment.application.RequestPaymentService;
import io.paygate.payment.domain.Payment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;

@RestController
@RequestMapping(PaymentController.PATH)
@Tag(name = "Payments", description = "Request card payments and look them up (a subset of the Checkout.com Payments API).")
@SecurityRequirement(name = OpenApiConfiguration.SECRET_KEY)
class PaymentController {

    static final String PATH = "/payments";

    static final String KEY_DESCRIPTION_ACTION = "Makes retrying safe: 1 to 255 printable ASCII characters, scoped to "
            + "the payment. A retry with the same key and the same request gets the same action again (header "
            + "Idempotent-Replayed: true) and the bank does it once; with another request it gets 422 "
            + "idempotency_key_reused. Idempotency-Key (the IETF draft's name) is taken too.";

    private static final String KEY_DESCRIPTION = "Makes retrying safe: 1 to 255 printable ASCII characters, "
            + "scoped to your account and kept 24 hours. A retry with the same key and the same request gets the first "
            + "answer again (same status and body, header Idempotent-Replayed: true) and makes no second payment; with "
            + "another request it gets 422 idempotency_key_reused; while the first is still in flight, 409 "
            + "idempotency_key_in_use. Send ";

    private static final String REQUEST_EXAMPLE = """
            {
              "source": {"type": "card", "number": "4111111111111111", "expiry_month": 12, "expiry_year": 2030,
                         "cvv": "123", "name": "Jane Doe"},
              "amount": 1050,
              "currency": "GBP",
              "reference": "ORD-5023",
              "description": "Two books",
              "metadata": {"order_id": "5023"}
            }""";

    private static final String AUTHORIZED_EXAMPLE = """
            {"id": "pay_mbabizu24mvu3mela5njyhpit4", "action_id": "act_y3oqhf46pyzuxjbcn2giaqnb44", "amount": 1050,
             "currency": "GBP", "approved": true, "status": "Authorized", "auth_code": "770687",
             "response_code": "10000", "response_summary": "Approved", "reference": "ORD-5023",
             "processed_on": "2030-01-31T10:15:30.123Z",
             "source": {"type": "card", "last4": "1111", "bin": "411111", "expiry_month": 12, "expiry_year": 2030,
                        "scheme": "Visa"},
             "_links": {"self": {"href": "/payments/pay_mbabizu24mvu3mela5njyhpit4"}}}""";

    private static final String DECLINED_EXAMPLE = """
            {"id": "pay_mbabizu24mvu3mela5njyhpit4", "action_id": "act_y3oqhf46pyzuxjbcn2giaqnb44", "amount": 1050,
             "currency": "GBP", "approved": false, "status": "Declined", "response_code": "20051",
             "response_summary": "Insufficient funds", "reference": "ORD-5023",
             "processed_on": "2030-01-31T10:15:30.123Z",
             "source": {"type": "card", "last4": "0002", "bin": "400000", "expiry_month": 12, "expiry_year": 2030,
                        "scheme": "Visa"},
             "_links": {"self": {"href": "/payments/pay_mbabizu24mvu3mela5njyhpit4"}}}""";

    private static final String PENDING_EXAMPLE = """
            {"id": "pay_mbabizu24mvu3mela5njyhpit4", "action_id": "act_y3oqhf46pyzuxjbcn2giaqnb44", "amount": 1050,
             "currency": "GBP", "approved": false, "status": "Pending", "reference": "ORD-5023",
             "source": {"type": "card", "last4": "1111", "bin": "411111", "expiry_month": 12, "expiry_year": 2030,
                        "scheme": "Visa"},
             "_links": {"self": {"href": "/payments/pay_mbabizu24mvu3mela5njyhpit4"}}}""";

    private static final String INVALID_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_invalid",
             "error_codes": ["card_number_invalid", "cvv_invalid", "currency_not_supported"]}""";

    private static final String KEY_INVALID_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_invalid",
             "error_codes": ["idempotency_key_invalid"]}""";

    private static final String KEY_REUSED_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "idempotency_key_reused", "error_codes": []}""";

    private static final String KEY_IN_USE_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "idempotency_key_in_use", "error_codes": []}""";

    private static final String MALFORMED_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_malformed", "error_codes": []}""";

    private static final String LIST_EXAMPLE = """
            {"limit": 10, "skip": 0, "total_count": 1,
             "data": [{"id": "pay_mbabizu24mvu3mela5njyhpit4", "action_id": "act_y3oqhf46pyzuxjbcn2giaqnb44",
                       "requested_on": "2030-01-31T10:15:30.045Z", "amount": 1050, "currency": "GBP",
                       "approved": true, "status": "Authorized", "auth_code": "770687", "response_code": "10000",
                       "response_summary": "Approved", "reference": "ORD-5023", "description": "Two books",
                       "metadata": {"order_id": "5023"}, "processed_on": "2030-01-31T10:15:30.123Z",
                       "source": {"type": "card", "last4": "1111", "bin": "411111", "expiry_month": 12,
                                  "expiry_year": 2030, "scheme": "Visa"},
                       "_links": {"self": {"href": "/payments/pay_mbabizu24mvu3mela5njyhpit4"}}}]}""";

    private static final String PAGING_INVALID_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_invalid",
             "error_codes": ["paging_limit_invalid", "paging_skip_invalid"]}""";

    private final RequestPaymentService payments;
    private final PaymentQueries queries;
    private final Clock clock;

    PaymentController(RequestPaymentService payments, PaymentQueries queries, Clock clock) {
        this.payments = payments;
        this.queries = queries;
        this.clock = clock;
    }

    // No "consumes": the merchant is resolved before the body is read, so an unauthenticated call is a 401 whatever
    // its content type; a body that is not JSON still ends in a 415.
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Request a card payment",
            description = "Validates the request, sends the card to the merchant's acquirer and waits a few seconds "
                    + "(AUTHORIZATION_TIMEOUT, 5 s by default) for the bank's answer. 201: processed (Authorized or "
                    + "Declined). 202: still Pending; GET /payments/{id} shows the decision once it arrives. "
                    + "Unknown fields are ignored. Nothing is stored and nothing reaches a bank for any 4xx answer.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PaymentRequest.class),
                    examples = @ExampleObject(name = "card payment", value = REQUEST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Processed: Authorized or Declined.",
            headers = {
                    @Header(name = "Location", description = "The payment's URL.", schema = @Schema(type = "string")),
                    @Header(name = IdempotencyKeyHeaders.IDEMPOTENT_REPLAYED,
                            description = "true when this repeats the answer to an "
                            + "earlier request with the same idempotency key.", schema = @Schema(type = "string",
                            allowableValues = "true"))},
            content = @Content(schema = @Schema(implementation = PaymentResponse.class), examples = {
                    @ExampleObject(name = "authorized", value = AUTHORIZED_EXAMPLE),
                    @ExampleObject(name = "declined", value = DECLINED_EXAMPLE)}))
    @ApiResponse(responseCode = "202", description = "Pending: the bank has not answered in time.",
            headers = {
                    @Header(name = "Location", description = "The payment's URL.", schema = @Schema(type = "string")),
                    @Header(name = IdempotencyKeyHeaders.IDEMPOTENT_REPLAYED,
                            description = "true when this repeats the answer to an "
                            + "earlier request with the same idempotency key.", schema = @Schema(type = "string",
                            allowableValues = "true"))},
            content = @Content(schema = @Schema(implementation = PaymentResponse.class),
                    examples = @ExampleObject(name = "pending", value = PENDING_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The body is not JSON, or not a JSON object. A JSON object "
            + "with a value of the wrong type is a 422.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "not JSON", value = MALFORMED_EXAMPLE)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key. Empty body.", content = @Content)
    @ApiResponse(responseCode = "409", description = "The first request with this idempotency key is still in "
            + "flight: retry after a few seconds to get its answer.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "key in use", value = KEY_IN_USE_EXAMPLE)))
    @ApiResponse(responseCode = "415", description = "The body is not JSON (Content-Type).",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "not JSON", value = MALFORMED_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "Invalid fields or idempotency key, all listed at once; a "
            + "value of the wrong JSON type is invalid under its field's code (an object as the currency is "
            + "currency_invalid, a string as the source source_type_invalid, a number as the metadata "
            + "metadata_invalid); or the idempotency key was first used for a different request.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class), examples = {
                    @ExampleObject(name = "invalid fields", value = INVALID_EXAMPLE),
                    @ExampleObject(name = "invalid idempotency key", value = KEY_INVALID_EXAMPLE),
                    @ExampleObject(name = "idempotency key reused", value = KEY_REUSED_EXAMPLE)}))
    ResponseEntity<PaymentResponse> requestPayment(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = KEY_DESCRIPTION + "this header or Idempotency-Key, or both with the same value.",
                    example = "ORD-5023-attempt-1", schema = @Schema(type = "string", minLength = 1, maxLength = 255))
            @RequestHeader(name = IdempotencyKeyHeaders.CKO_IDEMPOTENCY_KEY, required = false) String ckoIdempotencyKey,
            @Parameter(description = KEY_DESCRIPTION + "this header (the IETF draft's name; a quoted structured-field "
                    + "string is unquoted) or Cko-Idempotency-Key, or both with the same value.",
                    example = "ORD-5023-attempt-1", schema = @Schema(type = "string", minLength = 1, maxLength = 255))
            @RequestHeader(name = IdempotencyKeyHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody PaymentRequest request) {
        RequestPaymentCommand command = RequestPaymentCommand.from(
                request.toInput(IdempotencyKeyHeaders.keys(ckoIdempotencyKey, idempotencyKey)), merchant,
                YearMonth.now(clock));
        PaymentAnswer answer = payments.request(command);
        Payment payment = answer.payment();
        ResponseEntity.BodyBuilder response = ResponseEntity
                .status(payment.isPending() ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                .location(location(payment));
        if (answer.replayed()) {
            response.header(IdempotencyKeyHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(PaymentResponse.of(payment));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a payment's details",
            description = "The payment as it stands now. Answers 404 for an unknown id and for another merchant's "
                    + "payment alike.")
    @ApiResponse(responseCode = "200", description = "The payment.",
            content = @Content(schema = @Schema(implementation = PaymentDetailsResponse.class)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key. Empty body.", content = @Content)
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant. Empty body.",
            content = @Content)
    ResponseEntity<PaymentDetailsResponse> getPayment(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id) {
        return queries.find(id, merchant.merchantId())
                .map(payment -> ResponseEntity.ok(PaymentDetailsResponse.of(payment)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    // Parameters are read as text so that a bad value is reported in Checkout.com's terms, not as a binding error.
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get payments by reference",
            description = "The merchant's own payments with this reference, newest first, a page at a time; other "
                    + "merchants' payments never appear.")
    @ApiResponse(responseCode = "200", description = "A page of payments; data is empty when none match.",
            content = @Content(schema = @Schema(implementation = PaymentListResponse.class),
                    examples = @ExampleObject(name = "one payment", value = LIST_EXAMPLE)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key. Empty body.", content = @Content)
    @ApiResponse(responseCode = "422", description = "Invalid parameters, all listed at once: reference_required, "
            + "reference_invalid (over 80 characters), paging_limit_invalid, paging_skip_invalid.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "invalid paging", value = PAGING_INVALID_EXAMPLE)))
    ResponseEntity<PaymentListResponse> getPaymentsByReference(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The reference the payments were requested with.", required = true,
                    example = "ORD-5023", schema = @Schema(type = "string", maxLength = 80))
            @RequestParam(required = false) String reference,
            @Parameter(description = "How many payments a page holds.",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "10"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "How many of the newest payments to skip.",
                    schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String skip) {
        PaymentsByReferenceQuery query = PaymentsByReferenceQuery.from(reference, limit, skip);
        return ResponseEntity.ok(PaymentListResponse.of(query, queries.findByReference(merchant.merchantId(), query)));
    }

    private static URI location(Payment payment) {
        return URI.create(PATH + "/" + payment.id().value());
    }
}
