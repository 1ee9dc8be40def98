package io.paygate.piggybank.store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.paygate.piggybank.PiggybankProperties;
import io.paygate.piggybank.model.ActionAnswer;
import io.paygate.piggybank.model.ActionOutcome;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.model.InjectedFault;
import io.paygate.piggybank.model.IssuerAnswer;
import io.paygate.piggybank.model.IssuerUnavailable;
import io.paygate.piggybank.model.PaymentAction;
import io.paygate.piggybank.model.PaymentBalance;

/**
 * The bank's memory of its answers per idempotency key, the balances of its approved authorisations, and the
 * counters that prove what it decided.
 *
 * <p>One lock guards the answers, the balances and the counters together, so a key gets exactly one decision however
 * many requests race with it, concurrent captures, voids and refunds of one payment are decided one after the other
 * against the balance the previous one left, and a stats snapshot is consistent. The critical section is a few map operations
 * (the answer itself, with its random code, is made before the lock is taken), far below the cost of the HTTP
 * exchange around it, so the single lock does not limit throughput.
 *
 * <p>A reversal can overtake its authorisation: the gateway sends them on different queues, and gives up on a
 * payment (declines it, asks for the reversal) while its authorisation may still wait in a backlog or hang in a
 * slow call. Like a real issuer, the bank then keeps a tombstone for the key it could not reverse, and refuses the
 * authorisation that arrives after it, where approving would charge a customer whose payment the merchant was told
 * is declined, with no reversal left to come.
 *
 * <p>Memory is bounded: answers are kept for the most recent {@code rememberedKeys} keys in insertion order;
 * the oldest is forgotten first. A forgotten approved key is still listed (without its answer) among as many
 * forgotten approvals, so that approving it again shows up in {@code approved_more_than_once}. Tombstones are
 * bounded the same way, the oldest dropped first. A payment's balance lives with its remembered answer and is
 * forgotten with it; the answers of capture, void and refund keys are kept for as many of the most recent keys.
 */
@Component
public class AuthorizationLedger {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationLedger.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final int rememberedKeys;
    private final SequencedMap<String, Remembered> answers = new LinkedHashMap<>();
    private final SequencedSet<String> forgottenApprovals = new LinkedHashSet<>();
    private final SequencedSet<String> reversedBeforeAuthorization = new LinkedHashSet<>();
    private final SequencedMap<String, RememberedAction> actions = new LinkedHashMap<>();

    private long authorizationRequests;
    private long distinctIdempotencyKeys;
    private long approvals;
    private long declines;
    private long unavailable;
    private long idempotentReplays;
    private long reversals;
    private long approvedMoreThanOnce;
    private long approvalsWithoutIdempotencyKey;
    private long invalidRequests;
    private long forgottenIdempotencyKeys;
    private long injectedUnavailable;
    private long hung;
    private long refusedWhileDown;
    private long authorizationsRefusedAfterReversal;
    private long captures;
    private long capturedTotal;
    private long voided;
    private long refunds;
    private long refundedTotal;
    private long actionsDeclined;
    private long actionsReplayed;
    private long actionKeysReused;
    private long actionsForUnknownPayments;
    private long capturedMoreThanAuthorized;
    private long refundedMoreThanCaptured;

    public AuthorizationLedger(PiggybankProperties properties) {
        this.rememberedKeys = properties.idempotency().rememberedKeys();
        log.info("Remembering the answers of the last {} idempotency keys", rememberedKeys);
    }

    /**
     * Settles one evaluated request: a key seen before gets its first answer back (a replay, {@code fresh} is
     * dropped); a key reversed before any answer is declined instead of {@code fresh}, and that decline remembered;
     * otherwise {@code fresh} is counted, remembered when it is a decision, and returned.
     * Unavailability is never remembered, so a retry is evaluated afresh. An approval opens a balance of
     * {@code amount} for captures, a void and refunds to draw on.
     */
    public IssuerAnswer settle(@Nullable String idempotencyKey, long amount, IssuerAnswer fresh) {
        lock.lock();
        try {
            if (idempotencyKey != null) {
                Remembered first = answers.get(idempotencyKey);
                if (first != null) {
                    idempotentReplays++;
                    return first.authorization();
                }
            }
            authorizationRequests++;
            if (idempotencyKey != null && reversedBeforeAuthorization.remove(idempotencyKey)) {
                Authorization refusal = Authorization.refusedAfterReversal();
                declines++;
                authorizationsRefusedAfterReversal++;
                remember(idempotencyKey, refusal, amount);
                return refusal;
            }
            switch (fresh) {
                case Authorization authorization when authorization.authorized() -> {
                    approvals++;
                    if (idempotencyKey == null) {
                        approvalsWithoutIdempotencyKey++;
                    } else {
                        if (forgottenApprovals.remove(idempotencyKey)) {
                            approvedMoreThanOnce++;
                        }
                        remember(idempotencyKey, authorization, amount);
                    }
                }
                case Authorization authorization -> {
                    declines++;
                    if (idempotencyKey != null) {
                        remember(idempotencyKey, authorization, amount);
                    }
                }
                case IssuerUnavailable ignored -> unavailable++;
            }
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reverses the approved authorisation made with this key. True when one exists (also when it was already
     * reversed: reversing is idempotent and counted once); false when the key is unknown, was declined or
     * has been forgotten. A key without a remembered answer gets a tombstone, so that its authorisation, should it
     * still arrive, is refused. Reversing releases the hold like a void: nothing can be captured after it, what was
     * captured before stays refundable.
     */
    public boolean reverse(String idempotencyKey) {
        lock.lock();
        try {
            Remembered remembered = answers.get(idempotencyKey);
            if (remembered == null) {
                reversedBeforeAuthorization.add(idempotencyKey);
                if (reversedBeforeAuthorization.size() > rememberedKeys) {
                    reversedBeforeAuthorization.removeFirst();
                }
                return false;
            }
            if (!remembered.authorization().authorized()) {
                return false;
            }
            if (!remembered.reversed()) {
                answers.put(idempotencyKey, remembered.asReversed());
                reversals++;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decides a capture, void or refund of the payment authorised with {@code paymentKey}, once per
     * {@code actionKey}: a key seen before gets its first answer back if it asks the same of the same payment
     * ({@code reference} is dropped), and is refused as reused otherwise. An action on a payment without a remembered
     * approval is not remembered, so a retry is evaluated afresh. A decline is an answer like an approval, remembered
     * and replayed; an attempt to capture more than was authorised or refund more than was captured is declined and
     * counted, whatever else the bank holds against it.
     *
     * @param reference the bank's reference for the action should it be approved, made before the lock is taken
     */
    public ActionOutcome act(String paymentKey, String actionKey, PaymentAction action, String reference) {
        lock.lock();
        try {
            RememberedAction first = actions.get(actionKey);
            if (first != null) {
                if (!first.paymentKey().equals(paymentKey) || !first.action().equals(action)) {
                    actionKeysReused++;
                    return new ActionOutcome.KeyReused();
                }
                actionsReplayed++;
                return first.answer();
            }
            Remembered payment = answers.get(paymentKey);
            if (payment == null || !payment.authorization().authorized()) {
                actionsForUnknownPayments++;
                return new ActionOutcome.UnknownPayment();
            }
            PaymentBalance balance = payment.balance();
            if (balance.capturesMoreThanAuthorized(action)) {
                capturedMoreThanAuthorized++;
            }
            if (balance.refundsMoreThanCaptured(action)) {
                refundedMoreThanCaptured++;
            }
            ActionAnswer answer = balance.refusal(action)
                    .map(reason -> ActionAnswer.declined(actionKey, action, reason))
                    .orElseGet(() -> ActionAnswer.approved(actionKey, reference,
                            action.kind() == PaymentAction.Kind.VOID ? balance.authorized() : action.amount()));
            if (answer.approved()) {
                answers.put(paymentKey, payment.with(balance.after(action)));
                switch (action.kind()) {
                    case CAPTURE -> {
                        captures++;
                        capturedTotal += action.amount();
                    }
                    case VOID -> voided++;
                    case REFUND -> {
                        refunds++;
                        refundedTotal += action.amount();
                    }
                }
            } else {
                actionsDeclined++;
            }
            rememberAction(actionKey, new RememberedAction(paymentKey, action, answer));
            return answer;
        } finally {
            lock.unlock();
        }
    }

    public void recordInvalidRequest() {
        lock.lock();
        try {
            invalidRequests++;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a request answered by a simulated fault; nothing is decided or remembered for it. */
    public void recordInjectedFault(InjectedFault fault) {
        lock.lock();
        try {
            switch (fault) {
                case UNAVAILABLE -> injectedUnavailable++;
                case HANG -> hung++;
                case BANK_DOWN -> refusedWhileDown++;
            }
        } finally {
            lock.unlock();
        }
    }

    public LedgerStats stats() {
        lock.lock();
        try {
            return new LedgerStats(authorizationRequests, distinctIdempotencyKeys, approvals, declines, unavailable,
                    idempotentReplays, reversals, approvedMoreThanOnce, approvalsWithoutIdempotencyKey,
                    invalidRequests, forgottenIdempotencyKeys, injectedUnavailable, hung, refusedWhileDown,
                    authorizationsRefusedAfterReversal, captures, capturedTotal, voided, refunds, refundedTotal,
                    actionsDeclined, actionsReplayed, actionKeysReused, actionsForUnknownPayments,
                    capturedMoreThanAuthorized, refundedMoreThanCaptured);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every key and zeroes every counter, so that a test starts from a clean bank. */
    public void reset() {
        lock.lock();
        try {
            answers.clear();
            forgottenApprovals.clear();
            reversedBeforeAuthorization.clear();
            actions.clear();
            authorizationRequests = 0;
            distinctIdempotencyKeys = 0;
            approvals = 0;
            declines = 0;
            unavailable = 0;
            idempotentReplays = 0;
            reversals = 0;
            approvedMoreThanOnce = 0;
            approvalsWithoutIdempotencyKey = 0;
            invalidRequests = 0;
            forgottenIdempotencyKeys = 0;
            injectedUnavailable = 0;
            hung = 0;
            refusedWhileDown = 0;
            authorizationsRefusedAfterReversal = 0;
            captures = 0;
            capturedTotal = 0;
            voided = 0;
            refunds = 0;
            refundedTotal = 0;
            actionsDeclined = 0;
            actionsReplayed = 0;
            actionKeysReused = 0;
            actionsForUnknownPayments = 0;
            capturedMoreThanAuthorized = 0;
            refundedMoreThanCaptured = 0;
        } finally {
            lock.unlock();
        }
    }

    private void remember(String idempotencyKey, Authorization authorization, long amount) {
        answers.put(idempotencyKey, new Remembered(authorization, false, PaymentBalance.of(amount)));
        distinctIdempotencyKeys++;
        if (answers.size() > rememberedKeys) {
            Map.Entry<String, Remembered> oldest = answers.pollFirstEntry();
            forgottenIdempotencyKeys++;
            if (oldest.getValue().authorization().authorized()) {
                forgottenApprovals.add(oldest.getKey());
                if (forgottenApprovals.size() > rememberedKeys) {
                    forgottenApprovals.removeFirst();
                }
            }
        }
    }

    private void rememberAction(String actionKey, RememberedAction action) {
        actions.put(actionKey, action);
        if (actions.size() > rememberedKeys) {
            actions.pollFirstEntry();
            forgottenIdempotencyKeys++;
        }
    }

    private record Remembered(Authorization authorization, boolean reversed, PaymentBalance balance) {
        Remembered asReversed() {
            return new Remembered(authorization, true, balance.reversed());
        }

        Remembered with(PaymentBalance changed) {
            return new Remembered(authorization, reversed, changed);
        }
    }

    private record RememberedAction(String paymentKey, PaymentAction action, ActionAnswer answer) {
    }
}
