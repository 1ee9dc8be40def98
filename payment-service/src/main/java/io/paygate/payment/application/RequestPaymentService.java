package io.paygate.payment.application;

import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.RecoveryPolicy;
import io.paygate.payment.domain.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes a card payment: records it {@code Pending} together with its authorisation command (the card sealed) in one
 * write, publishes the command to the merchant's acquirer with a publisher confirm, and waits a bounded time for the
 * answer. The payment owes its command from the start: whatever goes wrong after the insert, the
 * {@link PaymentSweeper} finds it and finishes the job, so the broker's confirm needs no write of its own (only its
 * absence does, to have the command sent again sooner). The caller gets the final payment, or the still pending one
 * when the time ran out; the answer is recorded whenever it comes, by whichever instance receives it.
 * <p>
 * A request with an idempotency key (the IETF Idempotency-Key draft) makes at most one payment per key and merchant
 * while the key lives: the payment holds the key, so one atomic insert decides which request is first. A retry
 * is answered as the first request was, without a second payment or a second call to the bank. What that answer was
 * is derived, not stored: {@code 201} with the decision if the gateway had it before the first request's deadline,
 * otherwise {@code 202} with the payment as it was requested.
 * <p>
 * The wait blocks the calling thread, which is meant to be a virtual thread.
 */
public class RequestPaymentService {

    private static final Logger log = LoggerFactory.getLogger(RequestPaymentService.class);

    /**
     * How long after its deadline the first request may still be writing its answer: until then a retry is told that
     * the first request is in flight rather than given an answer the first request may not have given yet.
     */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

    private final PaymentStore store;
    private final AuthorizationPublisher publisher;
    private final AuthorizationWaiters waiters;
    private final CardCipher cardCipher;
    private final RequestFingerprints fingerprints;
    private final Clock clock;
    private final Duration authorizationTimeout;
    private final Duration idempotencyKeyTtl;
    private final RecoveryPolicy policy;

    /**
     * @param policy when the sweeper sends a command without answer again, and when it gives up; the command expires
     *               then
     */
    public RequestPaymentService(PaymentStore store, AuthorizationPublisher publisher, AuthorizationWaiters waiters,
                                 CardCipher cardCipher, RequestFingerprints fingerprints, Clock clock,
                                 Duration authorizationTimeout, Duration idempotencyKeyTtl, RecoveryPolicy policy) {
        this.store = store;
        this.publisher = publisher;
        this.waiters = waiters;
        this.cardCipher = cardCipher;
        this.fingerprints = fingerprints;
        this.clock = clock;
        this.authorizationTimeout = authorizationTimeout;
        this.idempotencyKeyTtl = idempotencyKeyTtl;
        this.policy = policy;
    }

    /**
     * @throws IdempotencyKeyReusedException when the key was first used for another request
     * @throws IdempotencyKeyInUseException  when the first request with the key has not been answered yet
     */
    public PaymentAnswer request(RequestPaymentCommand command) {
        var card = command.card();
        CardSummary summary = CardSummary.of(card.number(), card.expiryMonth(), card.expiryYear());
        Payment payment = Payment.request(command.merchant().merchantId(), command.amount(), summary,
                route(command, summary), command.reference(), command.description(), command.metadata(),
                command.capture(), clock.instant(), policy);
        // Sealed before the insert, so that the payment and its command are stored in one write: whatever happens
        // next, the sweeper finds the command in the payment's outbox.
        CardEnvelope sealed = cardCipher.seal(card, payment.id().value());
        AuthorizationRequest request = new AuthorizationRequest(payment.id(), payment.merchantId(),
                payment.route().current(), payment.amount(), sealed, payment.requestedOn(), publisher.replyAddress(),
                payment.finalDeadline(policy));
        if (command.idempotencyKey() == null) {
            store.insert(payment, request);
            return new PaymentAnswer(authorize(payment, request), false);
        }
        KeyClaim claim = new KeyClaim(command.idempotencyKey(), fingerprints.of(command),
                payment.requestedOn().plus(idempotencyKeyTtl));
        Optional<KeyHolder> holder = store.insertUnlessKeyHeld(payment, request, claim);
        if (holder.isPresent() && expired(holder.get().payment())) {
            // The sweeper frees expired keys in its own time; one used again before that is freed here. Releasing it
            // by the old payment's id can only ever free the key from that payment, never from a newer holder.
            store.releaseIdempotencyKey(holder.get().payment().id());
            holder = store.insertUnlessKeyHeld(payment, request, claim);
        }
        if (holder.isPresent()) {
            return new PaymentAnswer(repeatAnswer(holder.get(), command), true);
        }
        return new PaymentAnswer(authorize(payment, request), false);
    }

    /** The acquirers the merchant's routing names for this payment's currency and card scheme, in order. */
    private static Route route(RequestPaymentCommand command, CardSummary card) {
        return Route.of(command.merchant().routesFor(command.amount().currency(), card.scheme().label()).stream()
                .map(route -> new AcquirerRouting(route.acquirer(), route.acquirerMerchantId()))
                .toList());
    }

    private Payment authorize(Payment payment, AuthorizationRequest request) {
        Instant deadline = deadlineOf(payment);
        CompletableFuture<Payment> decision = waiters.register(payment);
        try {
            Publication publication = publisher.publish(request, remaining(deadline));
            if (publication != Publication.CONFIRMED) {
                log.warn("Authorisation request for payment {} to acquirer {} was not confirmed: {}; it stays Pending "
                        + "and the sweeper publishes it again", payment.id(), request.routing().acquirer(), publication);
                store.update(payment, payment.commandUnconfirmed(clock.instant(), policy));
                return payment;
            }
            return asAnswered(decision.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            log.info("No answer for payment {} within {}; answering Pending", payment.id(), authorizationTimeout);
            return asAnswered(store.findById(payment.id()).orElse(payment));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return payment;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for payment " + payment.id() + " failed", e.getCause());
        } finally {
            waiters.forget(payment.id());
        }
    }

    private Payment repeatAnswer(KeyHolder first, RequestPaymentCommand command) {
        if (!fingerprints.matches(first.requestFingerprint(), command)) {
            throw new IdempotencyKeyReusedException();
        }
        Payment payment = first.payment();
        if (payment.isPending() && clock.instant().isBefore(deadlineOf(payment).plus(ANSWER_MARGIN))) {
            throw new IdempotencyKeyInUseException();
        }
        return asAnswered(payment);
    }

    /**
     * The payment as the request that created it was answered. The original request and every retry apply this one
     * rule to the stored payment, so a retry repeats exactly what the first request answered.
     */
    private Payment asAnswered(Payment payment) {
        return payment.decidedBefore(deadlineOf(payment)) ? payment.asDecided() : payment.asRequested();
    }

    private Instant deadlineOf(Payment payment) {
        return payment.requestedOn().plus(authorizationTimeout);
    }

    private boolean expired(Payment holder) {
        return !clock.instant().isBefore(holder.requestedOn().plus(idempotencyKeyTtl));
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
