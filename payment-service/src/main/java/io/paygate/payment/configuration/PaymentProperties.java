package io.paygate.payment.configuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param authorizationTimeout how long a payment request waits for the bank's answer before answering
 *                             {@code 202 Pending}; covers the publisher confirm too
 * @param idempotencyKeyTtl    how long an idempotency key keeps replaying its first answer; after that, the same key
 *                             makes a new payment
 */
@ConfigurationProperties("paygate.payments")
public record PaymentProperties(@DefaultValue("5s") Duration authorizationTimeout,
                                @DefaultValue("24h") Duration idempotencyKeyTtl) {

    public PaymentProperties {
        if (authorizationTimeout.isNegative() || authorizationTimeout.isZero()) {
            throw new IllegalArgumentException("paygate.payments.authorization-timeout must be positive");
        }
        if (idempotencyKeyTtl.compareTo(authorizationTimeout) <= 0) {
            throw new IllegalArgumentException("paygate.payments.idempotency-key-ttl must be longer than "
                    + "paygate.payments.authorization-timeout, or a key could expire before its first answer");
        }
    }
}
