package io.paygate.acquirer.piggybank.adapter.out.bank;

import io.paygate.acquirer.piggybank.domain.BankDecision;
import io.paygate.acquirer.piggybank.domain.CardAuthorization;
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

/**
 * One request to the Piggy Bank's {@code POST /payments}, and what its answer means.
 * Only a definitive answer becomes a {@link BankDecision}. No answer (a 5xx or 429, no connection, no answer in time)
 * is a {@link BankUnreachableException} for the retry policy, which the bank's idempotency key makes safe; any other
 * answer is an {@link UnexpectedBankAnswerException}, which asking again would not change.
 */
class PiggyBankApi {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(PiggyBankApi.class);

    private final RestClient client;

    PiggyBankApi(RestClient client) {
        this.client = client;
    }

    BankDecision authorize(CardAuthorization authorization) {
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
            // Connection refused, connect or read timeout, connection reset: the bank may or may not have acted.
            throw new BankUnreachableException("No answer from the Piggy Bank: " + e.getMessage(), e);
        }
    }

    private static BankDecision decide(String paymentId, ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        if (status.isSameCodeAs(HttpStatus.OK)) {
            PiggyBankAnswer answer = answer(response);
            if (Boolean.TRUE.equals(answer.authorized()) && answer.authorizationCode() != null
                    && !answer.authorizationCode().isBlank()) {
                return new BankDecision.Approved(answer.authorizationCode());
            }
            if (Boolean.FALSE.equals(answer.authorized())) {
                return new BankDecision.Refused();
            }
            throw new UnexpectedBankAnswerException("The Piggy Bank answered 200 without a decision or an authorization code");
        }
        if (status.isSameCodeAs(HttpStatus.BAD_REQUEST)) {
            log.warn("Piggy Bank rejected the request for payment {} as malformed: {}", paymentId, errorMessage(response));
            return new BankDecision.RequestRejected();
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

    private static PiggyBankAnswer answer(ConvertibleClientHttpResponse response) {
        try {
            PiggyBankAnswer answer = response.bodyTo(PiggyBankAnswer.class);
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
