package io.paygate.acquirer.support.domain;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.util.Objects;

/** How the bank settled one authorisation request, and which gateway result that means. */
public sealed interface BankDecision {

    /**
     * The issuer authorised the payment.
     *
     * @param reference the bank's reference of the transaction (an ISO 8583 retrieval reference number), if it gives one
     */
    record Approved(String authorizationCode, String reference) implements BankDecision {
        public Approved {
            Objects.requireNonNull(authorizationCode, "authorizationCode");
        }

        public Approved(String authorizationCode) {
            this(authorizationCode, null);
        }
    }

    /**
     * The bank settled the payment as not made: its issuer refused it, or the bank refused the request itself. Which
     * response code that is depends on what the bank says and is its adapter's policy.
     */
    record Declined(ResponseCode responseCode) implements BankDecision {
        public Declined {
            Objects.requireNonNull(responseCode, "responseCode");
            if (responseCode.approved()) {
                throw new IllegalArgumentException("a declined payment cannot be " + responseCode);
            }
        }
    }

    /**
     * No answer from the issuer: the bank failed or did not answer in time, also after retrying. A request may have
     * reached it, so it may hold an approval.
     */
    record IssuerUnavailable() implements BankDecision {
    }

    /**
     * The bank certainly never received a request for the payment: the circuit breaker was open, or no attempt could
     * be sent. Nothing can have been approved there, so the payment may go to another acquirer.
     */
    record NotSent() implements BankDecision {
    }

    /**
     * The bank was not asked (again): a request started now could still be running when the command expires, when
     * the gateway has declined the payment as answered too late and asked the bank to reverse it.
     */
    record Expired() implements BankDecision {
    }

    /** The result of this decision as the acquirer {@code acquirer} gives it. */
    default AuthorizationResult toResult(String paymentId, String acquirer, Instant processedOn) {
        AuthorizationResult result = switch (this) {
            case Approved approved -> AuthorizationResult.approved(paymentId, approved.authorizationCode(), processedOn);
            case Declined declined -> AuthorizationResult.declined(paymentId, declined.responseCode(), processedOn);
            case IssuerUnavailable unavailable ->
                    AuthorizationResult.declined(paymentId, ResponseCode.ISSUER_UNAVAILABLE, processedOn);
            case NotSent notSent -> AuthorizationResult.notSent(paymentId, processedOn);
            // The same code the gateway declines the payment with at its final deadline.
            case Expired expired -> AuthorizationResult.declined(paymentId, ResponseCode.RESPONSE_TOO_LATE, processedOn);
        };
        return result.from(acquirer, this instanceof Approved approved ? approved.reference() : null);
    }
}
