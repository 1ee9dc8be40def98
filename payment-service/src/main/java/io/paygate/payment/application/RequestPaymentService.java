package io.paygate.payment.application;

import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardEnvelope;
import io.paygate.payment.application.AuthorizationPublisher.Publication;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Payment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes a card payment: records it {@code Pending}, sends the sealed card to the merchant's acquirer, and waits a
 * bounded time for the answer. The caller gets the final payment, or the still pending one when the time ran out;
 * the answer is recorded whenever it comes, by whichever instance receives it.
 * <p>
 * The wait blocks the calling thread, which is meant to be a virtual thread.
 */
public class RequestPaymentService {

    private static final Logger log = LoggerFactory.getLogger(RequestPaymentService.class);

    private final PaymentStore store;
    private final AuthorizationPublisher publisher;
    private final AuthorizationWaiters waiters;
    private final CardCipher cardCipher;
    private final Clock clock;
    private final Duration authorizationTimeout;

    public RequestPaymentService(PaymentStore store, AuthorizationPublisher publisher, AuthorizationWaiters waiters,
                                 CardCipher cardCipher, Clock clock, Duration authorizationTimeout) {
        this.store = store;
        this.publisher = publisher;
        this.waiters = waiters;
        this.cardCipher = cardCipher;
        this.clock = clock;
        this.authorizationTimeout = authorizationTimeout;
    }

    public Payment request(RequestPaymentCommand command) {
        Instant requestedOn = clock.instant();
        Instant deadline = requestedOn.plus(authorizationTimeout);
        var card = command.card();
        Payment payment = Payment.request(command.merchant().merchantId(), command.amount(),
                CardSummary.of(card.number(), card.expiryMonth(), card.expiryYear()),
                command.reference(), command.description(), command.metadata(), requestedOn);
        store.insert(payment);

        CompletableFuture<Payment> decision = waiters.register(payment.id());
        try {
            CardEnvelope sealed = cardCipher.seal(card, payment.id().value());
            AuthorizationRequest request = new AuthorizationRequest(payment.id(), payment.merchantId(),
                    command.merchant().acquirer(), command.merchant().acquirerMerchantId(), payment.amount(), sealed,
                    payment.requestedOn());
            Publication publication = publisher.publish(request, remaining(deadline));
            if (publication != Publication.CONFIRMED) {
                log.warn("Authorisation request for payment {} to acquirer {} was not confirmed: {}; it stays Pending",
                        payment.id(), command.merchant().acquirer(), publication);
                return payment;
            }
            return decision.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.info("No answer for payment {} within {}; answering Pending", payment.id(), authorizationTimeout);
            return store.findById(payment.id()).orElse(payment);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return payment;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for payment " + payment.id() + " failed", e.getCause());
        } finally {
            waiters.forget(payment.id());
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
