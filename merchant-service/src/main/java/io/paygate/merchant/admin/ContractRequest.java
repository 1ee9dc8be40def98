package io.paygate.merchant.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.SupportedAcquirers;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code PUT /merchants/{id}/contract}, and the contract part of {@code POST /merchants}. */
@Schema(name = "AcquirerContract", description = "The merchant's contract with its acquirers: its default acquirer "
        + "and the routing rules that send some payments to others.")
@JsonPropertyOrder({"acquirer", "acquirer_merchant_id", "currencies", "requests_per_second", "routing"})
record ContractRequest(
        @Schema(description = ContractRequest.ACQUIRER, example = "piggybank",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String acquirer,
        @JsonProperty("acquirer_merchant_id")
        @Schema(description = ContractRequest.ACQUIRER_MERCHANT_ID, example = "piggy-books-42",
                maxLength = ContractRequest.MAX_ACQUIRER_MERCHANT_ID_LENGTH,
                requiredMode = Schema.RequiredMode.REQUIRED)
        String acquirerMerchantId,
        @Schema(description = ContractRequest.CURRENCIES, example = "[\"GBP\", \"EUR\"]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @ArraySchema(minItems = 1, schema = @Schema(description = ContractRequest.CURRENCY, pattern = "^[A-Z]{3}$"))
        List<String> currencies,
        // A JSON node rather than an Integer, which would take 2.5 as 2 and "25" as 25: anything but a whole number
        // in range is refused.
        @JsonProperty("requests_per_second")
        @Schema(description = ContractRequest.REQUESTS_PER_SECOND, implementation = Integer.class, format = "int32",
                minimum = "1", maximum = "" + ContractRequest.MAX_REQUESTS_PER_SECOND, example = "50",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        JsonNode requestsPerSecond,
        // A JSON node too, so that a routing of the wrong shape is one more error code (routing_invalid) beside the
        // others rather than a malformed request.
        @Schema(description = ContractRequest.ROUTING, implementation = MerchantResponses.Route[].class,
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        @ArraySchema(maxItems = RoutingRequest.MAX_RULES)
        JsonNode routing) {

    static final int MAX_ACQUIRER_MERCHANT_ID_LENGTH = SupportedAcquirers.MAX_MERCHANT_ID_LENGTH;
    static final int MAX_REQUESTS_PER_SECOND = 1_000_000;

    // The descriptions of the contract's fields wherever the API shows them.
    static final String ACQUIRER = "The merchant's default acquirer, which processes the payments no routing rule "
            + "sends elsewhere and is the last to fail over to: one for which PayGate runs an acquirer adapter.";
    static final String ACQUIRER_MERCHANT_ID =
            "The id under which the acquirer knows the merchant, at most 100 characters, or fewer where the acquirer "
                    + "takes fewer: 15 for lionbank (ISO 8583 field 42).";
    static final String CURRENCIES =
            "The ISO 4217 codes of the currencies the merchant may charge in; a repeated code counts once.";
    static final String CURRENCY = "An ISO 4217 currency code.";
    static final String REQUESTS_PER_SECOND = "How many requests per second the gateway lets the merchant send, "
            + "1 to 1000000, a second's worth at once; more get 429 with Retry-After. Absent: the gateway's default "
            + "(GATEWAY_RATE_LIMIT, 100 unless set). Each gateway instance counts on its own.";

    static final String ROUTING = "Ordered routing rules, at most 20, that send some of the merchant's payments to "
            + "other acquirers (or to the same acquirer under another merchant id). A payment goes to the acquirer of "
            + "the first rule matching both its currency and its card scheme (an empty or absent list in a rule "
            + "matches any), and to the contract's acquirer when no rule matches. It fails over to the acquirer of "
            + "the next matching rule, in order, and last to the contract's acquirer, each acquirer tried once, only "
            + "when the one before certainly did not authorise it: its circuit breaker was open, the connection was "
            + "refused, the request was never sent. Never after a timeout or an ambiguous answer, which may have "
            + "authorised it. Absent or empty: every payment goes to the contract's acquirer.";
    static final String ROUTE_ACQUIRER = "The acquirer that takes the payments this rule matches: one for which "
            + "PayGate runs an acquirer adapter.";
    static final String ROUTE_ACQUIRER_MERCHANT_ID = "The id under which this rule's acquirer knows the merchant, at "
            + "most 100 characters, or fewer where the acquirer takes fewer: 15 for lionbank (ISO 8583 field 42).";
    static final String ROUTE_CURRENCIES = "The ISO 4217 codes of the payments this rule matches, each one of the "
            + "contract's own currencies; empty or absent: any currency. A repeated code counts once.";
    static final String ROUTE_SCHEMES = "The card schemes of the payments this rule matches: visa, mastercard, amex "
            + "or discover, in any case (stored and shown in lower case); empty or absent: any scheme.";

    private static final Set<String> ISO_4217_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    /** Every problem of the contract at once, in field order; empty when it is valid. */
    List<String> errorCodes(SupportedAcquirers acquirers) {
        List<String> codes = new ArrayList<>();
        if (isBlank(acquirer)) {
            codes.add("acquirer_required");
        } else if (!acquirers.includes(acquirer)) {
            codes.add("acquirer_not_supported");
        }
        if (isBlank(acquirerMerchantId)) {
            codes.add("acquirer_merchant_id_required");
        } else if (acquirerMerchantId.strip().length() > acquirers.maxMerchantIdLength(acquirer)) {
            codes.add("acquirer_merchant_id_too_long");
        }
        if (currencies == null || currencies.isEmpty()) {
            codes.add("currencies_required");
        } else if (!currencies.stream().allMatch(ContractRequest::isCurrency)) {
            codes.add("currency_invalid");
        }
        if (hasRequestsPerSecond() && !(requestsPerSecond.isInt() && requestsPerSecond.intValue() >= 1
                && requestsPerSecond.intValue() <= MAX_REQUESTS_PER_SECOND)) {
            codes.add("requests_per_second_invalid");
        }
        codes.addAll(RoutingRequest.errorCodes(routing, currencies, acquirers));
        return codes;
    }

    /** The contract of a valid request, each currency once, its routing rules in order. */
    AcquirerContract contract() {
        return new AcquirerContract(acquirer, acquirerMerchantId.strip(), currencies.stream().distinct().toList(),
                hasRequestsPerSecond() ? requestsPerSecond.intValue() : null, RoutingRequest.rules(routing));
    }

    /** An ISO 4217 code, in upper case. */
    static boolean isCurrency(String code) {
        return code != null && ISO_4217_CODES.contains(code);
    }

    private boolean hasRequestsPerSecond() {
        return requestsPerSecond != null && !requestsPerSecond.isNull();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
