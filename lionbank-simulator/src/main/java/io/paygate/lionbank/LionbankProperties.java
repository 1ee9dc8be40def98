package io.paygate.lionbank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated bank listens and behaves from start. Latency and faults are only the starting point: they can
 * be changed at run time over {@code PUT /simulator/faults} and restored with {@code DELETE /simulator/faults}.
 *
 * @param iso                    the ISO 8583 listener
 * @param latency                the wait before each answer to any request but an echo
 * @param faults                 failures of the host, for tests and benchmarks
 * @param rememberedTransactions how many decided authorisations are kept for duplicates, reversals, completions and
 *                               refunds (about 400 bytes each), and as many completions and refunds for their
 *                               duplicates; as many forgotten approvals are kept without their answers, only to
 *                               notice a second approval of one of them
 */
@ConfigurationProperties("lionbank")
public record LionbankProperties(
        @DefaultValue Iso iso,
        @DefaultValue Latency latency,
        @DefaultValue Faults faults,
        @DefaultValue("100000") int rememberedTransactions) {

    public LionbankProperties {
        if (rememberedTransactions < 1) {
            throw new IllegalArgumentException("lionbank.remembered-transactions must be at least 1");
        }
    }

    /**
     * @param address the interface to listen on; blank: every interface
     * @param port    the TCP port; 0 picks a free one (tests)
     */
    public record Iso(@DefaultValue("") String address, @DefaultValue("8585") int port) {
        public Iso {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("lionbank.iso.port must be between 0 and 65535");
            }
        }
    }

    /** Each answer to any request but an echo waits {@code fixed} plus a uniform random part of {@code jitter}. */
    public record Latency(@DefaultValue("0ms") Duration fixed, @DefaultValue("0ms") Duration jitter) {
    }

    /**
     * @param dropRate  probability (0 to 1) that any request but an echo is read and never answered
     * @param closeRate probability (0 to 1) that the connection is closed after reading any request but an echo,
     *                  which stays unanswered
     * @param down      the host refuses connections and has closed every open one
     */
    public record Faults(
            @DefaultValue("0") double dropRate,
            @DefaultValue("0") double closeRate,
            @DefaultValue("false") boolean down) {
    }
}
