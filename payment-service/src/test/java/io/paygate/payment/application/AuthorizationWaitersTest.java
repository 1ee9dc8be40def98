package io.paygate.payment.application;

import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Money;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.RecoveryPolicies;
import io.paygate.payment.domain.Routes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationWaitersTest {

    private final AuthorizationWaiters waiters = new AuthorizationWaiters();
    private final Payment pending = Payment.request("mer_1", new Money(1050, "GBP"),
            CardSummary.of("4111111111111111", 12, 2030), Routes.PIGGY_BANK, null, null, null, CapturePlan.MANUAL, Instant.now(),
            RecoveryPolicies.DEFAULTS);

    @Test
    void wakes_the_request_waiting_for_the_payment() {
        CompletableFuture<Payment> waiter = waiters.register(pending);
        Payment authorized = pending.authorize("770687", Instant.now(), Instant.now(), RecoveryPolicies.DEFAULTS);

        waiters.complete(authorized);

        assertThat(waiter).isCompletedWithValue(authorized);
        assertThat(waiters.size()).isZero();
    }

    @Test
    void holds_the_pending_payment_a_request_waits_for_until_it_is_answered() {
        assertThat(waiters.pending(pending.id())).isEmpty();
        waiters.register(pending);

        assertThat(waiters.pending(pending.id())).contains(pending);

        waiters.complete(pending.authorize("770687", Instant.now(), Instant.now(), RecoveryPolicies.DEFAULTS));
        assertThat(waiters.pending(pending.id())).isEmpty();
    }

    @Test
    void a_result_nobody_waits_for_changes_nothing() {
        waiters.complete(pending.authorize("770687", Instant.now(), Instant.now(), RecoveryPolicies.DEFAULTS));

        assertThat(waiters.size()).isZero();
    }

    @Test
    void a_forgotten_request_is_not_woken() {
        CompletableFuture<Payment> waiter = waiters.register(pending);

        waiters.forget(pending.id());
        waiters.complete(pending.authorize("770687", Instant.now(), Instant.now(), RecoveryPolicies.DEFAULTS));

        assertThat(waiter).isNotDone();
    }
}
