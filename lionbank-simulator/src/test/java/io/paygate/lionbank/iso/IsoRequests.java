package io.paygate.lionbank.iso;

import static io.paygate.lionbank.iso.LionbankMessages.*;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;

import io.paygate.lionbank.TestCards;

/** Requests as an acquirer builds them: one terminal and merchant, a fresh STAN for each. */
final class IsoRequests {

    static final String TERMINAL = "LION0001";
    static final String MERCHANT = "acq_merchant_42";
    private static final MessageFactory<IsoMessage> MESSAGES = LionbankMessages.factory();
    private static final AtomicInteger STANS = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 500_000));
    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss");

    private IsoRequests() {
    }

    static IsoMessage authorization(long amount) {
        return authorization(TestCards.GOOD_CARD, amount, TestCards.FUTURE_EXPIRY);
    }

    static IsoMessage authorization(String pan, long amount, String expiry) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        IsoMessage request = MESSAGES.newMessage(AUTHORIZATION_REQUEST);
        request.setValue(PAN, pan, IsoType.LLVAR, 0);
        request.setValue(PROCESSING_CODE, "000000", IsoType.NUMERIC, 6);
        request.setValue(AMOUNT, "%012d".formatted(amount), IsoType.NUMERIC, 12);
        request.setValue(TRANSMISSION_DATE_TIME, TRANSMISSION.format(now), IsoType.NUMERIC, 10);
        request.setValue(STAN, nextStan(), IsoType.NUMERIC, 6);
        request.setValue(LOCAL_TIME, DateTimeFormatter.ofPattern("HHmmss").format(now), IsoType.NUMERIC, 6);
        request.setValue(LOCAL_DATE, DateTimeFormatter.ofPattern("MMdd").format(now), IsoType.NUMERIC, 4);
        request.setValue(EXPIRY, expiry, IsoType.NUMERIC, 4);
        request.setValue(POS_ENTRY_MODE, "010", IsoType.NUMERIC, 3);
        request.setValue(TERMINAL_ID, TERMINAL, IsoType.ALPHA, 8);
        request.setValue(CARD_ACCEPTOR_ID, MERCHANT, IsoType.ALPHA, 15);
        request.setValue(CURRENCY, "826", IsoType.NUMERIC, 3);
        return request;
    }

    /** The original's data elements under a reversal's type: 0400, or 0401 for a repeat. */
    static IsoMessage reversalOf(IsoMessage original, boolean repeat) {
        IsoMessage reversal = MESSAGES.newMessage(repeat ? REVERSAL_REPEAT : REVERSAL_REQUEST);
        reversal.copyFieldsFrom(original, PAN, PROCESSING_CODE, AMOUNT, TRANSMISSION_DATE_TIME, STAN, LOCAL_TIME,
                LOCAL_DATE, EXPIRY, POS_ENTRY_MODE, TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY);
        return reversal;
    }

    /**
     * A completion advice (0220) of {@code original}, an 0100, with a STAN and transmission time of its own; field
     * 60 says {@code F} when {@code isFinal}, else {@code P}.
     */
    static IsoMessage completionOf(IsoMessage original, long amount, boolean isFinal) {
        IsoMessage completion = referring(COMPLETION_ADVICE, original, "000000", amount);
        completion.setValue(COMPLETION_INDICATOR, isFinal ? FINAL_COMPLETION : PARTIAL_COMPLETION, IsoType.LLLVAR, 0);
        return completion;
    }

    /** The same completion again as a repeat, 0221. */
    static IsoMessage repeatOf(IsoMessage completion) {
        IsoMessage repeat = MESSAGES.newMessage(COMPLETION_ADVICE_REPEAT);
        repeat.copyFieldsFrom(completion, PROCESSING_CODE, AMOUNT, TRANSMISSION_DATE_TIME, STAN, LOCAL_TIME,
                LOCAL_DATE, TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY, COMPLETION_INDICATOR, ORIGINAL_DATA_ELEMENTS);
        return repeat;
    }

    /** A refund (0200, processing code 200000) of what {@code original}, an 0100, captured. */
    static IsoMessage refundOf(IsoMessage original, long amount) {
        return referring(FINANCIAL_REQUEST, original, "200000", amount);
    }

    /** Field 90 as ISO 8583:1987 has it: the original's MTI, STAN and field 7, then two institution ids, zeros. */
    static String originalDataElements(IsoMessage original) {
        return "%04x".formatted(original.getType()) + text(original, STAN) + text(original, TRANSMISSION_DATE_TIME)
                + "0".repeat(22);
    }

    private static IsoMessage referring(int type, IsoMessage original, String processingCode, long amount) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        IsoMessage request = MESSAGES.newMessage(type);
        request.setValue(PROCESSING_CODE, processingCode, IsoType.NUMERIC, 6);
        request.setValue(AMOUNT, "%012d".formatted(amount), IsoType.NUMERIC, 12);
        request.setValue(TRANSMISSION_DATE_TIME, TRANSMISSION.format(now), IsoType.NUMERIC, 10);
        request.setValue(STAN, nextStan(), IsoType.NUMERIC, 6);
        request.setValue(LOCAL_TIME, DateTimeFormatter.ofPattern("HHmmss").format(now), IsoType.NUMERIC, 6);
        request.setValue(LOCAL_DATE, DateTimeFormatter.ofPattern("MMdd").format(now), IsoType.NUMERIC, 4);
        request.copyFieldsFrom(original, TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY);
        request.setValue(ORIGINAL_DATA_ELEMENTS, originalDataElements(original), IsoType.NUMERIC, 42);
        return request;
    }

    static IsoMessage echo() {
        IsoMessage echo = MESSAGES.newMessage(NETWORK_MANAGEMENT_REQUEST);
        echo.setValue(TRANSMISSION_DATE_TIME, TRANSMISSION.format(ZonedDateTime.now(ZoneOffset.UTC)), IsoType.NUMERIC, 10);
        echo.setValue(STAN, nextStan(), IsoType.NUMERIC, 6);
        echo.setValue(NETWORK_MANAGEMENT_CODE, "301", IsoType.NUMERIC, 3);
        return echo;
    }

    static String stanOf(IsoMessage message) {
        return text(message, STAN);
    }

    private static String nextStan() {
        return "%06d".formatted(STANS.incrementAndGet() % 1_000_000);
    }
}
