package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.util.Objects;

/**
 * What ends a pending payment: the acquirer's answer, or the gateway giving up on it at the final deadline.
 *
 * @param authCode    the bank's authorisation code; only an approval may have one
 * @param processedOn when the answer was made, by the acquirer's clock (by the gateway's for a time-out)
 * @param decidedOn   when the gateway recorded it, by its own clock
 */
public record Decision(ResponseCode responseCode, String authCode, Instant processedOn, Instant decidedOn) {

    public Decision {
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(processedOn, "processedOn");
        Objects.requireNonNull(decidedOn, "decidedOn");
        if (!responseCode.approved() && authCode != null) {
            throw new IllegalArgumentException("A decline (" + responseCode.code() + ") has no authorisation code");
        }
    }

    /** No answer came before the final deadline: the gateway declines the payment as answered too late. */
    public static Decision timedOut(Instant now) {
        return new Decision(ResponseCode.RESPONSE_TOO_LATE, null, now, now);
    }

    /**
     * Whether this decision may leave an approval at the bank that nobody will ever capture, so that the bank must be
     * asked to reverse it. A time-out always may: the bank can have approved a command whose answer never came back.
     * "Issuer unavailable" may when the acquirer was sent the command more than once: an earlier copy can have been
     * approved before the bank went down. Any other answer is the bank's own, given under the payment's idempotency
     * key, so every copy of the command got that same answer.
     *
     * @param commandsSent how many times the authorisation command was sent to the acquirer
     */
    public boolean owesReversal(int commandsSent) {
        return switch (responseCode) {
            case RESPONSE_TOO_LATE -> true;
            case ISSUER_UNAVAILABLE -> commandsSent > 1;
            default -> false;
        };
    }
}
