package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A card payment and the rules it lives by: it is requested {@code Pending}, then the acquirer's answer (or the
 * gateway giving up at the final deadline) moves it once, to {@code Authorized} or {@code Declined}, and nothing moves
 * it again. While pending it may move along its {@link Route} to the next acquirer, when the one that has it never sent
 * it to its bank ({@link #failOver}); only the acquirer that has it decides it. Every change also says what the payment
 * owes afterwards ({@link #owed()}): while pending, its authorisation command; after a decline that may leave an
 * approval at the bank, a reversal; otherwise nothing.
 * <p>
 * Instants are kept to the millisecond, the precision the store keeps, so a payment reads back as it was written.
 *
 * @param route               the acquirers the payment may go to, and which of them has its command
 * @param metadata            the merchant's own key-value data, returned as given; empty when none was sent
 * @param responseCode        the acquirer's answer; {@code null} while pending
 * @param authCode            the bank's authorisation code; only an authorised payment may have one
 * @param acquirerReference   the bank's reference of the transaction, when its answer gave one
 * @param processedOn         when the acquirer answered, by its clock; {@code null} while pending
 * @param decidedOn           when the gateway recorded that answer, by its own clock; {@code null} while pending. It
 *                            tells whether the request that created the payment was answered with the decision or
 *                            without it
 * @param owed                the work the payment owes; {@code null} when it owes none (or for a pending payment
 *                            shown {@linkplain #asRequested() as it was requested})
 * @param reversalRequestedOn when the acquirer was handed the reversal the payment owed; {@code null} until then
 */
public record Payment(
        PaymentId id,
        ActionId actionId,
        String merchantId,
        Money amount,
        CardSummary card,
        Route route,
        String reference,
        String description,
        Map<String, Object> metadata,
        PaymentStatus status,
        ResponseCode responseCode,
        String authCode,
        String acquirerReference,
        Instant requestedOn,
        Instant processedOn,
        Instant decidedOn,
        Obligation owed,
        Instant reversalRequestedOn) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedOn, "requestedOn");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        requestedOn = requestedOn.truncatedTo(ChronoUnit.MILLIS);
        processedOn = processedOn == null ? null : processedOn.truncatedTo(ChronoUnit.MILLIS);
        decidedOn = decidedOn == null ? null : decidedOn.truncatedTo(ChronoUnit.MILLIS);
        reversalRequestedOn = reversalRequestedOn == null ? null : reversalRequestedOn.truncatedTo(ChronoUnit.MILLIS);
        switch (status) {
            case PENDING -> {
                if (responseCode != null || authCode != null || acquirerReference != null || processedOn != null
                        || decidedOn != null) {
                    throw new IllegalArgumentException("A pending payment has no answer yet");
                }
                if (owed != null && !owed.is(Obligation.Kind.AUTHORIZATION) || reversalRequestedOn != null) {
                    throw new IllegalArgumentException("A pending payment owes nothing but its authorisation");
                }
            }
            case AUTHORIZED -> {
                if (responseCode != ResponseCode.APPROVED || processedOn == null || decidedOn == null) {
                    throw new IllegalArgumentException("An authorised payment was approved at known times");
                }
            }
            case DECLINED -> {
                if (responseCode == null || responseCode.approved() || authCode != null || processedOn == null
                        || decidedOn == null) {
                    throw new IllegalArgumentException("A declined payment has a decline code, times and no auth code");
                }
            }
        }
        if (status != PaymentStatus.PENDING && owed != null && !owed.is(Obligation.Kind.REVERSAL)) {
            throw new IllegalArgumentException("A decided payment owes no authorisation");
        }
    }

    /**
     * A new payment, waiting for its acquirer's answer. The request that makes it sends its command; should no answer
     * come, the command is owed again after {@link RecoveryPolicy#resendAfter()}.
     */
    public static Payment request(String merchantId, Money amount, CardSummary card, Route route, String reference,
                                  String description, Map<String, Object> metadata, Instant requestedOn,
                                  RecoveryPolicy policy) {
        Obligation command = new Obligation(Obligation.Kind.AUTHORIZATION,
                requestedOn.plus(policy.resendWait(1)), 1);
        return new Payment(PaymentId.generate(), ActionId.generate(), merchantId, amount, card, route, reference,
                description, metadata, PaymentStatus.PENDING, null, null, null, requestedOn, null, null, command, null);
    }

    /** The bank approved the payment at {@code processedOn}; the gateway learnt it at {@code decidedOn}. */
    public Payment authorize(String authCode, Instant processedOn, Instant decidedOn) {
        return decide(new Decision(ResponseCode.APPROVED, authCode, processedOn, decidedOn));
    }

    /** The bank, or the acquirer on its behalf, refused the payment. */
    public Payment decline(ResponseCode reason, Instant processedOn, Instant decidedOn) {
        if (reason.approved()) {
            throw new IllegalArgumentException(reason + " is not a decline");
        }
        return decide(new Decision(reason, null, processedOn, decidedOn));
    }

    /** No answer came before the final deadline: the payment is declined as answered too late. */
    public Payment timeOut(Instant now) {
        return decide(Decision.timedOut(now));
    }

    /** Applies a decision, whichever it is; only a pending payment takes one. */
    public Payment decide(Decision decision) {
        return apply(Transition.deciding(decision));
    }

    /**
     * Makes a change decided from this payment's state; refuses one decided from another state, and an acquirer's
     * answer when another acquirer has the payment's command.
     */
    public Payment apply(Transition transition) {
        if (status != transition.from()) {
            throw new PaymentNotPendingException(id, status);
        }
        Decision decision = transition.decision();
        if (decision.acquirer() != null && !decision.acquirer().equals(route.current().acquirer())) {
            throw new IllegalStateException("Payment " + id + " is with acquirer " + route.current().acquirer()
                    + ", not " + decision.acquirer());
        }
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata,
                transition.to(), decision.responseCode(), decision.authCode(), decision.acquirerReference(),
                requestedOn, decision.processedOn(), decision.decidedOn(), transition.owed(), null);
    }

    /**
     * The acquirer {@code from} certainly did not authorise the payment (it never sent the request to its bank): its
     * command goes to the next acquirer of the route, owed anew as a first send. Empty when the payment is no longer
     * pending, is with another acquirer already (this is an old answer), or has no acquirer left: then the answer
     * decides it.
     */
    public Optional<Payment> failOver(String from, Instant now, RecoveryPolicy policy) {
        if (!isPending() || !route.current().acquirer().equals(from)) {
            return Optional.empty();
        }
        return route.next().map(next -> new Payment(id, actionId, merchantId, amount, card, next, reference,
                description, metadata, status, null, null, null, requestedOn, null, null,
                new Obligation(Obligation.Kind.AUTHORIZATION,
                        earliest(now.plus(policy.resendWait(1)), finalDeadline(policy)), 1), null));
    }

    /**
     * The command is sent once more: the next send is owed after twice the previous wait, and never after the final
     * deadline, when the payment is timed out instead.
     */
    public Payment commandResent(Instant now, RecoveryPolicy policy) {
        Obligation command = owedOrFail(Obligation.Kind.AUTHORIZATION);
        Instant next = earliest(now.plus(policy.resendWait(command.attempts() + 1)), finalDeadline(policy));
        return owing(command.attempted(next));
    }

    /**
     * The broker did not confirm that it took the command: it is owed again soon, not after the wait for an answer.
     */
    public Payment commandUnconfirmed(Instant now, RecoveryPolicy policy) {
        Obligation command = owedOrFail(Obligation.Kind.AUTHORIZATION);
        return owing(command.dueAgainAt(earliest(now.plus(policy.republishAfter()), finalDeadline(policy))));
    }

    /** The reversal is handed to the broker once more; should the broker not take it, it is owed again later. */
    public Payment reversalAttempted(Instant now, RecoveryPolicy policy) {
        Obligation reversal = owedOrFail(Obligation.Kind.REVERSAL);
        return owing(reversal.attempted(now.plus(policy.reversalWait(reversal.attempts() + 1))));
    }

    /** The broker took the reversal: the acquirer has it, and the payment owes nothing more. */
    public Payment reversalRequested(Instant now) {
        owedOrFail(Obligation.Kind.REVERSAL);
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, status,
                responseCode, authCode, acquirerReference, requestedOn, processedOn, decidedOn, null, now);
    }

    /** When the gateway stops waiting for an answer and declines the payment, should it still be pending. */
    public Instant finalDeadline(RecoveryPolicy policy) {
        return requestedOn.plus(policy.finalDeadline());
    }

    /** Whether a pending payment has run out of time for an answer. */
    public boolean pastFinalDeadline(Instant now, RecoveryPolicy policy) {
        return !now.isBefore(finalDeadline(policy));
    }

    /** The payment as it stood when it was requested, before any answer: what a {@code 202} showed. */
    public Payment asRequested() {
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata,
                PaymentStatus.PENDING, null, null, null, requestedOn, null, null, isPending() ? owed : null, null);
    }

    /** Whether the gateway had the acquirer's answer before this instant. */
    public boolean decidedBefore(Instant instant) {
        return decidedOn != null && decidedOn.isBefore(instant);
    }

    public boolean isPending() {
        return status == PaymentStatus.PENDING;
    }

    public boolean approved() {
        return status == PaymentStatus.AUTHORIZED;
    }

    private Obligation owedOrFail(Obligation.Kind kind) {
        if (owed == null || !owed.is(kind)) {
            throw new IllegalStateException("Payment " + id + " owes no " + kind.name().toLowerCase());
        }
        return owed;
    }

    private Payment owing(Obligation next) {
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, status,
                responseCode, authCode, acquirerReference, requestedOn, processedOn, decidedOn, next,
                reversalRequestedOn);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
