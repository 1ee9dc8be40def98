package io.paygate.lionbank.iso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoValue;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.ConfigParser;

/** The Lion Bank's message types, fields and j8583 configuration ({@code lionbank-iso8583.xml}). */
public final class LionbankMessages {

    public static final int AUTHORIZATION_REQUEST = 0x100;
    public static final int AUTHORIZATION_RESPONSE = 0x110;
    public static final int FINANCIAL_REQUEST = 0x200;
    public static final int FINANCIAL_RESPONSE = 0x210;
    public static final int COMPLETION_ADVICE = 0x220;
    public static final int COMPLETION_ADVICE_REPEAT = 0x221;
    public static final int COMPLETION_RESPONSE = 0x230;
    public static final int REVERSAL_REQUEST = 0x400;
    public static final int REVERSAL_REPEAT = 0x401;
    public static final int REVERSAL_RESPONSE = 0x410;
    public static final int NETWORK_MANAGEMENT_REQUEST = 0x800;
    public static final int NETWORK_MANAGEMENT_RESPONSE = 0x810;

    public static final int PAN = 2;
    public static final int PROCESSING_CODE = 3;
    public static final int AMOUNT = 4;
    public static final int TRANSMISSION_DATE_TIME = 7;
    public static final int STAN = 11;
    public static final int LOCAL_TIME = 12;
    public static final int LOCAL_DATE = 13;
    public static final int EXPIRY = 14;
    public static final int POS_ENTRY_MODE = 22;
    public static final int RRN = 37;
    public static final int AUTH_CODE = 38;
    public static final int RESPONSE_CODE = 39;
    public static final int TERMINAL_ID = 41;
    public static final int CARD_ACCEPTOR_ID = 42;
    public static final int CURRENCY = 49;
    public static final int COMPLETION_INDICATOR = 60;
    public static final int NETWORK_MANAGEMENT_CODE = 70;
    public static final int ORIGINAL_DATA_ELEMENTS = 90;

    /** Field 60 of a 0220 that ends the authorisation: what it does not capture is released. */
    public static final String FINAL_COMPLETION = "F";
    /** Field 60 of a 0220 after which more completions may follow; the same as leaving field 60 out. */
    public static final String PARTIAL_COMPLETION = "P";
    /** Processing code (field 3) of a refund starts with this transaction type. */
    public static final String REFUND_TRANSACTION_TYPE = "20";

    private static final String CONFIG = "lionbank-iso8583.xml";

    private LionbankMessages() {
    }

    /** A factory for the Lion Bank's messages: ASCII characters, ASCII bitmap, no ISO header. */
    public static MessageFactory<IsoMessage> factory() {
        try {
            MessageFactory<IsoMessage> factory = ConfigParser.createFromClasspathConfig(
                    LionbankMessages.class.getClassLoader(), CONFIG);
            factory.setCharacterEncoding(StandardCharsets.US_ASCII.name());
            factory.setForceStringEncoding(true);
            factory.setUseBinaryBitmap(false);
            factory.setUseBinaryMessages(false);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CONFIG, e);
        }
    }

    /** A field as it travels (numbers zero-padded, text as sent without trailing padding), or null when absent. */
    public static @Nullable String text(IsoMessage message, int field) {
        IsoValue<Object> value = message.getField(field);
        return value == null ? null : value.toString().stripTrailing();
    }
}
