package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.configuration.BankCallSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Lion Bank's ISO 8583 host is, how patiently to talk to it and as which terminal.
 *
 * @param host              the host's name or address
 * @param port              its ISO 8583 port
 * @param connectTimeout    how long to wait for the TCP connection
 * @param readTimeout       how long to wait for the answer to one request
 * @param echoInterval      after how long without a request an echo tests the connection
 * @param reconnectDelay    the wait after a failed connection attempt, doubled after each further failure
 * @param reconnectMaxDelay the longest such wait
 * @param terminalId        field 41, the terminal the Lion Bank knows this gateway as (up to 8 characters)
 * @param retry             how to retry authorisations that got no answer, see {@link BankCallSettings}
 * @param reversalRetry     how to retry reversals that got no answer
 * @param circuitBreaker    when to stop asking a bank that recent payments found down
 */
@ConfigurationProperties("paygate.lionbank")
public record LionBankProperties(String host, int port, Duration connectTimeout, Duration readTimeout,
                                 Duration echoInterval, Duration reconnectDelay, Duration reconnectMaxDelay,
                                 String terminalId, BankCallSettings.Retry retry, BankCallSettings.Retry reversalRetry,
                                 BankCallSettings.CircuitBreaker circuitBreaker) {

    public LionBankProperties {
        Objects.requireNonNull(host, "paygate.lionbank.host");
        Objects.requireNonNull(connectTimeout, "paygate.lionbank.connect-timeout");
        Objects.requireNonNull(readTimeout, "paygate.lionbank.read-timeout");
        Objects.requireNonNull(echoInterval, "paygate.lionbank.echo-interval");
        Objects.requireNonNull(reconnectDelay, "paygate.lionbank.reconnect-delay");
        Objects.requireNonNull(reconnectMaxDelay, "paygate.lionbank.reconnect-max-delay");
        Objects.requireNonNull(terminalId, "paygate.lionbank.terminal-id");
        Objects.requireNonNull(retry, "paygate.lionbank.retry");
        Objects.requireNonNull(reversalRetry, "paygate.lionbank.reversal-retry");
        Objects.requireNonNull(circuitBreaker, "paygate.lionbank.circuit-breaker");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("paygate.lionbank.port must be between 1 and 65535");
        }
        if (echoInterval.isZero() || echoInterval.isNegative()) {
            throw new IllegalArgumentException("paygate.lionbank.echo-interval must be positive");
        }
    }

    /**
     * How long one request can take before it counts as unanswered: a connection, then the wait for the answer. No
     * authorisation request starts unless it is over by the command's expiry.
     */
    Duration longestRequest() {
        return connectTimeout.plus(readTimeout);
    }

    BankCallSettings calls() {
        return new BankCallSettings(retry, reversalRetry, circuitBreaker);
    }
}
