package io.paygate.piggybank.store;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Counts since start or the last reset, the body of {@code GET /simulator/stats}. Tests of other modules read
 * them to prove that nothing was authorised twice, and that no payment was captured beyond its authorisation or
 * refunded beyond its captures ({@code captured_more_than_authorized} and {@code refunded_more_than_captured} stay 0).
 *
 * @param authorizationRequests          well-formed authorisation requests that were evaluated (replays excluded)
 * @param distinctIdempotencyKeys        keys whose first answer was remembered (a key forgotten and reused counts again)
 * @param approvals                      approved authorisations
 * @param declines                       declined authorisations, those refused after a reversal included
 * @param unavailable                    503 answers of the issuer (card number ending in 0), not the injected faults below
 * @param idempotentReplays              requests answered with the remembered answer of their key
 * @param reversals                      approved authorisations reversed (each at most once)
 * @param approvedMoreThanOnce           keys approved a second time, after the bank had forgotten the first answer
 * @param approvalsWithoutIdempotencyKey approvals of requests without a key, which nothing protects from duplicates
 * @param invalidRequests                400 answers (incomplete or malformed requests)
 * @param forgottenIdempotencyKeys       keys (of authorisations and of actions) whose answers were evicted from the
 *                                       bounded memory
 * @param injectedUnavailable            well-formed authorisations and actions answered 503 by the unavailable rate,
 *                                       undecided
 * @param hung                           well-formed authorisations and actions held by the hang rate, then answered
 *                                       503, undecided
 *                                       (counted as the hang starts)
 * @param refusedWhileDown               authorisations, actions and reversals answered 503 because the bank was
 *                                       switched down
 * @param authorizationsRefusedAfterReversal authorisations declined because their key had been reversed before the
 *                                       bank had any answer for it (the reversal overtook them); never approvals
 * @param captures                       approved captures
 * @param capturedTotal                  minor units captured, summed over every currency
 * @param voided                         approved voids
 * @param refunds                        approved refunds
 * @param refundedTotal                  minor units refunded, summed over every currency
 * @param actionsDeclined                captures, voids and refunds declined (replays excluded)
 * @param actionsReplayed                captures, voids and refunds answered with the remembered answer of their key
 * @param actionKeysReused               actions refused 422 because their key was first used for another action
 * @param actionsForUnknownPayments      actions answered 404: no approved authorisation remembered for the payment
 * @param capturedMoreThanAuthorized     captures that would have taken a payment's captured total beyond its
 *                                       authorised amount, all declined; 0 while the gateway behaves
 * @param refundedMoreThanCaptured       refunds that would have taken a payment's refunded total beyond its captured
 *                                       total, all declined; 0 while the gateway behaves
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LedgerStats(
        long authorizationRequests,
        long distinctIdempotencyKeys,
        long approvals,
        long declines,
        long unavailable,
        long idempotentReplays,
        long reversals,
        long approvedMoreThanOnce,
        long approvalsWithoutIdempotencyKey,
        long invalidRequests,
        long forgottenIdempotencyKeys,
        long injectedUnavailable,
        long hung,
        long refusedWhileDown,
        long authorizationsRefusedAfterReversal,
        long captures,
        long capturedTotal,
        long voided,
        long refunds,
        long refundedTotal,
        long actionsDeclined,
        long actionsReplayed,
        long actionKeysReused,
        long actionsForUnknownPayments,
        long capturedMoreThanAuthorized,
        long refundedMoreThanCaptured) {
}
