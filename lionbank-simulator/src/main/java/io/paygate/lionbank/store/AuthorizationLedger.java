package io.paygate.lionbank.store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.model.AuthorizationRequest;
import io.paygate.lionbank.model.Decision;
import io.paygate.lionbank.model.InjectedFault;
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
 * <p>One lock guards the memory and the counters, so a transaction gets exactly one decision however many
 * requests race for it, and a stats snapshot is consistent; the critical section is a few map operations.
 *
 * <p>A reversal can overtake its authorisation (the acquirer timed out and reversed while the 0100 still waits
 * somewhere): the host then keeps a tombstone and declines that 0100 if it arrives, where approving would charge a
 * customer with no reversal left to come. Memory is bounded like the Piggy Bank's: the most recent
 * {@code rememberedTransactions} decisions, as many forgotten approvals (keys only) and as many tombstones, the
 * oldest dropped first.
 */
@Component
public class AuthorizationLedger {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationLedger.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final int rememberedTransactions;
    private final SequencedMap<TransactionKey, Remembered> decided = new LinkedHashMap<>();
    private final SequencedSet<TransactionKey> forgottenApprovals = new LinkedHashSet<>();
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
    private long refusedAfterReversal;
    private long neverAnswered;
    private long dropped;
    private long closedConnections;
    private long formatErrors;
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
            Remembered first = decided.get(key);
            if (first != null) {
                if (first.pan().equals(request.pan())) {
                    duplicates++;
                    return first.decision();
                }
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
     * Reverses the transaction a 0400 or 0401 quotes. An approval stops counting as one (once, however often it is
     * reversed); a transaction the host never decided gets a tombstone, so that its 0100 is declined if it comes.
     */
    public void reverse(TransactionKey key, boolean repeat) {
        lock.lock();
        try {
            reversalRequests++;
            if (repeat) {
                reversalRepeats++;
            }
            Remembered remembered = decided.get(key);
            if (remembered != null) {
                if (remembered.decision().approved() && !remembered.reversed()) {
                    decided.put(key, remembered.asReversed());
                    reversed();
                }
            } else if (forgottenApprovals.remove(key)) {
                reversed();
            } else if (reversedBeforeAuthorization.add(key)) {
                reversalsBeforeAuthorization++;
                if (reversedBeforeAuthorization.size() > rememberedTransactions) {
                    reversedBeforeAuthorization.removeFirst();
                }
            }
        } finally {
            lock.unlock();
        }
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
                    reversalsBeforeAuthorization, refusedAfterReversal, neverAnswered, dropped, closedConnections,
                    formatErrors, echoes, forgottenTransactions);
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
            authorizationRequests = approvals = declines = unavailable = duplicates = duplicateTransmissions = 0;
            approvedMoreThanOnce = reversalRequests = reversalRepeats = reversals = reversalsBeforeAuthorization = 0;
            refusedAfterReversal = neverAnswered = dropped = closedConnections = formatErrors = echoes = 0;
            forgottenTransactions = 0;
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
            if (forgottenApprovals.remove(request.key())) {
                approvedMoreThanOnce++;
            }
        } else {
            declines++;
        }
        remember(request, decision);
        return decision;
    }

    private void reversed() {
        reversals++;
        approvals--;
    }

    private void remember(AuthorizationRequest request, Decision decision) {
        decided.put(request.key(), new Remembered(request.pan(), decision, false));
        if (decided.size() > rememberedTransactions) {
            Map.Entry<TransactionKey, Remembered> oldest = decided.pollFirstEntry();
            forgottenTransactions++;
            Remembered forgotten = oldest.getValue();
            if (forgotten.decision().approved() && !forgotten.reversed()) {
                forgottenApprovals.add(oldest.getKey());
                if (forgottenApprovals.size() > rememberedTransactions) {
                    forgottenApprovals.removeFirst();
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

    private record Remembered(String pan, Decision decision, boolean reversed) {
        Remembered asReversed() {
            return new Remembered(pan, decision, true);
        }
    }
}
