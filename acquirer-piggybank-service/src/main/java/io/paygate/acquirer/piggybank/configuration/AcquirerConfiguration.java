package io.paygate.acquirer.piggybank.configuration;

import io.paygate.acquirer.piggybank.application.AuthorizePaymentService;
import io.paygate.acquirer.piggybank.application.ReversePaymentService;
import io.paygate.acquirer.piggybank.application.port.out.AcquiringBank;
import io.paygate.acquirer.piggybank.application.port.out.AuthorizationResultPublisher;
import io.paygate.events.card.CardCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the application core, which knows nothing of Spring, to its adapters. */
@Configuration(proxyBeanMethods = false)
class AcquirerConfiguration {

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
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuthorizePaymentService authorizePaymentService(CardCipher cardCipher, AcquiringBank bank,
                                                    AuthorizationResultPublisher results, Clock clock) {
        return new AuthorizePaymentService(cardCipher, bank, results, clock);
    }

    @Bean
    ReversePaymentService reversePaymentService(AcquiringBank bank) {
        return new ReversePaymentService(bank);
    }
}
