package io.paygate.merchant.merchant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * Acquirer codes a merchant contract may name: one per acquirer adapter deployed, since the code names the
 * routing key of the adapter that carries the merchant's payments.
 *
 * @param merchantIdMaxLength the longest merchant id an acquirer takes, where it takes fewer than
 *                            {@link #MAX_MERCHANT_ID_LENGTH} characters: an ISO 8583 card acceptor id (field 42) has
 *                            15. A longer id would pass here and fail every payment at the bank
 */
@ConfigurationProperties("paygate.acquirers")
public record SupportedAcquirers(@DefaultValue({"piggybank", "lionbank"}) List<String> supported,
                                 Map<String, Integer> merchantIdMaxLength) {

    /** The longest acquirer merchant id any contract may name. */
    public static final int MAX_MERCHANT_ID_LENGTH = 100;

    public SupportedAcquirers {
        supported = List.copyOf(supported);
        merchantIdMaxLength = merchantIdMaxLength == null ? Map.of() : Map.copyOf(merchantIdMaxLength);
    }

    public boolean includes(String acquirer) {
        return supported.contains(acquirer);
    }

    /** How long a merchant id this acquirer takes; an unknown acquirer is held to the general limit. */
    public int maxMerchantIdLength(String acquirer) {
        Integer own = acquirer == null ? null : merchantIdMaxLength.get(acquirer);
        return own == null ? MAX_MERCHANT_ID_LENGTH : Math.min(own, MAX_MERCHANT_ID_LENGTH);
    }
}
