package io.paygate.payment.adapter.in.web;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.application.PaymentQueries;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;

@RestController
@RequestMapping(PaymentController.PATH)
@Tag(name = "Payments", description = "Request card payments and look them up (a subset of the Checkout.com Payments API).")
class PaymentController {

    static final String PATH = "/payments";

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

    private static final String INVALID_EXAMPLE = """
            {"request_id": "0HL80RJLS76I7", "error_type": "request_invalid",
             "error_codes": ["card_number_invalid", "cvv_invalid", "currency_not_supported"]}""";

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
                    + "for the bank's answer. 201: processed (Authorized or Declined). 202: still Pending; "
                    + "poll GET /payments/{id}.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PaymentRequest.class),
                    examples = @ExampleObject(name = "card payment", value = REQUEST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Processed: Authorized or Declined.",
            headers = @Header(name = "Location", description = "The payment's URL."),
            content = @Content(schema = @Schema(implementation = PaymentResponse.class)))
    @ApiResponse(responseCode = "202", description = "Pending: the bank has not answered yet.",
            headers = @Header(name = "Location", description = "The payment's URL."),
            content = @Content(schema = @Schema(implementation = PaymentResponse.class)))
    @ApiResponse(responseCode = "400", description = "The body is not valid JSON.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key.", content = @Content)
    @ApiResponse(responseCode = "415", description = "The body is not JSON.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "422", description = "Invalid fields, all of them listed.",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = @ExampleObject(name = "invalid fields", value = INVALID_EXAMPLE)))
    ResponseEntity<PaymentResponse> requestPayment(@Parameter(hidden = true) MerchantContract merchant,
                                                   @RequestBody PaymentRequest request) {
        RequestPaymentCommand command = RequestPaymentCommand.from(request.toInput(), merchant, YearMonth.now(clock));
        Payment payment = payments.request(command);
        return ResponseEntity.status(payment.isPending() ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                .location(location(payment))
                .body(PaymentResponse.of(payment));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a payment's details",
            description = "Answers 404 for an unknown id and for another merchant's payment alike.")
    @ApiResponse(responseCode = "200", description = "The payment.",
            content = @Content(schema = @Schema(implementation = PaymentDetailsResponse.class)))
    @ApiResponse(responseCode = "401", description = "No or a wrong API key.", content = @Content)
    @ApiResponse(responseCode = "404", description = "No such payment for this merchant.", content = @Content)
    ResponseEntity<PaymentDetailsResponse> getPayment(
            @Parameter(hidden = true) MerchantContract merchant,
            @Parameter(description = "The payment id.", example = "pay_mbabizu24mvu3mela5njyhpit4")
            @PathVariable String id) {
        return queries.find(id, merchant.merchantId())
                .map(payment -> ResponseEntity.ok(PaymentDetailsResponse.of(payment)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static URI location(Payment payment) {
        return URI.create(PATH + "/" + payment.id().value());
    }
}
