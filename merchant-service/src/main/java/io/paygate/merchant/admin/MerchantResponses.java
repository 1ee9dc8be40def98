package io.paygate.merchant.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.paygate.merchant.apikey.MerchantApiKey;
import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.ApiKeyRotation.IssuedApiKey;
import io.paygate.merchant.merchant.Merchant;
import io.paygate.merchant.merchant.MerchantRegistration.RegisteredMerchant;
import io.paygate.merchant.merchant.RoutingRule;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The admin API's answers about merchants. */
final class MerchantResponses {

    private static final String MERCHANT_ID = "The merchant's id.";
    private static final String NAME = "The merchant's name.";
    private static final String API_KEY = "The secret API key, shown in this answer only: PayGate keeps its SHA-256 "
            + "hash alone. The merchant sends it as 'Authorization: Bearer <key>'.";
    private static final String KEY_ID = "The key's id, to revoke it by.";
    private static final String PREFIX = "The key's first characters, which tell it apart from the merchant's "
            + "other keys; the rest stays secret.";

    private MerchantResponses() {
    }

    /** What every answer about a merchant shows first: who it is and its contract with the acquirer. */
    @JsonPropertyOrder({"id", "name", "acquirer", "acquirer_merchant_id", "currencies", "requests_per_second",
            "routing", "created_on"})
    record MerchantSummary(
            @Schema(description = MERCHANT_ID, example = "mer_y3oqhf46pyzuxjbcn2giaqnb44") String id,
            @Schema(description = NAME, example = "Books & Co") String name,
            @Schema(description = ContractRequest.ACQUIRER, example = "piggybank") String acquirer,
            @JsonProperty("acquirer_merchant_id")
            @Schema(description = ContractRequest.ACQUIRER_MERCHANT_ID, example = "piggy-books-42")
            String acquirerMerchantId,
            @Schema(description = ContractRequest.CURRENCIES, example = "[\"GBP\", \"EUR\"]")
            List<String> currencies,
            @JsonProperty("requests_per_second")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = ContractRequest.REQUESTS_PER_SECOND, example = "50",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED)
            Integer requestsPerSecond,
            @ArraySchema(arraySchema = @Schema(description = ContractRequest.ROUTING),
                    maxItems = RoutingRequest.MAX_RULES)
            List<Route> routing,
            @JsonProperty("created_on")
            @Schema(description = "When the merchant was created (UTC).", example = "2026-03-02T10:15:30.123Z")
            Instant createdOn) {

        static MerchantSummary of(Merchant merchant) {
            AcquirerContract contract = merchant.contract();
            return new MerchantSummary(merchant.id(), merchant.name(), contract.acquirer(),
                    contract.acquirerMerchantId(), contract.currencies(), contract.requestsPerSecond(),
                    contract.routing().stream().map(Route::of).toList(), merchant.createdOn());
        }
    }

    /** One routing rule of a contract, as requests give it and answers show it. */
    @Schema(name = "RoutingRule", description = "One routing rule: the payments in one of its currencies with a card "
            + "of one of its schemes may go to its acquirer. Rules are tried in order; see the contract's routing.")
    @JsonPropertyOrder({"acquirer", "acquirer_merchant_id", "currencies", "schemes"})
    record Route(
            @Schema(description = ContractRequest.ROUTE_ACQUIRER, example = "lionbank",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String acquirer,
            @JsonProperty("acquirer_merchant_id")
            @Schema(description = ContractRequest.ROUTE_ACQUIRER_MERCHANT_ID, example = "LION-7",
                    maxLength = ContractRequest.MAX_ACQUIRER_MERCHANT_ID_LENGTH,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String acquirerMerchantId,
            @Schema(description = ContractRequest.ROUTE_CURRENCIES, example = "[\"EUR\"]",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED)
            @ArraySchema(schema = @Schema(description = ContractRequest.CURRENCY, pattern = "^[A-Z]{3}$"))
            List<String> currencies,
            @Schema(description = ContractRequest.ROUTE_SCHEMES, example = "[\"visa\", \"mastercard\"]",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED)
            @ArraySchema(schema = @Schema(description = "A card scheme.",
                    allowableValues = {"visa", "mastercard", "amex", "discover"}))
            List<String> schemes) {

        static Route of(RoutingRule rule) {
            return new Route(rule.acquirer(), rule.acquirerMerchantId(), rule.currencies(), rule.schemes());
        }
    }

    /** The answer to {@code POST /merchants}: with {@link NewApiKey}, the only places an API key is in clear. */
    @Schema(name = "CreatedMerchant", description = "The new merchant, with its first API key.")
    record CreatedMerchant(
            @JsonUnwrapped MerchantSummary merchant,
            @JsonProperty("api_key")
            @Schema(description = API_KEY, example = "sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp") String apiKey) {

        static CreatedMerchant of(RegisteredMerchant registered) {
            return new CreatedMerchant(MerchantSummary.of(registered.merchant()), registered.apiKey().reveal());
        }
    }

    /** A merchant as the admin API shows it: its keys by id and display prefix only. */
    @Schema(name = "Merchant", description = "A merchant, its acquirer contract and its API keys (never the keys "
            + "themselves).")
    record MerchantDetails(
            @JsonUnwrapped MerchantSummary merchant,
            @JsonProperty("api_keys")
            @ArraySchema(arraySchema = @Schema(description = "Every key the merchant was given, oldest first, "
                    + "revoked ones included."))
            List<ApiKeySummary> apiKeys) {

        static MerchantDetails of(Merchant merchant) {
            return new MerchantDetails(MerchantSummary.of(merchant),
                    merchant.apiKeys().stream().map(ApiKeySummary::of).toList());
        }
    }

    @Schema(name = "ApiKeySummary", description = "One of a merchant's API keys, without the key.")
    @JsonPropertyOrder({"id", "prefix", "created_on", "revoked_on"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeySummary(
            @Schema(description = KEY_ID, example = "key_ctyq6ka2ewnuvbt4cgkmxl6jvu") String id,
            @Schema(description = PREFIX, example = "sk_sbox_m73d") String prefix,
            @JsonProperty("created_on")
            @Schema(description = "When the key was issued (UTC).", example = "2026-03-02T10:15:30.123Z")
            Instant createdOn,
            @JsonProperty("revoked_on")
            @Schema(description = "When the key was revoked (UTC); absent while the key is live.",
                    example = "2026-04-01T08:00:00.456Z")
            Instant revokedOn) {

        static ApiKeySummary of(MerchantApiKey key) {
            return new ApiKeySummary(key.id(), key.prefix(), key.createdOn(), key.revokedOn());
        }
    }

    /** The answer to {@code POST /merchants/{id}/api-keys}. */
    @Schema(name = "IssuedApiKey", description = "A new live API key of the merchant.")
    @JsonPropertyOrder({"id", "api_key", "prefix", "created_on"})
    record NewApiKey(
            @Schema(description = KEY_ID, example = "key_ctyq6ka2ewnuvbt4cgkmxl6jvu") String id,
            @JsonProperty("api_key")
            @Schema(description = API_KEY, example = "sk_sbox_m73dzbpy7cf3gfd7gj3kcyqbnyp") String apiKey,
            @Schema(description = PREFIX, example = "sk_sbox_m73d") String prefix,
            @JsonProperty("created_on")
            @Schema(description = "When the key was issued (UTC).", example = "2026-03-02T10:15:30.123Z")
            Instant createdOn) {

        static NewApiKey of(IssuedApiKey issued) {
            MerchantApiKey stored = issued.stored();
            return new NewApiKey(stored.id(), issued.key().reveal(), stored.prefix(), stored.createdOn());
        }
    }

    /** The answer to {@code GET /merchants}, in Checkout.com's list shape. */
    @Schema(name = "MerchantList", description = "One page of the merchants, newest first.")
    @JsonPropertyOrder({"limit", "skip", "total_count", "data"})
    record MerchantList(
            @Schema(description = "The page size asked for.", example = "20") int limit,
            @Schema(description = "How many merchants this page skipped.", example = "0") int skip,
            @JsonProperty("total_count")
            @Schema(description = "How many merchants there are in all.", example = "1") long totalCount,
            @ArraySchema(arraySchema = @Schema(description = "The merchants of this page, newest first."))
            List<MerchantDetails> data) {
    }
}
