package io.paygate.acquirer.support.adapter.in.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BankHealthConfiguration {

    /**
     * Named so that the health endpoint lists it as {@code acquiringBank} in every adapter, whichever its bank: the
     * {@code bank} health group and dashboards name it alike.
     */
    @Bean
    BankHealthIndicator acquiringBankHealthIndicator(CircuitBreaker bankCircuitBreaker) {
        return new BankHealthIndicator(bankCircuitBreaker);
    }
}
