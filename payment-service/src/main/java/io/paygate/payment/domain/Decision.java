package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.util.Objects;

/**
 * What ends a pending payment: the acquirer's answer, or the gateway giving up on it at the final deadline.
 *
 * @param authCode          the bank's authorisation code; only an approval may have one
 * @param processedOn       when the answer was made, by the acquirer's clock (by the gateway's for a time-out)
 * @param decidedOn         when the gateway recorded it, by its own clock
 * @param acquirer          the acquirer whose answer it is; {@code null} for the gateway's own decision, or an answer
 *                          from an adapter that does not say. Only the acquirer that has the payment's command may
 *                          decide it
 * @param acquirerReference the bank's reference of the transaction, when it gives one
 */
public record Decision(ResponseCode responseCode, String authCode, Instant processedOn, Instant decidedOn,
                       String acquirer, String acquirerReference) {

    public Decision {
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(processedOn, "processedOn");
        Objects.requireNonNull(decidedOn, "decidedOn");
        if (!responseCode.approved() && authCode != null) {
            throw new IllegalArgumentException("A decline (" + responseCode.code() + ") has no authorisation code");
        }
    }

    /** A decision that names no acquirer. */
    public Decision(ResponseCode responseCode, String authCode, Instant processedOn, Instant decidedOn) {
        this(responseCode, authCode, processedOn, decidedOn, null, null);
    }

    /** No answer came before the final deadline: the gateway declines the payment as answered too late. */
    public static Decision timedOut(Instant now) {
        return new Decision(ResponseCode.RESPONSE_TOO_LATE, null, now, now);
    }

    /**
     * Whether this decision may leave an approval at the bank that nobody will ever capture, so that the bank must be
     * asked to reverse it. A time-out may: the bank can have approved a command whose answer never came back.
     * "Issuer unavailable" may too: the adapter gives it after timeouts, when the bank may have approved a request
     * whose answer was lost, or after an earlier copy of a re-sent command was approved. A reversal of nothing is
     * answered "nothing to reverse", so asking too often costs one call. Any other answer is the bank's own, given
     * under the payment's idempotency key, so every copy of the command got that same answer.
     */
    public boolean owesReversal() {
        return switch (responseCode) {
            case RESPONSE_TOO_LATE, ISSUER_UNAVAILABLE -> true;
            default -> false;
        };
    }
}
