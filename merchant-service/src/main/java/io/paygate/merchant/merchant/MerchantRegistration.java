package io.paygate.merchant.merchant;

import io.paygate.merchant.apikey.ApiKey;
import org.springframework.stereotype.Service;

/** Signs up a merchant: a new id and a first API key, stored in one insert. */
@Service
public class MerchantRegistration {

    private final MerchantStore merchants;

    public MerchantRegistration(MerchantStore merchants) {
        this.merchants = merchants;
    }

    public RegisteredMerchant register(String name, AcquirerContract contract) {
        ApiKey apiKey = ApiKey.generateSandbox();
        Merchant merchant = Merchant.withFirstKey(MerchantIds.next(), name, contract, apiKey);
        merchants.insert(merchant);
        return new RegisteredMerchant(merchant, apiKey);
    }

    /** The new merchant and its first key in clear, which nobody can read again after this answer. */
    public record RegisteredMerchant(Merchant merchant, ApiKey apiKey) {
    }
}
