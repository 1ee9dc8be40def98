package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.AUTH_CODE;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.RESPONSE_CODE;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.RRN;
import static io.paygate.acquirer.lionbank.adapter.out.bank.LionBankMessages.text;

/**
 * The Lion Bank behind acquirer-support's bank port: one ISO 8583 request (0100 or 0400/0401) on the shared
 * connection, and what its answer means. Each payment is one transaction to the host (see
 * {@link TransactionReference}), so the library's retries are answered as duplicates.
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
}
