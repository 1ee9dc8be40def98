package io.paygate.acquirer.piggybank.domain;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.util.Objects;

/** How the bank settled one authorisation request, and which gateway result that means. */
public sealed interface BankDecision {

    /** The issuer authorised the payment. */
    record Approved(String authorizationCode) implements BankDecision {
        public Approved {
            Objects.requireNonNull(authorizationCode, "authorizationCode");
        }
    }

    /** The issuer refused the payment. */
    record Refused() implements BankDecision {
    }

    /** The bank refused to process the request itself (it found it malformed). */
    record RequestRejected() implements BankDecision {
    }

    /** No answer from the issuer: the bank failed or did not answer in time, also after retrying. */
    record IssuerUnavailable() implements BankDecision {
    }

    /**
     * The bank was not asked (again): a request started now could still be running when the command expires, when
     * the gateway has declined the payment as answered too late and asked the bank to reverse it.
     */
    record Expired() implements BankDecision {
    }

    default AuthorizationResult toResult(String paymentId, Instant processedOn) {
        return switch (this) {
            case Approved approved -> AuthorizationResult.approved(paymentId, approved.authorizationCode(), processedOn);
            // The Piggy Bank gives no reason for a refusal; a request it rejects is still a payment not made.
            case Refused refused -> AuthorizationResult.declined(paymentId, ResponseCode.DO_NOT_HONOUR, processedOn);
            case RequestRejected rejected -> AuthorizationResult.declined(paymentId, ResponseCode.DO_NOT_HONOUR, processedOn);
            case IssuerUnavailable unavailable ->
                    AuthorizationResult.declined(paymentId, ResponseCode.ISSUER_UNAVAILABLE, processedOn);
            // The same code the gateway declines the payment with at its final deadline.
            case Expired expired -> AuthorizationResult.declined(paymentId, ResponseCode.RESPONSE_TOO_LATE, processedOn);
        };
    }
}
