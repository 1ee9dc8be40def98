package io.paygate.merchant.merchant;

import org.springframework.data.mongodb.core.mapping.Field;

import java.util.List;

/**
 * What the merchant signed with its acquirer: which acquirer routes its payments, under which merchant id the
 * acquirer knows it, which currencies (ISO 4217 codes) it may charge in, and how many requests per second the gateway
 * lets it send (null: the gateway's default).
 */
public record AcquirerContract(
        String acquirer,
        @Field("acquirer_merchant_id") String acquirerMerchantId,
        List<String> currencies,
        @Field(AcquirerContract.REQUESTS_PER_SECOND) Integer requestsPerSecond) {

    static final String REQUESTS_PER_SECOND = "requests_per_second";

    public AcquirerContract {
        currencies = List.copyOf(currencies);
    }
}
