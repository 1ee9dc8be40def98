package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoValue;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.ConfigParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lion Bank's message types and fields, and j8583 set up to read its answers. */
final class LionBankMessages {

    static final int AUTHORIZATION_REQUEST = 0x100;
    /** A refund, by its processing code ({@link #REFUND_PROCESSING_CODE}): the host takes no other 0200. */
    static final int FINANCIAL_REQUEST = 0x200;
    /** A completion: the capture of an authorisation. */
    static final int COMPLETION_ADVICE = 0x220;
    static final int COMPLETION_ADVICE_REPEAT = 0x221;
    static final int REVERSAL_REQUEST = 0x400;
    static final int REVERSAL_REPEAT = 0x401;
    static final int NETWORK_MANAGEMENT_REQUEST = 0x800;

    static final int PAN = 2;
    static final int PROCESSING_CODE = 3;
    static final int AMOUNT = 4;
    static final int TRANSMISSION_DATE_TIME = 7;
    static final int STAN = 11;
    static final int EXPIRY = 14;
    static final int POS_ENTRY_MODE = 22;
    static final int RRN = 37;
    static final int AUTH_CODE = 38;
    static final int RESPONSE_CODE = 39;
    static final int TERMINAL_ID = 41;
    static final int CARD_ACCEPTOR_ID = 42;
    static final int CURRENCY = 49;
    static final int COMPLETION_INDICATOR = 60;
    static final int NETWORK_MANAGEMENT_CODE = 70;
    static final int ORIGINAL_DATA_ELEMENTS = 90;

    /** Field 60 of a completion that ends the authorisation, releasing what it does not capture. */
    static final String FINAL_COMPLETION = "F";
    static final String PARTIAL_COMPLETION = "P";
    /** Field 3 of a refund: transaction type 20, from the default account. */
    static final String REFUND_PROCESSING_CODE = "200000";

    private static final String CONFIG = "lionbank-acquirer-iso8583.xml";

    private LionBankMessages() {
    }

    /** ASCII characters, ASCII bitmap, no ISO header, as the Lion Bank speaks. */
    static MessageFactory<IsoMessage> factory() {
        try {
            MessageFactory<IsoMessage> factory = ConfigParser.createFromClasspathConfig(
                    LionBankMessages.class.getClassLoader(), CONFIG);
            factory.setCharacterEncoding(StandardCharsets.US_ASCII.name());
            factory.setForceStringEncoding(true);
            factory.setUseBinaryBitmap(false);
            factory.setUseBinaryMessages(false);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CONFIG, e);
        }
    }

    /** A field as it travels, without trailing padding, or null when absent. */
    static String text(IsoMessage message, int field) {
        IsoValue<Object> value = message.getField(field);
        return value == null ? null : value.toString().stripTrailing();
    }

    /**
     * What pairs an answer with its request on the shared connection: the message class (0100 and 0110 are both
     * authorisations), the STAN and the transmission time, which the host echoes. A reversal carries its
     * authorisation's STAN and time, hence the class.
     */
    static String exchangeKey(IsoMessage message) {
        return Integer.toHexString(message.getType() >> 8) + ':' + text(message, STAN) + ':'
                + text(message, TRANSMISSION_DATE_TIME);
    }
}
