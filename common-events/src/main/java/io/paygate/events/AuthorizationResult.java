package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Event from an acquirer adapter: the bank's final answer for one payment.
 * <p>
 * {@code acquirer}, {@code acquirerReference} and {@code notSentToBank} are optional additions, so the contract stays
 * at {@link #VERSION} 1: a result without them is read as from the payment's acquirer, without reference, and as
 * possibly sent, the one reading that can never fail a payment over to a second bank after the first approved it.
 *
 * @param paymentId         the payment the answer is for
 * @param responseCode      the gateway's response code, see {@link ResponseCode}
 * @param authCode          the bank's authorisation code when approved, otherwise {@code null}
 * @param processedOn       when the adapter received the answer
 * @param acquirer          the code of the acquirer that answered, e.g. {@code lionbank}
 * @param acquirerReference the bank's reference of the transaction (an ISO 8583 retrieval reference number), when it
 *                          gives one
 * @param notSentToBank     true only when the adapter is sure the bank never received the request (its circuit breaker
 *                          was open, or no attempt could be sent): the payment certainly was not authorised there, and
 *                          may go to the next acquirer of its routing
 */
public record AuthorizationResult(String paymentId, ResponseCode responseCode, String authCode, Instant processedOn,
                                  String acquirer, String acquirerReference, boolean notSentToBank) {

    public static final String TYPE = "AuthorizationResult";
    public static final int VERSION = 1;

    public AuthorizationResult {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(processedOn, "processedOn");
        if (notSentToBank && responseCode != ResponseCode.ISSUER_UNAVAILABLE) {
            throw new IllegalArgumentException("A request not sent to the bank can only find the issuer unavailable");
        }
    }

    public AuthorizationResult(String paymentId, ResponseCode responseCode, String authCode, Instant processedOn) {
        this(paymentId, responseCode, authCode, processedOn, null, null, false);
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

    /** The bank was certainly not asked: the payment is declined {@code 20091} unless another acquirer takes it. */
    public static AuthorizationResult notSent(String paymentId, Instant processedOn) {
        return new AuthorizationResult(paymentId, ResponseCode.ISSUER_UNAVAILABLE, null, processedOn, null, null, true);
    }

    /** This result as the named acquirer's, with the bank's reference of the transaction if it gave one. */
    public AuthorizationResult from(String acquirer, String acquirerReference) {
        return new AuthorizationResult(paymentId, responseCode, authCode, processedOn, acquirer, acquirerReference,
                notSentToBank);
    }

    public boolean approved() {
        return responseCode.approved();
    }
}
