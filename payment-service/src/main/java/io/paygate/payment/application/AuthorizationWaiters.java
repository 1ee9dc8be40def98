package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.PaymentId;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of this instance that are waiting for their acquirer's answer. A recorded result completes the
 * waiter in memory, so a waiting request learns its outcome without polling the store.
 */
public class AuthorizationWaiters {

    private final Map<PaymentId, CompletableFuture<Payment>> waiting = new ConcurrentHashMap<>();

    /** Starts waiting; call before the request can be answered, so no answer arrives unheard. */
    public CompletableFuture<Payment> register(PaymentId id) {
        return waiting.computeIfAbsent(id, ignored -> new CompletableFuture<>());
    }

    /** Hands a payment's final state to whoever waits for it here; nobody may. */
    public void complete(Payment payment) {
        CompletableFuture<Payment> waiter = waiting.remove(payment.id());
        if (waiter != null) {
            waiter.complete(payment);
        }
    }

    /** Whether a request of this instance is waiting for the payment. */
    public boolean isWaiting(PaymentId id) {
        return waiting.containsKey(id);
    }

    /** Stops waiting, e.g. when the request's time is up. */
    public void forget(PaymentId id) {
        waiting.remove(id);
    }

    public int size() {
        return waiting.size();
    }
}
