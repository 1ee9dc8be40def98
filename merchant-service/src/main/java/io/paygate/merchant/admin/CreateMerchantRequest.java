package io.paygate.merchant.admin;

import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.SupportedAcquirers;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code POST /merchants}: a merchant and its acquirer contract. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CreateMerchantRequest(String name, String acquirer, String acquirerMerchantId, List<String> currencies) {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_ACQUIRER_MERCHANT_ID_LENGTH = 100;

    private static final Set<String> ISO_4217_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    /** Every problem of the request at once, in field order; empty when it is valid. */
    List<String> errorCodes(SupportedAcquirers acquirers) {
        List<String> codes = new ArrayList<>();
        if (isBlank(name)) {
            codes.add("name_required");
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            codes.add("name_too_long");
        }
        if (isBlank(acquirer)) {
            codes.add("acquirer_required");
        } else if (!acquirers.includes(acquirer)) {
            codes.add("acquirer_not_supported");
        }
        if (isBlank(acquirerMerchantId)) {
            codes.add("acquirer_merchant_id_required");
        } else if (acquirerMerchantId.strip().length() > MAX_ACQUIRER_MERCHANT_ID_LENGTH) {
            codes.add("acquirer_merchant_id_too_long");
        }
        if (currencies == null || currencies.isEmpty()) {
            codes.add("currencies_required");
        } else if (!currencies.stream().allMatch(code -> code != null && ISO_4217_CODES.contains(code))) {
            codes.add("currency_invalid");
        }
        return codes;
    }

    String trimmedName() {
        return name.strip();
    }

    /** The contract of a valid request, each currency once. */
    AcquirerContract contract() {
        return new AcquirerContract(acquirer, acquirerMerchantId.strip(), currencies.stream().distinct().toList());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
