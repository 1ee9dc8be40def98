package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.events.ResponseCode;

/** What the Lion Bank's response code (field 39) to an authorisation means for the gateway. */
final class AuthorizationAnswer {

    private AuthorizationAnswer() {
    }

    /**
     * @param authCode field 38, present with an approval
     * @param rrn      field 37, the retrieval reference number the merchant sees in the payment's processing
     * @throws BankUnreachableException for 91 and 96: the issuer or the host did not decide, and asking again may
     *                                  (the same transaction, so never a second approval)
     */
    static BankDecision decision(String responseCode, String authCode, String rrn) {
        return switch (responseCode) {
            case "00" -> approved(authCode, rrn);
            case "51" -> new BankDecision.Declined(ResponseCode.INSUFFICIENT_FUNDS);
            case "54" -> new BankDecision.Declined(ResponseCode.EXPIRED_CARD);
            case "91", "96" -> throw new BankUnreachableException("The Lion Bank answered " + responseCode);
            // 05, 14 (invalid card number: the gateway has no code of its own for it), 30 (format error), 94 (a
            // duplicate with another card) and any other: a payment not made, for no reason a merchant could act on.
            default -> new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR);
        };
    }

    private static BankDecision approved(String authCode, String rrn) {
        if (authCode == null || authCode.isBlank()) {
            throw new IllegalStateException("The Lion Bank approved without an authorisation code");
        }
        return new BankDecision.Approved(authCode, rrn);
    }
}
