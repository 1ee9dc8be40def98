package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.configuration.BankCallSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class LionBankConfiguration {

    @Bean
    LionBankRequests lionBankRequests(LionBankProperties properties) {
        return new LionBankRequests(properties.terminalId());
    }

    /** Closed with the context: the connection, its reader and its keeper go with it. */
    @Bean
    LionBankConnection lionBankConnection(LionBankProperties properties, LionBankRequests lionBankRequests,
                                          Clock clock) {
        return new LionBankConnection(properties, lionBankRequests, clock);
    }

    @Bean
    LionBank lionBank(LionBankProperties properties, LionBankConnection lionBankConnection,
                      LionBankRequests lionBankRequests) {
        return new LionBank(lionBankConnection, lionBankRequests, properties.longestRequest());
    }

    /** Bound under {@code paygate.lionbank}, beside the host's address and timeouts. */
    @Bean
    BankCallSettings lionBankCallSettings(LionBankProperties properties) {
        return properties.calls();
    }
}
