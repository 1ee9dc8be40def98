package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankNotReachedException;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.events.ResponseCode;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;

/**
 * The Piggy Bank behind acquirer-support's bank port: one request to its {@code POST /payments},
 * {@code POST /payments/{key}/reversals} or {@code POST /payments/{key}/captures|voids|refunds}, and what its answer
 * means. Only a definitive answer becomes a {@link BankDecision}, a {@link ReversalOutcome} or an
 * {@link ActionDecision}. No answer (a 5xx
 * or 429, no connection, no answer in time) is a {@link BankUnreachableException} for the retry policy, which the
 * bank's idempotency key makes safe; any other answer is an {@link UnexpectedBankAnswerException}, which asking again
 * would not change.
 */
class PiggyBank implements AcquiringBank {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(PiggyBank.class);

    private final RestClient client;
    private final Duration longestRequest;

    /** @param longestRequest the connect timeout plus the read timeout of the client's requests */
    PiggyBank(RestClient client, Duration longestRequest) {
        this.client = client;
        this.longestRequest = longestRequest;
    }

    @Override
    public String name() {
        return "Piggy Bank";
    }

    @Override
    public Duration longestRequest() {
        return longestRequest;
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        String paymentId = authorization.paymentId();
        try {
            return client.post()
                    .uri("/payments")
                    .header(IDEMPOTENCY_KEY, authorization.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(PiggyBankPayment.of(authorization))
                    .exchangeForRequiredValue((request, response) -> decide(paymentId, response), true);
        } catch (ResourceAccessException e) {
            throw unreachable(e);
        }
    }

    /** The payment id is the authorisation's idempotency key, which is how the bank finds what to reverse. */
    @Override
    public ReversalOutcome reverse(PaymentReversal reversal) {
        try {
            return client.post()
                    .uri("/payments/{idempotencyKey}/reversals", reversal.paymentId())
                    .accept(MediaType.APPLICATION_JSON)
                    .exchangeForRequiredValue((request, response) -> reversal(response), true);
        } catch (ResourceAccessException e) {
            throw unreachable(e);
        }
    }

    /**
     * The payment id names the authorisation, the action id is the action's own idempotency key: a repeat of the
     * same action gets the first answer, and moves no money again.
     */
    @Override
    public ActionDecision act(PaymentActionRequest action) {
        try {
            RestClient.RequestBodySpec request = client.post()
                    .uri("/payments/{idempotencyKey}/{actions}", action.paymentId(), switch (action.type()) {
                        case CAPTURE -> "captures";
                        case VOID -> "voids";
                        case REFUND -> "refunds";
                    })
                    .header(IDEMPOTENCY_KEY, action.actionId())
                    .accept(MediaType.APPLICATION_JSON);
            switch (action.type()) {
                case CAPTURE -> request.contentType(MediaType.APPLICATION_JSON).body(PiggyBankActionRequest.capture(action));
                case REFUND -> request.contentType(MediaType.APPLICATION_JSON).body(PiggyBankActionRequest.refund(action));
                case VOID -> {
                }
            }
            return request.exchangeForRequiredValue((sent, response) -> actionDecision(action, response), true);
        } catch (ResourceAccessException e) {
            throw unreachable(e);
        }
    }

    /**
     * A refused connection or one that never opened sent nothing: the payment may go to another acquirer. After a read
     * timeout or a reset connection the bank may or may not have acted.
     */
    private static BankUnreachableException unreachable(ResourceAccessException e) {
        String message = "No answer from the Piggy Bank: " + e.getMessage();
        return e.getCause() instanceof ConnectException || e.getCause() instanceof ConnectTimeoutException
                ? new BankNotReachedException(message, e)
                : new BankUnreachableException(message, e);
    }

    private static ReversalOutcome reversal(ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        if (status.isSameCodeAs(HttpStatus.OK)) {
            if (Boolean.TRUE.equals(body(response, PiggyBankReversal.class).reversed())) {
                return ReversalOutcome.REVERSED;
            }
            throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 to a reversal without reversing");
        }
        // The bank holds no approved authorisation under this key: it declined it, or never received it.
        if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
            return ReversalOutcome.NOTHING_TO_REVERSE;
        }
        if (status.is5xxServerError() || status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
            throw new BankUnreachableException("The Piggy Bank answered " + status.value());
        }
        throw new UnexpectedBankAnswerException("The Piggy Bank answered " + status.value() + " to a reversal");
    }

    private static ActionDecision actionDecision(PaymentActionRequest action, ConvertibleClientHttpResponse response)
            throws IOException {
        HttpStatusCode status = response.getStatusCode();
        String subject = "a " + action.type().name().toLowerCase(Locale.ROOT);
        if (status.isSameCodeAs(HttpStatus.OK)) {
            PiggyBankActionAnswer answer = body(response, PiggyBankActionAnswer.class);
            if (Boolean.TRUE.equals(answer.approved())) {
                String reference = answer.reference();
                return new ActionDecision.Approved(reference == null || reference.isBlank() ? null : reference);
            }
            if (Boolean.FALSE.equals(answer.approved())) {
                return new ActionDecision.Declined(declineCode(answer.declineReason(), subject));
            }
            throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 to " + subject + " without a decision");
        }
        // The bank holds no approved authorisation under the payment id: it declined it, or never received it.
        if (status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
            return new ActionDecision.Declined(ResponseCode.NO_ORIGINAL);
        }
        if (status.is5xxServerError() || status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
            throw new BankUnreachableException("The Piggy Bank answered " + status.value());
        }
        // 422: the action id was first used for another action (another type, payment or amount); 400: a request the
        // bank cannot read. Either is the same answer however often it is asked.
        if (status.isSameCodeAs(HttpStatus.BAD_REQUEST) || status.isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
            throw new UnexpectedBankAnswerException("The Piggy Bank refused " + subject + " of payment "
                    + action.paymentId() + " with key " + action.actionId() + ": " + status.value() + " "
                    + errorMessage(response));
        }
        throw new UnexpectedBankAnswerException("The Piggy Bank answered " + status.value() + " to " + subject);
    }

    /** What the bank's reason for declining an action means for the gateway. */
    private static ResponseCode declineCode(String reason, String subject) {
        return switch (reason == null ? "" : reason) {
            case "amount_exceeds_authorized", "amount_exceeds_captured" -> ResponseCode.INVALID_AMOUNT;
            case "authorization_reversed", "authorization_voided", "authorization_closed", "already_captured" ->
                    ResponseCode.INVALID_TRANSACTION;
            default -> throw new UnexpectedBankAnswerException(
                    "The Piggy Bank declined " + subject + " for a reason it does not document: " + reason);
        };
    }

    private static BankDecision decide(String paymentId, ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        if (status.isSameCodeAs(HttpStatus.OK)) {
            PiggyBankAnswer answer = body(response, PiggyBankAnswer.class);
            if (Boolean.TRUE.equals(answer.authorized()) && answer.authorizationCode() != null
                    && !answer.authorizationCode().isBlank()) {
                return new BankDecision.Approved(answer.authorizationCode());
            }
            // The Piggy Bank gives no reason for a refusal.
            if (Boolean.FALSE.equals(answer.authorized())) {
                return new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR);
            }
            throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 without a decision or an authorization code");
        }
        if (status.isSameCodeAs(HttpStatus.BAD_REQUEST)) {
            log.warn("Piggy Bank rejected the request for payment {} as malformed: {}", paymentId, errorMessage(response));
            // A request the bank rejects is still a payment not made, and it names no reason a merchant could act on.
            return new BankDecision.Declined(ResponseCode.DO_NOT_HONOUR);
        }
        // 429 says, like 503, that the bank did not take the request now; later, with the same key, it may.
        if (status.is5xxServerError() || status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
            throw new BankUnreachableException("The Piggy Bank answered " + status.value());
        }
        throw new UnexpectedBankAnswerException("The Piggy Bank answered " + status.value());
    }

    /** The bank's message names the faulty field; its digits are masked in case it quotes the card. */
    private static String errorMessage(ConvertibleClientHttpResponse response) {
        try {
            PiggyBankError error = response.bodyTo(PiggyBankError.class);
            return error == null || error.errorMessage() == null ? "(no message)" : error.errorMessage().replaceAll("\\d", "#");
        } catch (RestClientException e) {
            return "(unreadable message)";
        }
    }

    private static <T> T body(ConvertibleClientHttpResponse response, Class<T> type) {
        try {
            T answer = response.bodyTo(type);
            if (answer == null) {
                throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 without a body");
            }
            return answer;
        } catch (RestClientException e) {
            if (cutShort(e)) {
                throw new BankUnreachableException("The Piggy Bank's answer was cut short: " + e.getMessage(), e);
            }
            throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 with an unreadable body", e);
        }
    }

    /** A connection lost while reading the body surfaces as an I/O error somewhere down the chain; bad JSON does not. */
    private static boolean cutShort(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
