package io.paygate.acquirer.lionbank.adapter.out.bank;

import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.events.ResponseCode;

/** What the Lion Bank's response code (field 39) to a completion, refund or void means for the gateway. */
final class ActionAnswer {

    private ActionAnswer() {
    }

    /**
     * @param rrn     field 37, the host's reference of the action, when it gives one
     * @param subject names the request in errors, e.g. {@code a completion}
     * @throws BankUnreachableException for 91 and 96: the host did not decide, and asking again may (the same
     *                                  transaction, so never done twice)
     * @throws IllegalStateException    for 30 (format error: this adapter built a request the host cannot read), 94
     *                                  (the transaction's key was used with other data) and any other code: asking
     *                                  again would get the same answer
     */
    static ActionDecision decision(String responseCode, String rrn, String subject) {
        return switch (responseCode) {
            case "00" -> new ActionDecision.Approved(rrn == null || rrn.isBlank() ? null : rrn);
            // More than remains authorised (or captured, for a refund), another currency, or nothing.
            case "13" -> new ActionDecision.Declined(ResponseCode.INVALID_AMOUNT);
            // The authorisation was declined, reversed or finally completed.
            case "12" -> new ActionDecision.Declined(ResponseCode.INVALID_TRANSACTION);
            // The host holds no such authorisation.
            case "25" -> new ActionDecision.Declined(ResponseCode.NO_ORIGINAL);
            case "91", "96" -> throw new BankUnreachableException("The Lion Bank answered " + responseCode);
            default -> throw new IllegalStateException("The Lion Bank answered " + responseCode + " to " + subject);
        };
    }
}
