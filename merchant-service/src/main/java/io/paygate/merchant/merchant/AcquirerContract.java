package io.paygate.merchant.merchant;

import org.springframework.data.mongodb.core.mapping.Field;

import java.util.List;

/**
 * What the merchant signed with its acquirers: which acquirer routes its payments by default, under which merchant id
 * that acquirer knows it, which currencies (ISO 4217 codes) it may charge in, how many requests per second the gateway
 * lets it send (null: the gateway's default), and the ordered routing rules that send some payments to other
 * acquirers. A contract stored before there were routing rules has no {@code routing} field: it loads with none.
 */
public record AcquirerContract(
        String acquirer,
        @Field("acquirer_merchant_id") String acquirerMerchantId,
        List<String> currencies,
        @Field(AcquirerContract.REQUESTS_PER_SECOND) Integer requestsPerSecond,
        List<RoutingRule> routing) {

    static final String REQUESTS_PER_SECOND = "requests_per_second";

    public AcquirerContract {
        currencies = List.copyOf(currencies);
        routing = routing == null ? List.of() : List.copyOf(routing);
    }

    /** A contract without routing rules: every payment goes to {@code acquirer}. */
    public AcquirerContract(String acquirer, String acquirerMerchantId, List<String> currencies,
                            Integer requestsPerSecond) {
        this(acquirer, acquirerMerchantId, currencies, requestsPerSecond, List.of());
    }
}
