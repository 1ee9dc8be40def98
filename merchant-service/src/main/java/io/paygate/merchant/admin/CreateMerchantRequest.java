package io.paygate.merchant.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.SupportedAcquirers;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /merchants}: a merchant and its acquirer contract. */
@Schema(name = "CreateMerchantRequest", description = "A new merchant and its contract with its acquirer.")
@JsonPropertyOrder({"name", "acquirer", "acquirer_merchant_id", "currencies"})
record CreateMerchantRequest(
        @Schema(description = "The merchant's name, at most 100 characters.", example = "Books & Co",
                maxLength = CreateMerchantRequest.MAX_NAME_LENGTH, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
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
        List<String> currencies) {

    static final int MAX_NAME_LENGTH = 100;

    /** Every problem of the request at once, in field order; empty when it is valid. */
    List<String> errorCodes(SupportedAcquirers acquirers) {
        List<String> codes = new ArrayList<>();
        if (ContractRequest.isBlank(name)) {
            codes.add("name_required");
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            codes.add("name_too_long");
        }
        codes.addAll(contractRequest().errorCodes(acquirers));
        return codes;
    }

    String trimmedName() {
        return name.strip();
    }

    /** The contract of a valid request, each currency once. */
    AcquirerContract contract() {
        return contractRequest().contract();
    }

    private ContractRequest contractRequest() {
        return new ContractRequest(acquirer, acquirerMerchantId, currencies);
    }
}
