package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.support.configuration.BankCallSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Piggy Bank is and how patiently to talk to it.
 *
 * @param url            base URL of the bank's API
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for the answer to one request
 * @param retry          how to retry authorisations that got no answer, see {@link BankCallSettings}
 * @param reversalRetry  how to retry reversals that got no answer
 * @param circuitBreaker when to stop asking a bank that recent payments found down
 */
@ConfigurationProperties("paygate.piggybank")
public record PiggyBankProperties(URI url, Duration connectTimeout, Duration readTimeout, BankCallSettings.Retry retry,
                                  BankCallSettings.Retry reversalRetry, BankCallSettings.CircuitBreaker circuitBreaker) {

    public PiggyBankProperties {
        Objects.requireNonNull(url, "paygate.piggybank.url");
        Objects.requireNonNull(connectTimeout, "paygate.piggybank.connect-timeout");
        Objects.requireNonNull(readTimeout, "paygate.piggybank.read-timeout");
        Objects.requireNonNull(retry, "paygate.piggybank.retry");
        Objects.requireNonNull(reversalRetry, "paygate.piggybank.reversal-retry");
        Objects.requireNonNull(circuitBreaker, "paygate.piggybank.circuit-breaker");
    }

    /**
     * How long one request can take before it counts as unanswered: the connection, then the wait for the answer. No
     * authorisation request starts unless it is over by the command's expiry.
     */
    Duration longestRequest() {
        return connectTimeout.plus(readTimeout);
    }

    BankCallSettings calls() {
        return new BankCallSettings(retry, reversalRetry, circuitBreaker);
    }
}
