package io.paygate.merchant.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.merchant.apikey.MerchantApiKey;
import io.paygate.merchant.merchant.Merchant;
import io.paygate.merchant.merchant.MerchantRegistration.RegisteredMerchant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/** The admin API's answers about merchants. */
final class MerchantResponses {

    private MerchantResponses() {
    }

    /** The answer to {@code POST /merchants}: the only place the API key ever appears in clear. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedMerchant(String id, String name, String acquirer, String acquirerMerchantId,
                           List<String> currencies, Instant createdOn, String apiKey) {

        static CreatedMerchant of(RegisteredMerchant registered) {
            Merchant merchant = registered.merchant();
            return new CreatedMerchant(merchant.id(), merchant.name(), merchant.contract().acquirer(),
                    merchant.contract().acquirerMerchantId(), merchant.contract().currencies(), merchant.createdOn(),
                    registered.apiKey().reveal());
        }
    }

    /** A merchant as {@code GET /merchants/{id}} shows it: its keys by id and display prefix only. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MerchantDetails(String id, String name, String acquirer, String acquirerMerchantId,
                           List<String> currencies, Instant createdOn, List<ApiKeySummary> apiKeys) {

        static MerchantDetails of(Merchant merchant) {
            return new MerchantDetails(merchant.id(), merchant.name(), merchant.contract().acquirer(),
                    merchant.contract().acquirerMerchantId(), merchant.contract().currencies(), merchant.createdOn(),
                    merchant.apiKeys().stream().map(ApiKeySummary::of).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeySummary(String id, String prefix, Instant createdOn, Instant revokedOn) {

        static ApiKeySummary of(MerchantApiKey key) {
            return new ApiKeySummary(key.id(), key.prefix(), key.createdOn(), key.revokedOn());
        }
    }
}
