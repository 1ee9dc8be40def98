package io.paygate.payment.configuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param authorizationTimeout how long a payment request waits for the bank's answer before answering
 *                             {@code 202 Pending}; covers the publisher confirm too
 */
@ConfigurationProperties("paygate.payments")
public record PaymentProperties(@DefaultValue("5s") Duration authorizationTimeout) {

    public PaymentProperties {
        if (authorizationTimeout.isNegative() || authorizationTimeout.isZero()) {
            throw new IllegalArgumentException("paygate.payments.authorization-timeout must be positive");
        }
    }
}
