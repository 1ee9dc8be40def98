package io.paygate.acquirer.support.application;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.support.application.port.out.AuthorizationResultPublisher;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.testing.ScriptedBank;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.events.card.CardEnvelope;
import io.paygate.events.card.CardEnvelopeException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.paygate.acquirer.support.testing.ScriptedBank.APPROVED_CARD;
import static io.paygate.acquirer.support.testing.ScriptedBank.DECLINED_CARD;
import static io.paygate.acquirer.support.testing.ScriptedBank.UNAVAILABLE_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Open the card, ask the bank through its call policy, publish the answer: with a scripted bank and a set clock. */
class AuthorizePaymentServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(2);
    private static final String REPLY_TO = "payment-service.instance-1";
    private static final CardCipher CIPHER = CardCipher.fromConfiguration("test:" + randomKey(), "test");

    private final ScriptedBank bank = new ScriptedBank(LONGEST_REQUEST);
    private final RecordingPublisher results = new RecordingPublisher();
    private final AuthorizePaymentService service = service(results);

    @Test
    void publishes_the_banks_approval_with_its_authorization_code_to_whoever_asked() {
        AuthorizePayment command = command("pay_1", APPROVED_CARD, null);

        AuthorizationResult result = service.authorize(command);

        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.authCode()).isNotBlank();
        assertThat(result.processedOn()).isEqualTo(NOW);
        assertThat(results.published).containsExactly(new Published(result, REPLY_TO));
        assertThat(bank.requestsFor("pay_1")).isOne();
    }

    @Test
    void publishes_the_response_code_the_bank_declined_with() {
        AuthorizationResult result = service.authorize(command("pay_2", DECLINED_CARD, null));

        assertThat(result.responseCode()).isEqualTo(ResponseCode.INSUFFICIENT_FUNDS);
        assertThat(results.published).extracting(Published::result).containsExactly(result);
    }

    @Test
    void declines_as_issuer_unavailable_when_the_bank_gives_no_answer() {
        AuthorizationResult result = service.authorize(command("pay_3", UNAVAILABLE_CARD, null));

        assertThat(result.responseCode()).isEqualTo(ResponseCode.ISSUER_UNAVAILABLE);
        assertThat(results.published).extracting(Published::result).containsExactly(result);
    }

    @Test
    void declines_as_too_late_without_asking_the_bank_a_command_that_expires_before_its_answer() {
        AuthorizationResult result = service.authorize(command("pay_4", APPROVED_CARD, NOW.plusSeconds(1)));

        assertThat(result.responseCode()).isEqualTo(ResponseCode.RESPONSE_TOO_LATE);
        assertThat(bank.requestsFor("pay_4")).isZero();
        assertThat(results.published).extracting(Published::result).containsExactly(result);
    }

    @Test
    void asks_the_bank_nothing_and_publishes_nothing_for_a_card_that_does_not_open() {
        CardCipher rogue = CardCipher.fromConfiguration("rogue:" + randomKey(), "rogue");
        AuthorizePayment command = command("pay_5", rogue.seal(new CardData(APPROVED_CARD, "737", 3, 2030), "pay_5"), null);

        assertThatThrownBy(() -> service.authorize(command)).isInstanceOf(CardEnvelopeException.class);

        assertThat(bank.requestCount()).isZero();
        assertThat(results.published).isEmpty();
    }

    @Test
    void lets_a_result_the_broker_did_not_take_fail_the_command() {
        AuthorizePaymentService unconfirmed = service((result, replyTo) -> {
            throw new ResultNotPublishedException("Result of payment " + result.paymentId() + " was not confirmed");
        });

        assertThatThrownBy(() -> unconfirmed.authorize(command("pay_6", APPROVED_CARD, null)))
                .isInstanceOf(ResultNotPublishedException.class);
    }

    private AuthorizePaymentService service(AuthorizationResultPublisher publisher) {
        var retry = new BankCallSettings.Retry(3, Duration.ofMillis(1), 1, Duration.ofMillis(1), Duration.ZERO);
        var breaker = new BankCallSettings.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var policy = new BankCallPolicy(bank, retry.policy(), retry.policy(),
                CircuitBreaker.of("acquiringBank", breaker.config()), clock);
        return new AuthorizePaymentService(CIPHER, policy, publisher, clock, "scriptedbank");
    }

    private static AuthorizePayment command(String paymentId, String cardNumber, Instant expiresAt) {
        return command(paymentId, CIPHER.seal(new CardData(cardNumber, "737", 3, 2030), paymentId), expiresAt);
    }

    private static AuthorizePayment command(String paymentId, CardEnvelope card, Instant expiresAt) {
        return new AuthorizePayment(paymentId, "mer_test", "acq-mer-001", 1050, "GBP", card, REPLY_TO, NOW, expiresAt);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private record Published(AuthorizationResult result, String replyTo) {
    }

    private static final class RecordingPublisher implements AuthorizationResultPublisher {

        private final List<Published> published = new ArrayList<>();

        @Override
        public void publish(AuthorizationResult result, String replyTo) {
            published.add(new Published(result, replyTo));
        }
    }
}
