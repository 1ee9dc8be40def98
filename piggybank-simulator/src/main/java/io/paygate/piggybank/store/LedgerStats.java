package io.paygate.piggybank.store;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Counts since start or the last reset, the body of {@code GET /simulator/stats}. Tests of other modules read
 * them to prove that nothing was authorised twice.
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
 * @param forgottenIdempotencyKeys       keys whose answers were evicted from the bounded memory
 * @param injectedUnavailable            well-formed authorisations answered 503 by the unavailable rate, undecided
 * @param hung                           well-formed authorisations held by the hang rate, then answered 503, undecided
 *                                       (counted as the hang starts)
 * @param refusedWhileDown               authorisations and reversals answered 503 because the bank was switched down
 * @param authorizationsRefusedAfterReversal authorisations declined because their key had been reversed before the
 *                                       bank had any answer for it (the reversal overtook them); never approvals
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
        long authorizationsRefusedAfterReversal) {
}
