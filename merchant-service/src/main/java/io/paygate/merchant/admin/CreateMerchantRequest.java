package io.paygate.merchant.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.SupportedAcquirers;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /merchants}: a merchant and its acquirer contract, whose fields sit beside the name in the JSON and are
 * described and checked as in {@code PUT /merchants/{id}/contract}.
 */
@Schema(name = "CreateMerchantRequest", description = "A new merchant and its contract with its acquirers.")
@JsonPropertyOrder({"name", "acquirer", "acquirer_merchant_id", "currencies", "requests_per_second", "routing"})
record CreateMerchantRequest(
        @Schema(description = "The merchant's name, at most 100 characters.", example = "Books & Co",
                maxLength = CreateMerchantRequest.MAX_NAME_LENGTH, requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @JsonUnwrapped
        ContractRequest contractRequest) {

    static final int MAX_NAME_LENGTH = 100;

    /** Every problem of the request at once, in field order; empty when it is valid. */
    List<String> errorCodes(SupportedAcquirers acquirers) {
        List<String> codes = new ArrayList<>();
        if (ContractRequest.isBlank(name)) {
            codes.add("name_required");
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            codes.add("name_too_long");
        }
        codes.addAll(contractRequest.errorCodes(acquirers));
        return codes;
    }

    String trimmedName() {
        return name.strip();
    }

    /** The contract of a valid request, each currency once, its routing rules in order. */
    AcquirerContract contract() {
        return contractRequest.contract();
    }
}
