package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;

import java.util.Currency;

import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.*;

/**
 * The requests this acquirer sends, from one terminal, each named by a {@link TransactionReference}: its payment's for
 * an authorisation and its reversal (or void), its action's for a completion or refund.
 */
final class LionBankRequests {

    private static final int TERMINAL_ID_LENGTH = 8;
    private static final int MERCHANT_ID_LENGTH = 15;
    private static final long LARGEST_AMOUNT = 999_999_999_999L;
    /** Goods and services, from the default account. */
    private static final String PURCHASE = "000000";
    /** Field 90 names an authorisation: its MTI comes first. */
    private static final String ORIGINAL_AUTHORIZATION_TYPE = "0100";
    /** Field 90's acquiring and forwarding institution ids, which this acquirer does not send. */
    private static final String NO_INSTITUTIONS = "0".repeat(22);
    /** Card number keyed in, card not present: an online payment. */
    private static final String KEYED_ENTRY = "010";

    private final MessageFactory<IsoMessage> messages = LionBankMessages.factory();
    private final String terminalId;

    LionBankRequests(String terminalId) {
        if (terminalId == null || terminalId.isBlank() || terminalId.length() > TERMINAL_ID_LENGTH) {
            throw new IllegalArgumentException("The terminal id must be 1 to 8 characters: " + terminalId);
        }
        this.terminalId = terminalId;
    }

    IsoMessage authorization(CardAuthorization authorization) {
        if (authorization.amount() > LARGEST_AMOUNT) {
            throw new IllegalArgumentException("The Lion Bank takes amounts of at most 12 digits");
        }
        IsoMessage request = messages.newMessage(AUTHORIZATION_REQUEST);
        request.setValue(PAN, authorization.card().number(), IsoType.LLVAR, 0);
        request.setValue(PROCESSING_CODE, PURCHASE, IsoType.NUMERIC, 6);
        request.setValue(AMOUNT, "%012d".formatted(authorization.amount()), IsoType.NUMERIC, 12);
        request.setValue(EXPIRY, "%02d%02d".formatted(authorization.card().expiryYear() % 100,
                authorization.card().expiryMonth()), IsoType.NUMERIC, 4);
        request.setValue(POS_ENTRY_MODE, KEYED_ENTRY, IsoType.NUMERIC, 3);
        request.setValue(CURRENCY, Currency.getInstance(authorization.currency()).getNumericCodeAsString(),
                IsoType.NUMERIC, 3);
        identify(request, authorization.paymentId(), authorization.acquirerMerchantId());
        return request;
    }

    /**
     * The host finds the authorisation to undo by terminal, merchant, STAN and transmission time alone.
     *
     * @param repeat whether a reversal of this payment was sent before and got no answer: an 0401 then
     */
    IsoMessage reversal(PaymentReversal reversal, boolean repeat) {
        IsoMessage request = messages.newMessage(repeat ? REVERSAL_REPEAT : REVERSAL_REQUEST);
        identify(request, reversal.paymentId(), reversal.acquirerMerchantId());
        return request;
    }

    /**
     * The capture of a payment's authorisation: a completion (0220), its own transaction named by the action id, which
     * names the authorisation in field 90. The same action repeated is the same transaction, answered as the first.
     *
     * @param repeat whether a completion of this action was sent before and got no answer: an 0221 then
     */
    IsoMessage completion(PaymentActionRequest capture, boolean repeat) {
        IsoMessage request = lifecycle(repeat ? COMPLETION_ADVICE_REPEAT : COMPLETION_ADVICE, capture, PURCHASE);
        request.setValue(COMPLETION_INDICATOR, capture.finalCapture() ? FINAL_COMPLETION : PARTIAL_COMPLETION,
                IsoType.LLLVAR, 0);
        return request;
    }

    /**
     * The refund of some of what was captured: a financial request (0200) of processing code {@code 20xxxx}, its own
     * transaction named by the action id, which names the authorisation in field 90. The host answers a repeat of the
     * same transaction with its first answer.
     */
    IsoMessage refund(PaymentActionRequest refund) {
        return lifecycle(FINANCIAL_REQUEST, refund, REFUND_PROCESSING_CODE);
    }

    /** A void is the reversal (0400, or 0401 for a repeat) of the payment's authorisation, before any capture. */
    IsoMessage voiding(PaymentActionRequest voiding, boolean repeat) {
        return reversal(new PaymentReversal(voiding.paymentId(), voiding.acquirerMerchantId()), repeat);
    }

    private IsoMessage lifecycle(int type, PaymentActionRequest action, String processingCode) {
        if (action.amount() > LARGEST_AMOUNT) {
            throw new IllegalArgumentException("The Lion Bank takes amounts of at most 12 digits");
        }
        IsoMessage request = messages.newMessage(type);
        request.setValue(PROCESSING_CODE, processingCode, IsoType.NUMERIC, 6);
        request.setValue(AMOUNT, "%012d".formatted(action.amount()), IsoType.NUMERIC, 12);
        request.setValue(CURRENCY, Currency.getInstance(action.currency()).getNumericCodeAsString(), IsoType.NUMERIC, 3);
        // Its own STAN and time, the action's, and the same terminal and merchant as the authorisation.
        identify(request, action.actionId(), action.acquirerMerchantId());
        TransactionReference original = TransactionReference.of(action.paymentId());
        request.setValue(ORIGINAL_DATA_ELEMENTS, ORIGINAL_AUTHORIZATION_TYPE + original.stan()
                + original.transmissionDateTime() + NO_INSTITUTIONS, IsoType.NUMERIC, 42);
        return request;
    }

    /** An echo (0800, code 301), which keeps an idle connection open and tells whether the host still answers. */
    IsoMessage echo(String stan, String transmissionDateTime) {
        IsoMessage echo = messages.newMessage(NETWORK_MANAGEMENT_REQUEST);
        echo.setValue(TRANSMISSION_DATE_TIME, transmissionDateTime, IsoType.NUMERIC, 10);
        echo.setValue(STAN, stan, IsoType.NUMERIC, 6);
        echo.setValue(NETWORK_MANAGEMENT_CODE, "301", IsoType.NUMERIC, 3);
        return echo;
    }

    /** @param transactionId the payment id of an authorisation or reversal, the action id of a completion or refund */
    private void identify(IsoMessage request, String transactionId, String acquirerMerchantId) {
        // j8583 would cut a longer id to 15 characters, which could make two merchants one.
        if (acquirerMerchantId == null || acquirerMerchantId.isBlank()
                || acquirerMerchantId.length() > MERCHANT_ID_LENGTH) {
            throw new IllegalArgumentException("The Lion Bank needs an acquirer merchant id of 1 to 15 characters");
        }
        TransactionReference reference = TransactionReference.of(transactionId);
        request.setValue(TRANSMISSION_DATE_TIME, reference.transmissionDateTime(), IsoType.NUMERIC, 10);
        request.setValue(STAN, reference.stan(), IsoType.NUMERIC, 6);
        request.setValue(TERMINAL_ID, terminalId, IsoType.ALPHA, TERMINAL_ID_LENGTH);
        request.setValue(CARD_ACCEPTOR_ID, acquirerMerchantId, IsoType.ALPHA, MERCHANT_ID_LENGTH);
    }
}
