package io.paygate.lionbank.store;

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

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.model.AuthorizationRequest;
import io.paygate.lionbank.model.Decision;
import io.paygate.lionbank.model.InjectedFault;
import io.paygate.lionbank.model.LifecycleRequest;
import io.paygate.lionbank.model.ResponseCode;
import io.paygate.lionbank.model.TransactionKey;

/**
 * The issuer's memory of its decisions per transaction ({@link TransactionKey} and PAN), and the counters that
 * prove what it decided.
 *
 * <p>Duplicates are detected as an issuer does: a 0100 repeating a decided transaction (same fields 41, 42, 11, 7
 * and 2) gets the first answer again, same RRN and auth code, and is never a second approval. The same key with
 * another PAN is no duplicate but a clash of trace numbers, answered {@code 94} and not decided.
 *
 * <p>An approval then carries its balances: completions (0220) capture at most what remains authorised, a final one
 * releases the rest; refunds (0200, {@code 20xxxx}) give back at most what was captured and not yet refunded; a
 * reversal releases what is not captured and leaves captures alone. Completions and refunds are remembered by their
 * own key like authorisations, so a repeat gets the first answer and never moves a balance twice; one of them, or an
 * authorisation, reusing another's key with other data is answered {@code 94}.
 *
 * <p>One lock guards the memory, the balances and the counters, so a transaction gets exactly one decision however
 * many requests race for it, an authorisation's balances move atomically, and a stats snapshot is consistent; the
 * critical section is a few map operations.
 *
 * <p>A reversal can overtake its authorisation (the acquirer timed out and reversed while the 0100 still waits
 * somewhere): the host then keeps a tombstone and declines that 0100 if it arrives, where approving would charge a
 * customer with no reversal left to come. Memory is bounded like the Piggy Bank's: the most recent
 * {@code rememberedTransactions} decisions, as many forgotten approvals (keys only), as many tombstones and as many
 * completions and refunds, the oldest dropped first; a completion or refund of a forgotten authorisation is answered
 * {@code 25}, as it would be by an issuer past its retention period.
 */
@Component
public class AuthorizationLedger {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationLedger.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final int rememberedTransactions;
    private final SequencedMap<TransactionKey, Authorization> decided = new LinkedHashMap<>();
    /** Forgotten approvals still standing, with whether anything of them was captured. */
    private final SequencedMap<TransactionKey, Boolean> forgottenApprovals = new LinkedHashMap<>();
    private final SequencedMap<TransactionKey, RememberedLifecycle> lifecycle = new LinkedHashMap<>();
    private final SequencedSet<TransactionKey> reversedBeforeAuthorization = new LinkedHashSet<>();

    private long authorizationRequests;
    private long approvals;
    private long declines;
    private long unavailable;
    private long duplicates;
    private long duplicateTransmissions;
    private long approvedMoreThanOnce;
    private long reversalRequests;
    private long reversalRepeats;
    private long reversals;
    private long reversalsBeforeAuthorization;
    private long voided;
    private long reversalsRefused;
    private long completionRequests;
    private long completions;
    private long capturedTotal;
    private long refundRequests;
    private long refunds;
    private long refundedTotal;
    private long capturedMoreThanAuthorized;
    private long refundedMoreThanCaptured;
    private long refusedAfterReversal;
    private long neverAnswered;
    private long dropped;
    private long closedConnections;
    private long formatErrors;
    private long unsupported;
    private long echoes;
    private long forgottenTransactions;

    public AuthorizationLedger(LionbankProperties properties) {
        this.rememberedTransactions = properties.rememberedTransactions();
        log.info("Remembering the last {} decided transactions", rememberedTransactions);
    }

    /**
     * Answers one evaluated 0100 whose rules gave {@code ruled}: the first answer again for a duplicate, a decline
     * for a transaction reversed before it came, otherwise a fresh answer, remembered when it is a decision.
     */
    public Decision settle(AuthorizationRequest request, ResponseCode ruled) {
        TransactionKey key = request.key();
        lock.lock();
        try {
            Authorization first = decided.get(key);
            if (first != null) {
                if (first.pan.equals(request.pan())) {
                    duplicates++;
                    return first.decision;
                }
                duplicateTransmissions++;
                return Decision.of(ResponseCode.DUPLICATE_TRANSMISSION);
            }
            if (lifecycle.containsKey(key)) {
                duplicateTransmissions++;
                return Decision.of(ResponseCode.DUPLICATE_TRANSMISSION);
            }
            authorizationRequests++;
            if (reversedBeforeAuthorization.remove(key)) {
                refusedAfterReversal++;
                return decide(request, ResponseCode.DO_NOT_HONOUR);
            }
            return decide(request, ruled);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reverses the authorisation a 0400 or 0401 quotes (by its own fields 41, 42, 11 and 7), answering {@code 00}.
     * An approval is reversed once, however often it is reversed: with nothing captured it is voided and stops
     * counting as an approval; after a partial completion only what is not captured is released, the captures stand
     * (a refund gives them back). A transaction the host never decided gets a tombstone, so that its 0100 is declined
     * if it comes. A completion or refund is not reversed but repeated for its answer: {@code 12}, nothing changes.
     */
    public ResponseCode reverse(TransactionKey key, boolean repeat) {
        lock.lock();
        try {
            reversalRequests++;
            if (repeat) {
                reversalRepeats++;
            }
            Authorization authorization = decided.get(key);
            if (authorization != null) {
                if (authorization.decision.approved() && !authorization.reversed) {
                    authorization.reversed = true;
                    reversed(authorization.captured > 0);
                }
            } else if (forgottenApprovals.containsKey(key)) {
                reversed(forgottenApprovals.remove(key));
            } else if (lifecycle.containsKey(key)) {
                reversalsRefused++;
                return ResponseCode.INVALID_TRANSACTION;
            } else if (reversedBeforeAuthorization.add(key)) {
                reversalsBeforeAuthorization++;
                if (reversedBeforeAuthorization.size() > rememberedTransactions) {
                    reversedBeforeAuthorization.removeFirst();
                }
            }
            return ResponseCode.APPROVED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers one well-formed completion or refund: the first answer again for a repeat of the same request,
     * {@code 94} for its key with other data, otherwise a fresh answer, remembered, that moves the original's
     * balances only when it is {@code 00}. In this order:
     * <ol>
     *   <li>no remembered authorisation under {@code original}, or field 2 sent and not its card: {@code 25};</li>
     *   <li>another currency than the authorisation's, or an amount of 0: {@code 13};</li>
     *   <li>a completion of a declined, reversed or finally completed authorisation: {@code 12}; a refund of a
     *       declined one: {@code 12};</li>
     *   <li>a completion above what remains authorised, a refund above what was captured and not yet refunded:
     *       {@code 13};</li>
     *   <li>anything else: {@code 00}.</li>
     * </ol>
     * The refusals of the last two steps are what a well-behaved acquirer never asks for; each is counted in
     * {@code captured_more_than_authorized} or {@code refunded_more_than_captured}.
     */
    public Decision settle(LifecycleRequest request) {
        lock.lock();
        try {
            Decision first = repeated(request);
            if (first != null) {
                return first;
            }
            Decision decision = Decision.of(switch (request.action()) {
                case COMPLETION -> complete(request);
                case REFUND -> refund(request);
            });
            lifecycle.put(request.key(), new RememberedLifecycle(request, decision));
            if (lifecycle.size() > rememberedTransactions) {
                lifecycle.pollFirstEntry();
                forgottenTransactions++;
            }
            return decision;
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Decision repeated(LifecycleRequest request) {
        RememberedLifecycle first = lifecycle.get(request.key());
        if (first != null && first.request().equals(request)) {
            duplicates++;
            return first.decision();
        }
        if (first != null || decided.containsKey(request.key())) {
            duplicateTransmissions++;
            return Decision.of(ResponseCode.DUPLICATE_TRANSMISSION);
        }
        return null;
    }

    private ResponseCode complete(LifecycleRequest request) {
        completionRequests++;
        Authorization original = decided.get(request.original());
        ResponseCode refused = refusedReference(request, original);
        if (refused != null) {
            return refused;
        }
        if (!original.decision.approved() || original.reversed || original.finallyCompleted) {
            capturedMoreThanAuthorized++;
            return ResponseCode.INVALID_TRANSACTION;
        }
        if (request.amount() > original.authorizedLeft()) {
            capturedMoreThanAuthorized++;
            return ResponseCode.INVALID_AMOUNT;
        }
        original.captured += request.amount();
        original.finallyCompleted = request.finalCompletion();
        completions++;
        capturedTotal += request.amount();
        return ResponseCode.APPROVED;
    }

    private ResponseCode refund(LifecycleRequest request) {
        refundRequests++;
        Authorization original = decided.get(request.original());
        ResponseCode refused = refusedReference(request, original);
        if (refused != null) {
            return refused;
        }
        if (!original.decision.approved()) {
            refundedMoreThanCaptured++;
            return ResponseCode.INVALID_TRANSACTION;
        }
        if (request.amount() > original.captured - original.refunded) {
            refundedMoreThanCaptured++;
            return ResponseCode.INVALID_AMOUNT;
        }
        original.refunded += request.amount();
        refunds++;
        refundedTotal += request.amount();
        return ResponseCode.APPROVED;
    }

    /** What is wrong with a request's reference to its original or its amount, before any balance is looked at. */
    private static @Nullable ResponseCode refusedReference(LifecycleRequest request, @Nullable Authorization original) {
        if (original == null || request.pan() != null && !request.pan().equals(original.pan)) {
            return ResponseCode.ORIGINAL_NOT_FOUND;
        }
        if (!request.currency().equals(original.currency) || request.amount() < 1) {
            return ResponseCode.INVALID_AMOUNT;
        }
        return null;
    }

    public void recordInjectedFault(InjectedFault fault) {
        count(() -> {
            switch (fault) {
                case DROPPED -> dropped++;
                case CONNECTION_CLOSED -> closedConnections++;
            }
        });
    }

    public void recordNeverAnswered() {
        count(() -> neverAnswered++);
    }

    public void recordUnsupported() {
        count(() -> unsupported++);
    }

    public void recordFormatError() {
        count(() -> formatErrors++);
    }

    public void recordEcho() {
        count(() -> echoes++);
    }

    public LedgerStats stats() {
        lock.lock();
        try {
            return new LedgerStats(authorizationRequests, approvals, declines, unavailable, duplicates,
                    duplicateTransmissions, approvedMoreThanOnce, reversalRequests, reversalRepeats, reversals,
                    reversalsBeforeAuthorization, refusedAfterReversal, voided, reversalsRefused, completionRequests,
                    completions, capturedTotal, refundRequests, refunds, refundedTotal, capturedMoreThanAuthorized,
                    refundedMoreThanCaptured, neverAnswered, dropped, closedConnections, formatErrors, unsupported,
                    echoes, forgottenTransactions);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every transaction and zeroes every counter, so that a test starts from a clean bank. */
    public void reset() {
        lock.lock();
        try {
            decided.clear();
            forgottenApprovals.clear();
            reversedBeforeAuthorization.clear();
            lifecycle.clear();
            authorizationRequests = approvals = declines = unavailable = duplicates = duplicateTransmissions = 0;
            approvedMoreThanOnce = reversalRequests = reversalRepeats = reversals = reversalsBeforeAuthorization = 0;
            refusedAfterReversal = neverAnswered = dropped = closedConnections = formatErrors = echoes = 0;
            unsupported = 0;
            forgottenTransactions = voided = reversalsRefused = completionRequests = completions = capturedTotal = 0;
            refundRequests = refunds = refundedTotal = capturedMoreThanAuthorized = refundedMoreThanCaptured = 0;
        } finally {
            lock.unlock();
        }
    }

    private Decision decide(AuthorizationRequest request, ResponseCode code) {
        Decision decision = Decision.of(code);
        if (!code.isDecision()) {
            unavailable++;
            return decision;
        }
        if (decision.approved()) {
            approvals++;
            if (forgottenApprovals.remove(request.key()) != null) {
                approvedMoreThanOnce++;
            }
        } else {
            declines++;
        }
        remember(request, decision);
        return decision;
    }

    private void reversed(boolean anythingCaptured) {
        reversals++;
        if (!anythingCaptured) {
            voided++;
            approvals--;
        }
    }

    private void remember(AuthorizationRequest request, Decision decision) {
        decided.put(request.key(), new Authorization(request, decision));
        if (decided.size() > rememberedTransactions) {
            Map.Entry<TransactionKey, Authorization> oldest = decided.pollFirstEntry();
            forgottenTransactions++;
            Authorization forgotten = oldest.getValue();
            if (forgotten.decision.approved() && !forgotten.reversed) {
                forgottenApprovals.put(oldest.getKey(), forgotten.captured > 0);
                if (forgottenApprovals.size() > rememberedTransactions) {
                    forgottenApprovals.pollFirstEntry();
                }
            }
        }
    }

    private void count(Runnable increment) {
        lock.lock();
        try {
            increment.run();
        } finally {
            lock.unlock();
        }
    }

    /** A decided authorisation and its balances, changed only under the lock. */
    private static final class Authorization {
        final String pan;
        final long amount;
        final String currency;
        final Decision decision;
        boolean reversed;
        boolean finallyCompleted;
        long captured;
        long refunded;

        Authorization(AuthorizationRequest request, Decision decision) {
            this.pan = request.pan();
            this.amount = request.amount();
            this.currency = request.currency();
            this.decision = decision;
        }

        /** What a completion may still capture; nothing once reversed or finally completed. */
        long authorizedLeft() {
            return reversed || finallyCompleted ? 0 : amount - captured;
        }
    }

    private record RememberedLifecycle(LifecycleRequest request, Decision decision) {
    }
}
