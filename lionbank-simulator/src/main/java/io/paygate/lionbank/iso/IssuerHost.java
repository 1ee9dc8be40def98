package io.paygate.lionbank.iso;

import static io.paygate.lionbank.iso.LionbankMessages.*;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;

import io.paygate.lionbank.behaviour.SimulatedFaults;
import io.paygate.lionbank.model.AuthorizationRequest;
import io.paygate.lionbank.model.Decision;
import io.paygate.lionbank.model.InjectedFault;
import io.paygate.lionbank.model.IssuerRules;
import io.paygate.lionbank.model.LifecycleRequest;
import io.paygate.lionbank.model.ResponseCode;
import io.paygate.lionbank.model.TransactionKey;
import io.paygate.lionbank.store.AuthorizationLedger;

/**
 * Turns one message read from a connection into what the host does: answer, stay silent or close. Runs on its own
 * virtual thread per message, so slow answers never hold up the others on the same connection.
 *
 * <p>An answer echoes the request's fields 3, 4, 7, 11, 12, 13, 41, 42, 49, 60, 70 and 90 (whichever it has), never
 * the card data (2, 14). A message missing a required field is answered with {@code 30}; one that cannot be parsed at
 * all cannot be matched by the acquirer, so it is counted and ignored.
 *
 * <p>A completion (0220, repeated as 0221) or refund (0200, processing code {@code 20xxxx}) names its authorisation
 * in field 90, original data elements as ISO 8583:1987 has them: the original MTI {@code 0100}, its STAN (field 11)
 * and transmission date-time (field 7), then the acquiring and forwarding institution ids (22 digits, zeros here);
 * the terminal and card acceptor are the request's own (41, 42). A 0220's field 60 {@code F} makes it final (the
 * rest of the authorisation is released), {@code P} or no field 60 partial. A 0200 of another processing code is
 * answered {@code 12}: the host takes no purchases.
 */
@Component
class IssuerHost {

    private static final Logger log = LoggerFactory.getLogger(IssuerHost.class);

    private static final int[] ECHOED = {PROCESSING_CODE, AMOUNT, TRANSMISSION_DATE_TIME, STAN, LOCAL_TIME, LOCAL_DATE,
            TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY, COMPLETION_INDICATOR, NETWORK_MANAGEMENT_CODE,
            ORIGINAL_DATA_ELEMENTS};
    private static final int[] REQUIRED_IN_AUTHORIZATION = {PAN, AMOUNT, TRANSMISSION_DATE_TIME, STAN, EXPIRY,
            TERMINAL_ID, CARD_ACCEPTOR_ID, CURRENCY};
    private static final int[] REQUIRED_IN_REVERSAL = {TRANSMISSION_DATE_TIME, STAN, TERMINAL_ID, CARD_ACCEPTOR_ID};
    private static final int[] REQUIRED_IN_LIFECYCLE = {AMOUNT, TRANSMISSION_DATE_TIME, STAN, TERMINAL_ID,
            CARD_ACCEPTOR_ID, CURRENCY, ORIGINAL_DATA_ELEMENTS};
    private static final String ORIGINAL_AUTHORIZATION_TYPE = "0100";

    private final MessageFactory<IsoMessage> messages = LionbankMessages.factory();
    private final AuthorizationLedger ledger;
    private final SimulatedFaults faults;
    private final Clock clock;

    IssuerHost(AuthorizationLedger ledger, SimulatedFaults faults, Clock clock) {
        this.ledger = ledger;
        this.faults = faults;
        this.clock = clock;
    }

    HostAction handle(byte[] frame) {
        IsoMessage request = parse(frame);
        if (request == null) {
            ledger.recordFormatError();
            return HostAction.NO_ANSWER;
        }
        try {
            return switch (request.getType()) {
                case AUTHORIZATION_REQUEST -> authorize(request);
                case COMPLETION_ADVICE, COMPLETION_ADVICE_REPEAT -> settle(request, LifecycleRequest.Action.COMPLETION);
                case FINANCIAL_REQUEST -> settle(request, LifecycleRequest.Action.REFUND);
                case REVERSAL_REQUEST, REVERSAL_REPEAT -> reverse(request);
                case NETWORK_MANAGEMENT_REQUEST -> echo(request);
                default -> {
                    ledger.recordFormatError();
                    log.debug("Ignored a message of type {}", Integer.toHexString(request.getType()));
                    yield HostAction.NO_ANSWER;
                }
            };
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
            return HostAction.NO_ANSWER;
        }
    }

    private HostAction authorize(IsoMessage request) throws InterruptedException {
        Optional<AuthorizationRequest> authorization = authorizationOf(request);
        if (authorization.isEmpty()) {
            ledger.recordFormatError();
            return answer(request, Decision.of(ResponseCode.FORMAT_ERROR));
        }
        AuthorizationRequest read = authorization.get();
        if (IssuerRules.neverAnswers(read.pan())) {
            ledger.recordNeverAnswered();
            log.debug("Never answering {}", read);
            return HostAction.NO_ANSWER;
        }
        Optional<InjectedFault> fault = faults.disrupt();
        if (fault.isPresent()) {
            return unanswered(fault.get(), read.key());
        }
        ResponseCode ruled = IssuerRules.decide(read, YearMonth.now(clock));
        Decision decision = ledger.settle(read, ruled);
        log.debug("Answered {} to {}", decision.responseCode(), read);
        return answer(request, decision);
    }

    private HostAction reverse(IsoMessage request) throws InterruptedException {
        if (!request.hasEveryField(REQUIRED_IN_REVERSAL)) {
            ledger.recordFormatError();
            return answer(request, Decision.of(ResponseCode.FORMAT_ERROR));
        }
        TransactionKey original = keyOf(request);
        Optional<InjectedFault> fault = faults.disrupt();
        if (fault.isPresent()) {
            return unanswered(fault.get(), original);
        }
        ResponseCode reversed = ledger.reverse(original, request.getType() == REVERSAL_REPEAT);
        log.debug("Answered {} to the reversal of {}", reversed.code(), original);
        return answer(request, new Decision(reversed, null, null));
    }

    private HostAction settle(IsoMessage request, LifecycleRequest.Action action) throws InterruptedException {
        Optional<LifecycleRequest> read = lifecycleOf(request, action);
        if (read.isEmpty()) {
            ledger.recordFormatError();
            return answer(request, Decision.of(ResponseCode.FORMAT_ERROR));
        }
        LifecycleRequest lifecycle = read.get();
        if (action == LifecycleRequest.Action.REFUND && !isRefund(text(request, PROCESSING_CODE))) {
            ledger.recordUnsupported();
            log.debug("Refused a 0200 with processing code {}: the host takes refunds only",
                    text(request, PROCESSING_CODE));
            return answer(request, new Decision(ResponseCode.INVALID_TRANSACTION, null, null));
        }
        Optional<InjectedFault> fault = faults.disrupt();
        if (fault.isPresent()) {
            return unanswered(fault.get(), lifecycle.key());
        }
        Decision decision = ledger.settle(lifecycle);
        log.debug("Answered {} to {}", decision.responseCode(), lifecycle);
        return answer(request, decision);
    }

    private HostAction echo(IsoMessage request) {
        ledger.recordEcho();
        return answer(request, new Decision(ResponseCode.APPROVED, null, null));
    }

    private static HostAction unanswered(InjectedFault fault, TransactionKey key) {
        log.debug("Injected {} for {}", fault, key);
        return fault == InjectedFault.CONNECTION_CLOSED ? HostAction.CLOSE_CONNECTION : HostAction.NO_ANSWER;
    }

    private HostAction answer(IsoMessage request, Decision decision) {
        IsoMessage answer = messages.newMessage((request.getType() & ~0xF) + 0x10);
        answer.copyFieldsFrom(request, Arrays.stream(ECHOED).filter(request::hasField).toArray());
        if (decision.rrn() != null) {
            answer.setValue(RRN, decision.rrn(), IsoType.ALPHA, 12);
        }
        if (decision.authCode() != null) {
            answer.setValue(AUTH_CODE, decision.authCode(), IsoType.ALPHA, 6);
        }
        answer.setValue(RESPONSE_CODE, decision.responseCode().code(), IsoType.ALPHA, 2);
        return new HostAction.Answer(answer);
    }

    /** The request's fields, or empty when one is missing or malformed, which makes it a format error. */
    private static Optional<AuthorizationRequest> authorizationOf(IsoMessage request) {
        if (!request.hasEveryField(REQUIRED_IN_AUTHORIZATION)) {
            return Optional.empty();
        }
        String pan = text(request, PAN);
        String expiry = text(request, EXPIRY);
        long amount = Long.parseLong(text(request, AMOUNT));
        if (pan.isEmpty() || !pan.chars().allMatch(Character::isDigit) || !IssuerRules.isExpiry(expiry) || amount < 1) {
            return Optional.empty();
        }
        return Optional.of(new AuthorizationRequest(keyOf(request), pan, amount, expiry, text(request, CURRENCY)));
    }

    /**
     * A completion's or refund's fields, or empty when one is missing or malformed: field 90 must name an 0100,
     * field 2 (optional) be digits, field 60 (completions, optional) be {@code F} or {@code P}, field 3 (refunds)
     * be six digits.
     */
    private static Optional<LifecycleRequest> lifecycleOf(IsoMessage request, LifecycleRequest.Action action) {
        if (!request.hasEveryField(REQUIRED_IN_LIFECYCLE)) {
            return Optional.empty();
        }
        String original = text(request, ORIGINAL_DATA_ELEMENTS);
        String pan = text(request, PAN);
        String indicator = text(request, COMPLETION_INDICATOR);
        String processingCode = text(request, PROCESSING_CODE);
        boolean malformed = original.length() != 42 || !original.startsWith(ORIGINAL_AUTHORIZATION_TYPE)
                || pan != null && (pan.isEmpty() || !pan.chars().allMatch(Character::isDigit))
                || indicator != null && !indicator.equals(FINAL_COMPLETION) && !indicator.equals(PARTIAL_COMPLETION)
                || action == LifecycleRequest.Action.REFUND && (processingCode == null || processingCode.length() != 6);
        if (malformed) {
            return Optional.empty();
        }
        TransactionKey key = keyOf(request);
        TransactionKey authorization = new TransactionKey(key.terminalId(), key.merchantId(), original.substring(4, 10),
                original.substring(10, 20));
        boolean finalCompletion = action == LifecycleRequest.Action.COMPLETION && FINAL_COMPLETION.equals(indicator);
        return Optional.of(new LifecycleRequest(action, key, authorization, Long.parseLong(text(request, AMOUNT)),
                text(request, CURRENCY), pan, finalCompletion));
    }

    private static boolean isRefund(String processingCode) {
        return processingCode.startsWith(REFUND_TRANSACTION_TYPE);
    }

    private static TransactionKey keyOf(IsoMessage request) {
        return new TransactionKey(text(request, TERMINAL_ID), text(request, CARD_ACCEPTOR_ID), text(request, STAN),
                text(request, TRANSMISSION_DATE_TIME));
    }

    /** Null for anything j8583 cannot read; its exceptions may quote the message, card number included, so they are not logged. */
    private @Nullable IsoMessage parse(byte[] frame) {
        try {
            return messages.parseMessage(frame, 0);
        } catch (Exception unreadable) {
            log.debug("Ignored a message that is not ISO 8583 as the Lion Bank speaks it ({} bytes)", frame.length);
            return null;
        }
    }
}
