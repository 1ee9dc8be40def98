package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Event from an acquirer adapter: the bank's final answer for one payment.
 *
 * @param paymentId    the payment the answer is for
 * @param responseCode the gateway's response code, see {@link ResponseCode}
 * @param authCode     the bank's authorisation code when approved, otherwise {@code null}
 * @param processedOn  when the adapter received the answer
 */
public record AuthorizationResult(String paymentId, ResponseCode responseCode, String authCode, Instant processedOn) {

    public static final String TYPE = "AuthorizationResult";
    public static final int VERSION = 1;

    public AuthorizationResult {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(processedOn, "processedOn");
    }

    public static AuthorizationResult approved(String paymentId, String authCode, Instant processedOn) {
        return new AuthorizationResult(paymentId, ResponseCode.APPROVED, authCode, processedOn);
    }

    public static AuthorizationResult declined(String paymentId, ResponseCode reason, Instant processedOn) {
        if (reason.approved()) {
            throw new IllegalArgumentException(reason + " is not a decline");
        }
        return new AuthorizationResult(paymentId, reason, null, processedOn);
    }

    public boolean approved() {
        return responseCode.approved();
    }
}
