package io.paygate.lionbank.model;

import org.jspecify.annotations.Nullable;

/**
 * A well-formed completion (0220, capture) or refund (0200, processing code {@code 20xxxx}) of an earlier
 * authorisation, its fields as the ledger reads them.
 *
 * @param action          completion or refund
 * @param key             this request's own fields 41, 42, 11 and 7, for duplicate detection
 * @param original        the authorisation it refers to: the same 41 and 42, field 90's STAN and transmission time
 * @param amount          field 4, in minor units (0 is answered {@code 13})
 * @param currency        field 49, ISO 4217 numeric; must be the authorisation's
 * @param pan             field 2 when sent (it may be left out); when sent it must be the authorisation's
 * @param finalCompletion a completion whose field 60 is {@code F}: the rest of the authorisation is released
 */
public record LifecycleRequest(Action action, TransactionKey key, TransactionKey original, long amount,
                               String currency, @Nullable String pan, boolean finalCompletion) {

    public enum Action {
        COMPLETION,
        REFUND
    }

    /** Keeps the PAN out of logs and exception messages. */
    @Override
    public String toString() {
        return "LifecycleRequest[action=" + action + ", key=" + key + ", original=" + original + ", amount=" + amount
                + ", currency=" + currency + ", pan=" + (pan == null ? null : AuthorizationRequest.maskedPan(pan))
                + ", final=" + finalCompletion + "]";
    }
}
