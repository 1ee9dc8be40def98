package io.paygate.payment.domain;

import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A card payment and the rules it lives by. It is requested {@code Pending}; the acquirer's answer (or the gateway
 * giving up at the final deadline) moves it once, to {@code Declined}, which is final, or to {@code Authorized}. While
 * pending it may move along its {@link Route} to the next acquirer, when the one that has it never sent it to its bank
 * ({@link #failOver}); only the acquirer that has it decides it.
 * <p>
 * An authorised payment then takes {@linkplain PaymentAction actions}: captures, a void, refunds, each checked against
 * the {@link #balances()} when it is asked for, and settled by the bank's answer. The bank gets them one at a time, in
 * the order they were asked: a refund is never sent before the capture it refunds. A payment asking for it
 * ({@link CapturePlan}) is captured in full by the gateway once approved; an authorisation nobody captured within its
 * lifetime is voided, and the payment is {@code Expired}.
 * <p>
 * Every change also says what the payment owes afterwards ({@link #owed()}): while pending, its authorisation command;
 * after a decline that may leave an approval at the bank, a reversal; the oldest pending action's command; the expiry
 * of an authorisation that can still be captured; or nothing. And every change makes the next {@link #version()}: the
 * store writes a change only over the version it was decided from, so of racing changes exactly one applies.
 * <p>
 * Instants are kept to the millisecond, the precision the store keeps, so a payment reads back as it was written.
 *
 * @param route               the acquirers the payment may go to, and which of them has its command
 * @param metadata            the merchant's own key-value data, returned as given; empty when none was sent
 * @param capture             whether, and when, the gateway captures the payment once approved
 * @param responseCode        the acquirer's answer to the authorisation; {@code null} while pending
 * @param authCode            the bank's authorisation code; only an authorised payment may have one
 * @param acquirerReference   the bank's reference of the authorisation, when its answer gave one
 * @param processedOn         when the acquirer answered, by its clock; {@code null} while pending
 * @param decidedOn           when the gateway recorded that answer, by its own clock; {@code null} while pending. It
 *                            tells whether the request that created the payment was answered with the decision or
 *                            without it
 * @param actions             the captures, voids and refunds, oldest first; only an authorised payment has any
 * @param owed                the work the payment owes; {@code null} when it owes none (or for a pending payment
 *                            shown {@linkplain #asRequested() as it was requested})
 * @param reversalRequestedOn when the acquirer was handed the reversal the payment owed; {@code null} until then
 * @param version             how many changes were made to the payment since it was requested
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
        CapturePlan capture,
        PaymentStatus status,
        ResponseCode responseCode,
        String authCode,
        String acquirerReference,
        Instant requestedOn,
        Instant processedOn,
        Instant decidedOn,
        List<PaymentAction> actions,
        Obligation owed,
        Instant reversalRequestedOn,
        long version) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedOn, "requestedOn");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        actions = actions == null ? List.of() : List.copyOf(actions);
        requestedOn = requestedOn.truncatedTo(ChronoUnit.MILLIS);
        processedOn = processedOn == null ? null : processedOn.truncatedTo(ChronoUnit.MILLIS);
        decidedOn = decidedOn == null ? null : decidedOn.truncatedTo(ChronoUnit.MILLIS);
        reversalRequestedOn = reversalRequestedOn == null ? null : reversalRequestedOn.truncatedTo(ChronoUnit.MILLIS);
        switch (status) {
            case PENDING -> {
                if (responseCode != null || authCode != null || acquirerReference != null || processedOn != null
                        || decidedOn != null || !actions.isEmpty()) {
                    throw new IllegalArgumentException("A pending payment has no answer yet");
                }
                if (owed != null && !owed.is(Obligation.Kind.AUTHORIZATION) || reversalRequestedOn != null) {
                    throw new IllegalArgumentException("A pending payment owes nothing but its authorisation");
                }
            }
            case DECLINED -> {
                if (responseCode == null || responseCode.approved() || authCode != null || processedOn == null
                        || decidedOn == null || !actions.isEmpty()) {
                    throw new IllegalArgumentException("A declined payment has a decline code, times and no auth code");
                }
                if (owed != null && !owed.is(Obligation.Kind.REVERSAL)) {
                    throw new IllegalArgumentException("A declined payment owes nothing but a reversal");
                }
            }
            default -> {
                if (responseCode != ResponseCode.APPROVED || processedOn == null || decidedOn == null) {
                    throw new IllegalArgumentException("An authorised payment was approved at known times");
                }
                if (owed != null && (owed.is(Obligation.Kind.AUTHORIZATION) || owed.is(Obligation.Kind.REVERSAL))) {
                    throw new IllegalArgumentException("An authorised payment owes no authorisation nor reversal");
                }
                if (status != settledStatus(amount, actions)) {
                    throw new IllegalArgumentException("Payment " + id + " is " + settledStatus(amount, actions).label()
                            + " by its actions, not " + status.label());
                }
            }
        }
    }

    /**
     * A new payment, waiting for its acquirer's answer. The request that makes it sends its command; should no answer
     * come, the command is owed again after {@link RecoveryPolicy#resendAfter()}.
     */
    public static Payment request(String merchantId, Money amount, CardSummary card, Route route, String reference,
                                  String description, Map<String, Object> metadata, CapturePlan capture,
                                  Instant requestedOn, RecoveryPolicy policy) {
        Obligation command = new Obligation(Obligation.Kind.AUTHORIZATION,
                requestedOn.plus(policy.resendWait(1)), 1);
        return new Payment(PaymentId.generate(), ActionId.generate(), merchantId, amount, card, route, reference,
                description, metadata, capture, PaymentStatus.PENDING, null, null, null, requestedOn, null, null,
                List.of(), command, null, 0);
    }

    /** The bank approved the payment at {@code processedOn}; the gateway learnt it at {@code decidedOn}. */
    public Payment authorize(String authCode, Instant processedOn, Instant decidedOn, RecoveryPolicy policy) {
        return decide(new Decision(ResponseCode.APPROVED, authCode, processedOn, decidedOn), policy);
    }

    /** The bank, or the acquirer on its behalf, refused the payment. */
    public Payment decline(ResponseCode reason, Instant processedOn, Instant decidedOn, RecoveryPolicy policy) {
        if (reason.approved()) {
            throw new IllegalArgumentException(reason + " is not a decline");
        }
        return decide(new Decision(reason, null, processedOn, decidedOn), policy);
    }

    /** No answer came before the final deadline: the payment is declined as answered too late. */
    public Payment timeOut(Instant now, RecoveryPolicy policy) {
        return decide(Decision.timedOut(now), policy);
    }

    /**
     * Ends a pending payment with an acquirer's answer or the gateway's own. An approval of a payment to be captured
     * asks for its capture at once (or when it was scheduled); one that waits for the merchant owes its expiry. A
     * decline that may leave an approval at the bank owes a reversal. Refuses a payment that is not pending, and an
     * acquirer's answer when another acquirer has the payment's command.
     */
    public Payment decide(Decision decision, RecoveryPolicy policy) {
        if (!isPending()) {
            throw new PaymentNotPendingException(id, status);
        }
        if (decision.acquirer() != null && !decision.acquirer().equals(route.current().acquirer())) {
            throw new IllegalStateException("Payment " + id + " is with acquirer " + route.current().acquirer()
                    + ", not " + decision.acquirer());
        }
        Instant decidedOn = decision.decidedOn();
        if (!decision.responseCode().approved()) {
            Obligation reversal = decision.owesReversal()
                    ? new Obligation(Obligation.Kind.REVERSAL, decidedOn, 0)
                    : null;
            return next(route, PaymentStatus.DECLINED, decision, List.of(), reversal, null);
        }
        List<PaymentAction> actions = capture.automatic()
                ? List.of(PaymentAction.request(PaymentAction.Type.CAPTURE, amount.amount(), true,
                        PaymentAction.Origin.AUTO_CAPTURE, null, Map.of(), decidedOn, capture.on(), null, null))
                : List.of();
        return next(route, PaymentStatus.AUTHORIZED, decision, actions, owedNext(actions, decidedOn, decidedOn, policy),
                null);
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
                description, metadata, capture, status, null, null, null, requestedOn, null, null, List.of(),
                new Obligation(Obligation.Kind.AUTHORIZATION,
                        earliest(now.plus(policy.resendWait(1)), finalDeadline(policy)), 1), null, version + 1));
    }

    /**
     * Asks the bank to capture {@code amount} (all that can still be captured when {@code null}); a final capture
     * releases the rest of the authorisation.
     *
     * @throws ActionNotAllowedException     when nothing can be captured: the payment is not authorised, was voided,
     *                                       captured finally or expired
     * @throws AmountExceedsBalanceException when the amount is more than can still be captured
     */
    public Payment capture(Long amount, boolean finalCapture, ActionRequest request, Instant now,
                           RecoveryPolicy policy) {
        long available = status.authorized() && !pastLifetime(now, policy) ? balances().availableToCapture() : 0;
        return enqueue(PaymentAction.Type.CAPTURE, amount, available, finalCapture, request, now, policy);
    }

    /**
     * Asks the bank to release the authorisation, while nothing was captured from it.
     *
     * @throws ActionNotAllowedException when it cannot be voided: it is not authorised, something was (or is being)
     *                                   captured, or it was voided or expired
     */
    public Payment voidAuthorization(ActionRequest request, Instant now, RecoveryPolicy policy) {
        long available = balances().availableToVoid();
        return enqueue(PaymentAction.Type.VOID, null, available, false, request, now, policy);
    }

    /**
     * Asks the bank to give back {@code amount} of what was captured (all that is not refunded yet when
     * {@code null}).
     *
     * @throws ActionNotAllowedException     when nothing captured is left to refund
     * @throws AmountExceedsBalanceException when the amount is more than that
     */
    public Payment refund(Long amount, ActionRequest request, Instant now, RecoveryPolicy policy) {
        long available = balances().availableToRefund();
        return enqueue(PaymentAction.Type.REFUND, amount, available, false, request, now, policy);
    }

    /**
     * Settles a pending action with the bank's answer. An approval moves the money; a refusal leaves the payment as
     * it was, with the declined action on record. The next action in line, if any, is owed at once.
     *
     * @return empty when the payment has no such action, or it is settled already: a repeated answer changes nothing
     */
    public Optional<Payment> settleAction(ActionId action, ResponseCode code, String bankReference,
                                          Instant processedOn, Instant now, RecoveryPolicy policy) {
        Optional<PaymentAction> pending = actions.stream()
                .filter(candidate -> candidate.id().equals(action) && candidate.isPending()).findFirst();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        boolean wasNext = nextAction().map(PaymentAction::id).filter(action::equals).isPresent();
        List<PaymentAction> settled = actions.stream()
                .map(candidate -> candidate.id().equals(action)
                        ? candidate.answered(code, bankReference, processedOn)
                        : candidate)
                .toList();
        return Optional.of(withActions(settled, wasNext ? owedNext(settled, decidedOn, now, policy) : owed));
    }

    /** No answer to the next action before its deadline: it is recorded declined as answered too late. */
    public Payment timeOutAction(Instant now, RecoveryPolicy policy) {
        PaymentAction next = owedAction();
        return settleAction(next.id(), ResponseCode.RESPONSE_TOO_LATE, null, now, now, policy).orElseThrow();
    }

    /** The authorisation's lifetime is over: what nobody captured is voided at the bank. */
    public Payment expire(Instant now, RecoveryPolicy policy) {
        owedOrFail(Obligation.Kind.EXPIRY);
        Balances balances = balances();
        long rest = balances.totalAuthorized() - balances.totalCaptured();
        List<PaymentAction> next = new ArrayList<>(actions);
        next.add(PaymentAction.request(PaymentAction.Type.VOID, rest, false, PaymentAction.Origin.EXPIRY, null,
                Map.of(), now, null, null, null));
        return withActions(next, owedNext(next, decidedOn, now, policy));
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

    /** The next action's command is sent (once more): owed again after a doubled wait, never past its deadline. */
    public Payment actionSent(Instant now, RecoveryPolicy policy) {
        Obligation command = owedOrFail(Obligation.Kind.ACTION);
        Instant next = earliest(now.plus(policy.actionWait(command.attempts() + 1)), owedAction().deadline(policy));
        return owing(command.attempted(next));
    }

    /** The broker did not take the next action's command: it is owed again soon. */
    public Payment actionUnconfirmed(Instant now, RecoveryPolicy policy) {
        Obligation command = owedOrFail(Obligation.Kind.ACTION);
        return owing(command.dueAgainAt(earliest(now.plus(policy.republishAfter()), owedAction().deadline(policy))));
    }

    /** The reversal is handed to the broker once more; should the broker not take it, it is owed again later. */
    public Payment reversalAttempted(Instant now, RecoveryPolicy policy) {
        Obligation reversal = owedOrFail(Obligation.Kind.REVERSAL);
        return owing(reversal.attempted(now.plus(policy.reversalWait(reversal.attempts() + 1))));
    }

    /** The broker took the reversal: the acquirer has it, and the payment owes nothing more. */
    public Payment reversalRequested(Instant now) {
        owedOrFail(Obligation.Kind.REVERSAL);
        return next(route, status, decision(), actions, null, now);
    }

    /** The action whose command the payment owes: the oldest pending one. */
    public PaymentAction owedAction() {
        owedOrFail(Obligation.Kind.ACTION);
        return nextAction().orElseThrow();
    }

    /**
     * The action to send to the bank now that this payment was written over {@code before}: one that just became
     * the next in line and is due. Empty when none is, or when the one in line was already sent.
     */
    public Optional<PaymentAction> actionToSend(Payment before) {
        if (owed == null || !owed.is(Obligation.Kind.ACTION) || owed.attempts() == 0) {
            return Optional.empty();
        }
        Optional<PaymentAction> next = nextAction();
        return next.equals(before.nextAction()) && before.owed != null && before.owed.is(Obligation.Kind.ACTION)
                ? Optional.empty()
                : next;
    }

    /**
     * What this payment's merchant is told of its change from {@code before}: the decision of the authorisation
     * (approved or declined); a payment still pending when its command is first sent again; and each action the bank
     * answered (or that was timed out), the expiry's void reported as the payment's expiry. Nothing for a change that
     * only claims or schedules work.
     */
    public List<PaymentEvent> eventsSince(Payment before, Instant now) {
        List<PaymentEvent> events = new ArrayList<>();
        Balances balances = balances();
        if (before.isPending() && !isPending()) {
            events.add(PaymentEvent.of(id, approved() ? PaymentEventType.PAYMENT_APPROVED
                            : PaymentEventType.PAYMENT_DECLINED, now, actionId, amount.amount(), responseCode,
                    processedOn, balances));
        } else if (isPending() && firstResend(before)) {
            events.add(PaymentEvent.of(id, PaymentEventType.PAYMENT_PENDING, now, actionId, amount.amount(), null,
                    null, balances));
        }
        for (PaymentAction action : actions) {
            boolean answeredNow = !action.isPending()
                    && before.action(action.id()).filter(PaymentAction::isPending).isPresent();
            if (answeredNow) {
                events.add(PaymentEvent.of(id, eventType(action), now, action.id(), action.amount(),
                        action.responseCode(), action.processedOn(), balances));
            }
        }
        return events;
    }

    /** The action with this id, if the payment has one. */
    public Optional<PaymentAction> action(ActionId id) {
        return actions.stream().filter(action -> action.id().equals(id)).findFirst();
    }

    /** The merchant's action made with this idempotency key, if any. */
    public Optional<PaymentAction> actionByKey(String idempotencyKey) {
        return actions.stream().filter(action -> idempotencyKey.equals(action.idempotencyKey())).findFirst();
    }

    /**
     * What the payment's money stands at. Nothing for a payment that is not authorised; a pending capture or refund
     * already takes its amount from what is available, a pending void all of it.
     */
    public Balances balances() {
        if (!status.authorized()) {
            return new Balances(0, 0, 0, 0, 0, 0, 0);
        }
        long authorized = amount.amount();
        long captured = sum(PaymentAction.Type.CAPTURE, PaymentAction::approved);
        long capturing = sum(PaymentAction.Type.CAPTURE, PaymentAction::isPending);
        long refunded = sum(PaymentAction.Type.REFUND, PaymentAction::approved);
        long refunding = sum(PaymentAction.Type.REFUND, PaymentAction::isPending);
        long voided = sum(PaymentAction.Type.VOID, PaymentAction::approved);
        boolean open = holdOpen(amount, actions);
        return new Balances(authorized, voided,
                open && captured == 0 && capturing == 0 ? authorized : 0,
                captured,
                open ? authorized - captured - capturing : 0,
                refunded,
                captured - refunded - refunding);
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
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, capture,
                PaymentStatus.PENDING, null, null, null, requestedOn, null, null, List.of(),
                isPending() ? owed : null, null, 0);
    }

    /**
     * The payment as its decision left it, before the bank answered any action: what the request that created it was
     * answered with, when the decision came in time. An automatic capture shows pending, as it was then.
     */
    public Payment asDecided() {
        if (!approved()) {
            return this;
        }
        List<PaymentAction> atDecision = actions.stream()
                .filter(action -> !action.requestedOn().isAfter(decidedOn))
                .map(PaymentAction::unanswered)
                .toList();
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, capture,
                settledStatus(amount, atDecision), responseCode, authCode, acquirerReference, requestedOn,
                processedOn, decidedOn, atDecision, owed, reversalRequestedOn, version);
    }

    /** Whether the gateway had the acquirer's answer before this instant. */
    public boolean decidedBefore(Instant instant) {
        return decidedOn != null && decidedOn.isBefore(instant);
    }

    public boolean isPending() {
        return status == PaymentStatus.PENDING;
    }

    /** Whether the bank approved the authorisation, whatever the actions did since. */
    public boolean approved() {
        return status.authorized();
    }

    private Payment enqueue(PaymentAction.Type type, Long amount, long available, boolean finalCapture,
                            ActionRequest request, Instant now, RecoveryPolicy policy) {
        if (available == 0) {
            throw new ActionNotAllowedException(id, type, status);
        }
        long moved = amount == null ? available : amount;
        if (moved > available) {
            throw new AmountExceedsBalanceException(id, type, moved, available);
        }
        List<PaymentAction> next = new ArrayList<>(actions);
        next.add(PaymentAction.request(type, moved, finalCapture, PaymentAction.Origin.MERCHANT, request.reference(),
                request.metadata(), now, null, request.idempotencyKey(), request.fingerprint()));
        // Behind an action still in flight, it waits its turn: that one's command is what the payment owes.
        return withActions(next, nextAction().isPresent() ? owed : owedNext(next, decidedOn, now, policy));
    }

    /**
     * What an authorised payment with these actions owes: the next action's command, sent at once unless it is
     * scheduled later; else the expiry of an authorisation that can still be captured; else nothing.
     */
    private Obligation owedNext(List<PaymentAction> actions, Instant authorizedOn, Instant now,
                                RecoveryPolicy policy) {
        Optional<PaymentAction> next = actions.stream().filter(PaymentAction::isPending).findFirst();
        if (next.isPresent()) {
            PaymentAction action = next.get();
            if (action.sendFrom().isAfter(now)) {
                return new Obligation(Obligation.Kind.ACTION, action.sendFrom(), 0);
            }
            return new Obligation(Obligation.Kind.ACTION,
                    earliest(now.plus(policy.actionWait(1)), action.deadline(policy)), 1);
        }
        return holdOpen(amount, actions)
                ? new Obligation(Obligation.Kind.EXPIRY, authorizedOn.plus(policy.authorizationLifetime()), 0)
                : null;
    }

    /** Whether this change is the first that sends the authorisation's command again, to this acquirer. */
    private boolean firstResend(Payment before) {
        return before.owed != null && before.owed.is(Obligation.Kind.AUTHORIZATION) && before.owed.attempts() == 1
                && owed != null && owed.is(Obligation.Kind.AUTHORIZATION) && owed.attempts() == 2;
    }

    private static PaymentEventType eventType(PaymentAction action) {
        boolean approved = action.approved();
        return switch (action.type()) {
            case CAPTURE -> approved ? PaymentEventType.PAYMENT_CAPTURED : PaymentEventType.PAYMENT_CAPTURE_DECLINED;
            case REFUND -> approved ? PaymentEventType.PAYMENT_REFUNDED : PaymentEventType.PAYMENT_REFUND_DECLINED;
            case VOID -> action.origin() == PaymentAction.Origin.EXPIRY ? PaymentEventType.PAYMENT_EXPIRED
                    : approved ? PaymentEventType.PAYMENT_VOIDED : PaymentEventType.PAYMENT_VOID_DECLINED;
        };
    }

    private boolean pastLifetime(Instant now, RecoveryPolicy policy) {
        return !now.isBefore(decidedOn.plus(policy.authorizationLifetime()));
    }

    private Optional<PaymentAction> nextAction() {
        return actions.stream().filter(PaymentAction::isPending).findFirst();
    }

    private long sum(PaymentAction.Type type, Predicate<PaymentAction> which) {
        return sum(actions, type, which);
    }

    private static long sum(List<PaymentAction> actions, PaymentAction.Type type, Predicate<PaymentAction> which) {
        return actions.stream().filter(action -> action.is(type)).filter(which).mapToLong(PaymentAction::amount).sum();
    }

    /**
     * Whether more can be captured: no final capture and no void is pending or approved, no expiry has voided it,
     * and captures pending or approved leave something.
     */
    private static boolean holdOpen(Money amount, List<PaymentAction> actions) {
        boolean closed = actions.stream().anyMatch(action -> action.counts()
                && (action.finalCapture() || action.is(PaymentAction.Type.VOID))
                || action.origin() == PaymentAction.Origin.EXPIRY);
        return !closed && sum(actions, PaymentAction.Type.CAPTURE, PaymentAction::counts) < amount.amount();
    }

    /** The status of an authorised payment, from what the bank approved of its actions. */
    private static PaymentStatus settledStatus(Money amount, List<PaymentAction> actions) {
        long captured = sum(actions, PaymentAction.Type.CAPTURE, PaymentAction::approved);
        long refunded = sum(actions, PaymentAction.Type.REFUND, PaymentAction::approved);
        boolean voided = actions.stream().anyMatch(action -> action.is(PaymentAction.Type.VOID) && action.approved()
                && action.origin() == PaymentAction.Origin.MERCHANT);
        boolean expired = actions.stream().anyMatch(action -> action.origin() == PaymentAction.Origin.EXPIRY
                && !action.isPending());
        if (voided) {
            return PaymentStatus.VOIDED;
        }
        if (refunded > 0) {
            return refunded < captured ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.REFUNDED;
        }
        if (captured > 0) {
            return captured < amount.amount() ? PaymentStatus.PARTIALLY_CAPTURED : PaymentStatus.CAPTURED;
        }
        return expired ? PaymentStatus.EXPIRED : PaymentStatus.AUTHORIZED;
    }

    private Decision decision() {
        return responseCode == null ? null
                : new Decision(responseCode, authCode, processedOn, decidedOn, null, acquirerReference);
    }

    private Obligation owedOrFail(Obligation.Kind kind) {
        if (owed == null || !owed.is(kind)) {
            throw new IllegalStateException("Payment " + id + " owes no " + kind.name().toLowerCase());
        }
        return owed;
    }

    private Payment withActions(List<PaymentAction> next, Obligation owing) {
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, capture,
                settledStatus(amount, next), responseCode, authCode, acquirerReference, requestedOn, processedOn,
                decidedOn, next, owing, reversalRequestedOn, version + 1);
    }

    private Payment owing(Obligation next) {
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, capture,
                status, responseCode, authCode, acquirerReference, requestedOn, processedOn, decidedOn, actions, next,
                reversalRequestedOn, version + 1);
    }

    private Payment next(Route route, PaymentStatus status, Decision decision, List<PaymentAction> actions,
                         Obligation owed, Instant reversalRequestedOn) {
        return new Payment(id, actionId, merchantId, amount, card, route, reference, description, metadata, capture,
                status, decision == null ? null : decision.responseCode(), decision == null ? null : decision.authCode(),
                decision == null ? null : decision.acquirerReference(), requestedOn,
                decision == null ? null : decision.processedOn(), decision == null ? null : decision.decidedOn(),
                actions, owed, reversalRequestedOn, version + 1);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
