package io.paygate.merchant.merchant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Acquirer codes a merchant contract may name: one per acquirer adapter deployed, since the code names the
 * routing key of the adapter that carries the merchant's payments.
 */
@ConfigurationProperties("paygate.acquirers")
public record SupportedAcquirers(@DefaultValue({"piggybank", "lionbank"}) List<String> supported) {

    public SupportedAcquirers {
        supported = List.copyOf(supported);
    }

    public boolean includes(String acquirer) {
        return supported.contains(acquirer);
    }
}
