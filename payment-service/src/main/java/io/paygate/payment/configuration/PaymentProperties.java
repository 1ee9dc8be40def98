package io.paygate.payment.configuration;

import io.paygate.events.Topology;
import io.paygate.payment.domain.RecoveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param authorizationTimeout how long a payment request waits for the bank's answer before answering
 *                             {@code 202 Pending}; covers the publisher confirm too. A command still unconfirmed then
 *                             is published again by the sweeper
 * @param idempotencyKeyTtl    how long an idempotency key keeps replaying its first answer; after that, the same key
 *                             makes a new payment
 * @param resendAfter          how long after its request a command without answer is sent again; each further send
 *                             waits twice as long
 * @param republishAfter       how long after the broker failed to take a command it is published again
 * @param finalDeadline        how long after its request a payment without answer is declined {@code 20068} and the
 *                             bank asked for a reversal; its authorisation command expires then, so the acquirer
 *                             starts no bank call that could outlast it
 * @param sweepInterval        the pause between two sweeps of one instance
 * @param sweepBatch           how many items one sweep takes at most
 * @param reversalRetry        the first wait before a reversal the broker did not confirm is requested again
 * @param reversalRetryMax     the longest such wait; it doubles up to this; also the longest wait between two sends
 *                             of a capture, void or refund without answer
 * @param actionDeadline       how long a capture, void or refund waits for the bank's answer before it is recorded
 *                             declined {@code 20068}; its command is sent again until then
 * @param authorizationLifetime how long an authorisation may be captured; what nobody captured by then is voided
 * @param actionResultsQueue   the durable queue of the acquirers' answers to actions, shared by every instance
 * @param eventsQueue          the durable queue of payment events that webhook-service consumes, declared here too so
 *                             that events wait in it while no webhook-service runs
 * @param eventRepublishAfter  how long the events of a change wait in the payment's outbox for the broker's confirm
 *                             before the sweeper publishes them again
 */
@ConfigurationProperties("paygate.payments")
public record PaymentProperties(@DefaultValue("5s") Duration authorizationTimeout,
                                @DefaultValue("24h") Duration idempotencyKeyTtl,
                                @DefaultValue("15s") Duration resendAfter,
                                @DefaultValue("2s") Duration republishAfter,
                                @DefaultValue("60s") Duration finalDeadline,
                                @DefaultValue("2s") Duration sweepInterval,
                                @DefaultValue("100") int sweepBatch,
                                @DefaultValue("2s") Duration reversalRetry,
                                @DefaultValue("1m") Duration reversalRetryMax,
                                @DefaultValue("24h") Duration actionDeadline,
                                @DefaultValue("7d") Duration authorizationLifetime,
                                @DefaultValue(Topology.PAYMENT_ACTION_RESULTS_QUEUE) String actionResultsQueue,
                                @DefaultValue(Topology.WEBHOOK_EVENTS_QUEUE) String eventsQueue,
                                @DefaultValue("30s") Duration eventRepublishAfter) {

    /** The domain's view of these settings: when owed work is done again, and when the gateway gives up. */
    public RecoveryPolicy recoveryPolicy() {
        return new RecoveryPolicy(resendAfter, republishAfter, finalDeadline, reversalRetry, reversalRetryMax,
                actionDeadline, authorizationLifetime);
    }

    public PaymentProperties {
        if (authorizationTimeout.isNegative() || authorizationTimeout.isZero()) {
            throw new IllegalArgumentException("paygate.payments.authorization-timeout must be positive");
        }
        if (idempotencyKeyTtl.compareTo(authorizationTimeout) <= 0) {
            throw new IllegalArgumentException("paygate.payments.idempotency-key-ttl must be longer than "
                    + "paygate.payments.authorization-timeout, or a key could expire before its first answer");
        }
        if (resendAfter.compareTo(authorizationTimeout) < 0) {
            throw new IllegalArgumentException("paygate.payments.resend-after must be at least "
                    + "paygate.payments.authorization-timeout: a command is not overdue while its request still waits");
        }
        if (republishAfter.isNegative() || republishAfter.isZero()) {
            throw new IllegalArgumentException("paygate.payments.republish-after must be positive");
        }
        if (finalDeadline.compareTo(resendAfter) <= 0) {
            throw new IllegalArgumentException("paygate.payments.final-deadline must be longer than "
                    + "paygate.payments.resend-after, or no command would ever be sent again");
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero() || sweepBatch < 1) {
            throw new IllegalArgumentException("paygate.payments.sweep-interval and sweep-batch must be positive");
        }
        if (reversalRetry.isNegative() || reversalRetry.isZero() || reversalRetryMax.compareTo(reversalRetry) < 0) {
            throw new IllegalArgumentException("paygate.payments.reversal-retry must be positive and at most "
                    + "paygate.payments.reversal-retry-max");
        }
        if (eventRepublishAfter.isNegative() || eventRepublishAfter.isZero()) {
            throw new IllegalArgumentException("paygate.payments.event-republish-after must be positive");
        }
        if (actionDeadline.compareTo(resendAfter) <= 0 || authorizationLifetime.isNegative()
                || authorizationLifetime.isZero()) {
            throw new IllegalArgumentException("paygate.payments.action-deadline must be longer than "
                    + "paygate.payments.resend-after, and authorization-lifetime positive");
        }
    }
}
