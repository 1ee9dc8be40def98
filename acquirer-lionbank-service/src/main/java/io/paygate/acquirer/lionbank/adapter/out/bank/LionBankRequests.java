package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentReversal;

import java.util.Currency;

import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.*;

/** The requests this acquirer sends, from one terminal, each named by its payment's {@link TransactionReference}. */
final class LionBankRequests {

    private static final int TERMINAL_ID_LENGTH = 8;
    private static final int MERCHANT_ID_LENGTH = 15;
    private static final long LARGEST_AMOUNT = 999_999_999_999L;
    /** Goods and services, from the default account. */
    private static final String PURCHASE = "000000";
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

    /** An echo (0800, code 301), which keeps an idle connection open and tells whether the host still answers. */
    IsoMessage echo(String stan, String transmissionDateTime) {
        IsoMessage echo = messages.newMessage(NETWORK_MANAGEMENT_REQUEST);
        echo.setValue(TRANSMISSION_DATE_TIME, transmissionDateTime, IsoType.NUMERIC, 10);
        echo.setValue(STAN, stan, IsoType.NUMERIC, 6);
        echo.setValue(NETWORK_MANAGEMENT_CODE, "301", IsoType.NUMERIC, 3);
        return echo;
    }

    private void identify(IsoMessage request, String paymentId, String acquirerMerchantId) {
        // j8583 would cut a longer id to 15 characters, which could make two merchants one.
        if (acquirerMerchantId == null || acquirerMerchantId.isBlank()
                || acquirerMerchantId.length() > MERCHANT_ID_LENGTH) {
            throw new IllegalArgumentException("The Lion Bank needs an acquirer merchant id of 1 to 15 characters");
        }
        TransactionReference reference = TransactionReference.of(paymentId);
        request.setValue(TRANSMISSION_DATE_TIME, reference.transmissionDateTime(), IsoType.NUMERIC, 10);
        request.setValue(STAN, reference.stan(), IsoType.NUMERIC, 6);
        request.setValue(TERMINAL_ID, terminalId, IsoType.ALPHA, TERMINAL_ID_LENGTH);
        request.setValue(CARD_ACCEPTOR_ID, acquirerMerchantId, IsoType.ALPHA, MERCHANT_ID_LENGTH);
    }
}
