package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of this instance that are waiting for their acquirer's answer, each with the pending payment it
 * stored. A recorded decision completes the waiter in memory, so a waiting request learns its outcome without polling
 * the store, and the answer is decided from the pending payment held here without reading it back.
 */
public class AuthorizationWaiters {

    private record Waiter(Payment pending, CompletableFuture<Payment> outcome) {
    }

    private final Map<PaymentId, Waiter> waiting = new ConcurrentHashMap<>();

    /** Starts waiting; call before the request can be answered, so no answer arrives unheard. */
    public CompletableFuture<Payment> register(Payment pending) {
        return waiting.computeIfAbsent(pending.id(), ignored -> new Waiter(pending, new CompletableFuture<>()))
                .outcome();
    }

    /**
     * The pending payment a request of this instance stored and waits for, as it was then: the state an answer for it
     * is most likely decided from, without reading it back. Empty when no request here waits for it.
     */
    public Optional<Payment> pending(PaymentId id) {
        return Optional.ofNullable(waiting.get(id)).map(Waiter::pending);
    }

    /**
     * The payment, still pending, went to another acquirer: the request waiting for it here holds it so, and takes
     * that acquirer's answer.
     */
    public void redirected(Payment pending) {
        waiting.computeIfPresent(pending.id(), (id, waiter) -> new Waiter(pending, waiter.outcome()));
    }

    /** Hands a payment's final state, as stored, to whoever waits for it here; nobody may. */
    public void complete(Payment payment) {
        Waiter waiter = waiting.remove(payment.id());
        if (waiter != null) {
            waiter.outcome().complete(payment);
        }
    }

    /** Stops waiting, e.g. when the request's time is up. */
    public void forget(PaymentId id) {
        waiting.remove(id);
    }

    public int size() {
        return waiting.size();
    }
}
