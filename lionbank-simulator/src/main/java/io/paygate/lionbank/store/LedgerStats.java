package io.paygate.lionbank.store;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Counts since start or the last reset, the body of {@code GET /simulator/stats}. Tests of other modules read them
 * to prove that nothing was authorised twice.
 *
 * @param authorizationRequests        well-formed 0100s evaluated (duplicates and never-answered cards excluded)
 * @param approvals                    approvals standing: an approval that is reversed no longer counts
 * @param declines                     decisions other than approval (05, 14, 51, 54), refusals after a reversal included
 * @param unavailable                  91 answers of the issuer (amount ending in 91), not decisions
 * @param duplicates                   0100s answered with the remembered answer of the same transaction
 * @param duplicateTransmissions       0100s answered 94: a remembered transaction's key with another PAN
 * @param approvedMoreThanOnce         transactions approved again after the host had forgotten the first approval;
 *                                     must stay 0
 * @param reversalRequests             0400s and 0401s received (each answered 0410, 00)
 * @param reversalRepeats              of which 0401 repeats
 * @param reversals                    approvals reversed, each at most once
 * @param reversalsBeforeAuthorization reversals of a transaction the host had not decided (or had forgotten
 *                                     unapproved): its 0100, should it come, is declined 05
 * @param refusedAfterReversal         0100s declined 05 because their reversal had come first
 * @param neverAnswered                0100s of the never-answering card range, read and ignored
 * @param dropped                      authorisations and reversals read and never answered (drop rate)
 * @param closedConnections            connections closed after reading an authorisation or reversal (close rate)
 * @param formatErrors                 messages that could not be parsed (ignored) or lacked a required field (30)
 * @param echoes                       0800 echoes answered
 * @param forgottenTransactions        decided transactions evicted from the bounded memory
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LedgerStats(
        long authorizationRequests,
        long approvals,
        long declines,
        long unavailable,
        long duplicates,
        long duplicateTransmissions,
        long approvedMoreThanOnce,
        long reversalRequests,
        long reversalRepeats,
        long reversals,
        long reversalsBeforeAuthorization,
        long refusedAfterReversal,
        long neverAnswered,
        long dropped,
        long closedConnections,
        long formatErrors,
        long echoes,
        long forgottenTransactions) {
}
