package io.paygate.acquirer.support.configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.ObservationRegistry;
import io.paygate.acquirer.support.adapter.in.amqp.ActionQueueConfiguration;
import io.paygate.acquirer.support.adapter.in.amqp.AuthorizationQueueConfiguration;
import io.paygate.acquirer.support.adapter.in.amqp.ReversalQueueConfiguration;
import io.paygate.acquirer.support.adapter.in.health.BankHealthConfiguration;
import io.paygate.acquirer.support.adapter.out.amqp.ResultPublishingConfiguration;
import io.paygate.acquirer.support.adapter.out.observation.CircuitBreakerStateMetrics;
import io.paygate.acquirer.support.adapter.out.observation.ObservedAcquiringBank;
import io.paygate.acquirer.support.application.AuthorizePaymentService;
import io.paygate.acquirer.support.application.BankCallPolicy;
import io.paygate.acquirer.support.application.PaymentActionService;
import io.paygate.acquirer.support.application.ReversePaymentService;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.ActionResultPublisher;
import io.paygate.acquirer.support.application.port.out.AuthorizationResultPublisher;
import io.paygate.events.card.CardCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * An acquirer adapter around the one {@link AcquiringBank} and {@link BankCallSettings} its module provides: the
 * command, reversal and action queues of {@code paygate.acquirer.code}, the card envelope, the bank call policy, the results,
 * the bank's health. Wires the application core, which knows nothing of Spring, to its adapters. Without an acquirer
 * code, a service that has this library on its class path gets none of it.
 */
@AutoConfiguration
@ConditionalOnProperty("paygate.acquirer.code")
@EnableConfigurationProperties(CardEncryptionProperties.class)
@Import({AuthorizationQueueConfiguration.class, ReversalQueueConfiguration.class, ActionQueueConfiguration.class,
        ResultPublishingConfiguration.class, BankHealthConfiguration.class})
public class AcquirerAutoConfiguration {

    @Bean
    CardCipher cardCipher(CardEncryptionProperties properties) {
        try {
            return CardCipher.fromConfiguration(properties.keys(), properties.activeKeyId());
        } catch (IllegalArgumentException e) {
            // The cipher's messages name key ids at most, never key material.
            throw new IllegalStateException("Card encryption is misconfigured (" + e.getMessage()
                    + "): set CARD_ENCRYPTION_KEYS to id:base64-32-bytes[,id2:...] and CARD_ENCRYPTION_ACTIVE_KEY to one of the ids", e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * One per instance: each replica judges the bank by the calls it made itself. Authorisations and reversals share
     * it, as do captures, voids and refunds, since all find the same bank up or down (see {@link BankCallPolicy}).
     */
    @Bean
    CircuitBreaker bankCircuitBreaker(BankCallSettings settings) {
        return CircuitBreaker.of("acquiringBank", settings.circuitBreaker().config());
    }

    @Bean
    CircuitBreakerStateMetrics bankCircuitBreakerMetrics(CircuitBreaker bankCircuitBreaker,
                                                         @Value("${paygate.acquirer.code}") String acquirer) {
        return new CircuitBreakerStateMetrics(bankCircuitBreaker, acquirer);
    }

    @Bean
    BankCallPolicy bankCallPolicy(AcquiringBank bank, BankCallSettings settings, CircuitBreaker bankCircuitBreaker,
                                  Clock clock, ObservationRegistry observations,
                                  @Value("${paygate.acquirer.code}") String acquirer) {
        return new BankCallPolicy(new ObservedAcquiringBank(bank, acquirer, observations), settings.retry().policy(),
                settings.reversalRetry().policy(), bankCircuitBreaker, clock);
    }

    @Bean
    AuthorizePaymentService authorizePaymentService(CardCipher cardCipher, BankCallPolicy bankCallPolicy,
                                                    AuthorizationResultPublisher results, Clock clock,
                                                    @Value("${paygate.acquirer.code}") String acquirer) {
        return new AuthorizePaymentService(cardCipher, bankCallPolicy, results, clock, acquirer);
    }

    @Bean
    ReversePaymentService reversePaymentService(BankCallPolicy bankCallPolicy) {
        return new ReversePaymentService(bankCallPolicy);
    }

    @Bean
    PaymentActionService paymentActionService(BankCallPolicy bankCallPolicy, ActionResultPublisher actionResults,
                                              Clock clock, @Value("${paygate.acquirer.code}") String acquirer) {
        return new PaymentActionService(bankCallPolicy, actionResults, clock, acquirer);
    }
}
