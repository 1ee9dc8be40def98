package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.AUTH_CODE;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.RESPONSE_CODE;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.RRN;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.text;

/**
 * The Lion Bank behind acquirer-support's bank port: one ISO 8583 request (0100, 0400/0401, 0220/0221 or 0200) on
 * the shared connection, and what its answer means. Each payment is one transaction to the host, and so is each
 * capture or refund (see {@link TransactionReference}), so the library's retries are answered as duplicates.
 */
class LionBank implements AcquiringBank {

    private static final Logger log = LoggerFactory.getLogger(LionBank.class);
    private static final String FORMAT_ERROR = "30";

    private final LionBankConnection connection;
    private final LionBankRequests requests;
    private final Duration longestRequest;
    /**
     * Payments whose 0400 went unanswered: asking again is then an 0401, a repeat. Forgotten once the host answers,
     * so it holds only reversals still owed; after a restart a repeat goes out as an 0400, which the host takes too.
     */
    private final Set<String> unansweredReversals = ConcurrentHashMap.newKeySet();
    /** Actions whose 0220 went unanswered, by action id: asking again is then an 0221, like the reversals. */
    private final Set<String> unansweredCompletions = ConcurrentHashMap.newKeySet();

    LionBank(LionBankConnection connection, LionBankRequests requests, Duration longestRequest) {
        this.connection = connection;
        this.requests = requests;
        this.longestRequest = longestRequest;
    }

    @Override
    public String name() {
        return "Lion Bank";
    }

    @Override
    public Duration longestRequest() {
        return longestRequest;
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        IsoMessage answer = connection.exchange(requests.authorization(authorization));
        String responseCode = text(answer, RESPONSE_CODE);
        if (FORMAT_ERROR.equals(responseCode)) {
            // Declined like any refusal, but it means this adapter built a request the host cannot read.
            log.warn("The Lion Bank found the request for payment {} malformed", authorization.paymentId());
        }
        log.debug("Lion Bank answered {} to payment {} (RRN {})", responseCode, authorization.paymentId(),
                text(answer, RRN));
        return AuthorizationAnswer.decision(responseCode, text(answer, AUTH_CODE), text(answer, RRN));
    }

    /** The host answers 00 whether or not it held an approval: a reversal that came first refuses its 0100. */
    @Override
    public ReversalOutcome reverse(PaymentReversal reversal) {
        String paymentId = reversal.paymentId();
        IsoMessage request = requests.reversal(reversal, unansweredReversals.contains(paymentId));
        unansweredReversals.add(paymentId);
        IsoMessage answer = connection.exchange(request);
        String responseCode = text(answer, RESPONSE_CODE);
        unansweredReversals.remove(paymentId);
        return switch (responseCode) {
            case "00" -> ReversalOutcome.REVERSED;
            case "91", "96" -> throw new BankUnreachableException("The Lion Bank answered " + responseCode);
            default -> throw new IllegalStateException("The Lion Bank answered " + responseCode + " to a reversal");
        };
    }

    /**
     * A capture is a completion (0220, 0221 when one went unanswered), a refund a financial request (0200, processing
     * code {@code 20xxxx}), both naming the authorisation in field 90; a void is the reversal (0400/0401) of the
     * authorisation, which the host answers 00 (after a capture it releases only what was not captured).
     */
    @Override
    public ActionDecision act(PaymentActionRequest action) {
        return switch (action.type()) {
            case CAPTURE -> exchangeRemembering(unansweredCompletions, action.actionId(),
                    repeat -> requests.completion(action, repeat), action, "a completion");
            case REFUND -> answer(connection.exchange(requests.refund(action)), action, "a refund");
            case VOID -> exchangeRemembering(unansweredReversals, action.paymentId(),
                    repeat -> requests.voiding(action, repeat), action, "a void");
        };
    }

    /** Sends the request as a repeat when an earlier one with this key went unanswered. */
    private ActionDecision exchangeRemembering(Set<String> unanswered, String key,
                                               Function<Boolean, IsoMessage> request,
                                               PaymentActionRequest action, String subject) {
        IsoMessage sent = request.apply(unanswered.contains(key));
        unanswered.add(key);
        IsoMessage answer = connection.exchange(sent);
        unanswered.remove(key);
        return answer(answer, action, subject);
    }

    private static ActionDecision answer(IsoMessage answer, PaymentActionRequest action, String subject) {
        String responseCode = text(answer, RESPONSE_CODE);
        log.debug("Lion Bank answered {} to {} of payment {} (action {}, RRN {})", responseCode, subject,
                action.paymentId(), action.actionId(), text(answer, RRN));
        return ActionAnswer.decision(responseCode, text(answer, RRN), subject);
    }
}
