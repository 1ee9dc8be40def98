package io.paygate.merchant.merchant;

import org.springframework.data.mongodb.core.mapping.Field;

import java.util.List;

/**
 * What the merchant signed with its acquirer: which acquirer routes its payments, under which merchant id the
 * acquirer knows it, and which currencies (ISO 4217 codes) it may charge in.
 */
public record AcquirerContract(
        String acquirer,
        @Field("acquirer_merchant_id") String acquirerMerchantId,
        List<String> currencies) {

    public AcquirerContract {
        currencies = List.copyOf(currencies);
    }
}
