package io.paygate.lionbank.store;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Counts since start or the last reset, the body of {@code GET /simulator/stats}. Tests of other modules read them
 * to prove that nothing was authorised twice.
 *
 * @param authorizationRequests        well-formed 0100s evaluated (duplicates and never-answered cards excluded)
 * @param approvals                    approvals standing: an approval voided (reversed with nothing captured) no
 *                                     longer counts
 * @param declines                     decisions other than approval (05, 14, 51, 54), refusals after a reversal included
 * @param unavailable                  91 answers of the issuer (amount ending in 91), not decisions
 * @param duplicates                   0100s, completions and refunds answered with the remembered answer of the same
 *                                     request
 * @param duplicateTransmissions       requests answered 94: a remembered transaction's key with other data (another
 *                                     PAN, amount, original, or another kind of request)
 * @param approvedMoreThanOnce         transactions approved again after the host had forgotten the first approval;
 *                                     must stay 0
 * @param reversalRequests             0400s and 0401s received (each answered 0410: 00, or 12 for a completion's or
 *                                     refund's key)
 * @param reversalRepeats              of which 0401 repeats
 * @param reversals                    approvals reversed, each at most once, voided or after a partial completion
 * @param reversalsBeforeAuthorization reversals of a transaction the host had not decided (or had forgotten
 *                                     unapproved): its 0100, should it come, is declined 05
 * @param refusedAfterReversal         0100s declined 05 because their reversal had come first
 * @param voided                       approvals reversed before anything of them was captured
 * @param reversalsRefused             reversals answered 12: they quoted a completion or a refund, which are not
 *                                     reversed
 * @param completionRequests           well-formed 0220s and 0221s evaluated (repeats of a decided one excluded)
 * @param completions                  of which approved: each captured its amount
 * @param capturedTotal                the amounts those completions captured, in minor units, whatever the currency
 * @param refundRequests               well-formed refunds (0200, 20xxxx) evaluated (repeats of a decided one excluded)
 * @param refunds                      of which approved
 * @param refundedTotal                the amounts those refunds gave back, in minor units, whatever the currency
 * @param capturedMoreThanAuthorized   completions refused because they asked for more than their authorisation had
 *                                     left (a declined, reversed or finally completed one has nothing); must stay 0
 * @param refundedMoreThanCaptured     refunds refused because they asked for more than was captured and not yet
 *                                     refunded (a declined authorisation has nothing); must stay 0
 * @param neverAnswered                0100s of the never-answering card range, read and ignored
 * @param dropped                      requests (echoes aside) read and never answered (drop rate)
 * @param closedConnections            connections closed after reading any request but an echo (close rate)
 * @param formatErrors                 messages that could not be parsed (ignored) or lacked a required field (30)
 * @param unsupported                  0200s of another processing code than 20xxxx (refund), answered 12
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
        long voided,
        long reversalsRefused,
        long completionRequests,
        long completions,
        long capturedTotal,
        long refundRequests,
        long refunds,
        long refundedTotal,
        long capturedMoreThanAuthorized,
        long refundedMoreThanCaptured,
        long neverAnswered,
        long dropped,
        long closedConnections,
        long formatErrors,
        long unsupported,
        long echoes,
        long forgottenTransactions) {
}
