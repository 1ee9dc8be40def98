package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.piggybank.application.port.out.AcquiringBank;
import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The Piggy Bank as the application sees it: an answer for every authorisation. Attempts that get no answer are
 * retried with back-off, always with the payment id as idempotency key; when the retries are spent, the issuer
 * counts as unavailable.
 * <p>
 * The seam for a circuit breaker is {@link #attempt}: wrapping each attempt, and making an open circuit not
 * retryable, lets {@link #authorize} answer {@link BankDecision.IssuerUnavailable} at once while the bank is down.
 */
class PiggyBank implements AcquiringBank {

    private static final Logger log = LoggerFactory.getLogger(PiggyBank.class);

    private final PiggyBankApi api;
    private final RetryTemplate retryTemplate;

    PiggyBank(PiggyBankApi api, RetryPolicy retryPolicy) {
        this.api = api;
        this.retryTemplate = new RetryTemplate(retryPolicy);
        this.retryTemplate.setRetryListener(new RetryLog());
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        try {
            return retryTemplate.execute(attempt(authorization));
        } catch (RetryException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down: no answer is not the issuer's fault; the command goes back to the queue.
                throw new IllegalStateException("Interrupted while authorising payment " + authorization.paymentId(), e);
            }
            if (!(e.getLastException() instanceof BankUnreachableException unreachable)) {
                throw new IllegalStateException("Authorising payment " + authorization.paymentId() + " failed",
                        e.getLastException());
            }
            log.warn("Piggy Bank unavailable for payment {} after {} attempts: {}", authorization.paymentId(),
                    e.getRetryCount() + 1, unreachable.getMessage());
            return new BankDecision.IssuerUnavailable();
        }
    }

    private Retryable<BankDecision> attempt(CardAuthorization authorization) {
        return new Retryable<>() {
            @Override
            public BankDecision execute() {
                return api.authorize(authorization);
            }

            @Override
            public String getName() {
                return authorization.paymentId();
            }
        };
    }

    private static final class RetryLog implements RetryListener {

        @Override
        public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
            log.info("Retrying payment {} with the Piggy Bank (retry {}): {}", retryable.getName(),
                    state.getRetryCount(), state.getLastException().getMessage());
        }
    }
}
