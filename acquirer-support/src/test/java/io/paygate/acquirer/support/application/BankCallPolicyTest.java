package io.paygate.acquirer.support.application;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;
import io.paygate.acquirer.support.testing.ScriptedBank;
import io.paygate.events.ActionType;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.paygate.acquirer.support.testing.ScriptedBank.APPROVED_CARD;
import static io.paygate.acquirer.support.testing.ScriptedBank.DECLINED_CARD;
import static io.paygate.acquirer.support.testing.ScriptedBank.UNAVAILABLE_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The retries, the command's expiry and the circuit breaker around any bank. The breaker opens once half of 4
 * payments found the bank down, waits 200 ms, then lets 2 trial payments decide.
 */
@ExtendWith(OutputCaptureExtension.class)
class BankCallPolicyTest {

    private static final Duration LONGEST_REQUEST = Duration.ofMillis(800);
    private static final int MINIMUM_PAYMENTS = 4;
    private static final int TRIAL_PAYMENTS = 2;
    private static final BankCallSettings.CircuitBreaker BREAKER = new BankCallSettings.CircuitBreaker(
            50, MINIMUM_PAYMENTS, MINIMUM_PAYMENTS, Duration.ofMillis(200), TRIAL_PAYMENTS);
    private static final BankCallSettings.Retry QUICK_RETRIES =
            new BankCallSettings.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));

    private final ScriptedBank bank = new ScriptedBank(LONGEST_REQUEST);
    private final CircuitBreaker circuitBreaker = CircuitBreaker.of("acquiringBank", BREAKER.config());
    private final BankCallPolicy policy = policy(QUICK_RETRIES, Clock.systemUTC());

    /** Also cancels a pending move to half-open, which would otherwise log into the next test's output. */
    @AfterEach
    void closeCircuit() {
        circuitBreaker.transitionToClosedState();
    }

    @Test
    void takes_an_approval_or_a_decline_as_final() {
        CardAuthorization approved = authorization(APPROVED_CARD);
        CardAuthorization declined = authorization(DECLINED_CARD);

        assertThat(policy.authorize(approved)).isInstanceOf(BankDecision.Approved.class);
        assertThat(policy.authorize(declined)).isInstanceOf(BankDecision.Declined.class);

        assertThat(bank.requestsFor(approved.paymentId())).isOne();
        assertThat(bank.requestsFor(declined.paymentId())).isOne();
    }

    @Test
    void retries_a_bank_that_gives_no_answer_then_finds_the_issuer_unavailable() {
        CardAuthorization authorization = authorization(UNAVAILABLE_CARD);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.IssuerUnavailable.class);

        assertThat(bank.requestsFor(authorization.paymentId())).isEqualTo(4);
    }

    @Test
    void finds_the_payment_not_sent_when_no_attempt_reached_the_bank() {
        CardAuthorization authorization = authorization(APPROVED_CARD);
        bank.refuseNextConnections(4);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.NotSent.class);

        assertThat(bank.requestsFor(authorization.paymentId())).isZero();
    }

    @Test
    void finds_the_issuer_unavailable_when_one_attempt_may_have_reached_the_bank() {
        CardAuthorization authorization = authorization(UNAVAILABLE_CARD);
        bank.refuseNextConnections(3);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.IssuerUnavailable.class);

        assertThat(bank.requestsFor(authorization.paymentId())).isOne();
    }

    @Test
    void approves_once_the_bank_recovers_from_a_transient_failure() {
        CardAuthorization authorization = authorization(APPROVED_CARD);
        bank.failNext(2);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.Approved.class);

        assertThat(bank.requestsFor(authorization.paymentId())).isEqualTo(3);
    }

    @Test
    void does_not_retry_an_answer_outside_the_banks_api() {
        CardAuthorization authorization = authorization(APPROVED_CARD);
        bank.answerNextOutsideItsApi();

        assertThatThrownBy(() -> policy.authorize(authorization))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining(authorization.paymentId());
        assertThat(bank.requestsFor(authorization.paymentId())).isOne();
    }

    @Test
    void does_not_call_the_bank_for_a_command_that_expires_before_an_answer_is_sure_to_come(CapturedOutput output) {
        CardAuthorization authorization = expiringAt(Instant.now().plus(LONGEST_REQUEST).minusMillis(100), APPROVED_CARD);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.Expired.class);

        assertThat(bank.requestsFor(authorization.paymentId())).isZero();
        assertThat(output).contains("Not asking the Scripted Bank for payment " + authorization.paymentId())
                .doesNotContain(APPROVED_CARD);
    }

    @Test
    void does_not_call_the_bank_for_a_command_that_has_expired() {
        CardAuthorization authorization = expiringAt(Instant.now().minusSeconds(1), APPROVED_CARD);

        assertThat(policy.authorize(authorization)).isInstanceOf(BankDecision.Expired.class);
        assertThat(bank.requestsFor(authorization.paymentId())).isZero();
    }

    @Test
    void calls_the_bank_while_a_request_is_sure_to_be_over_by_the_expiry() {
        Instant now = Instant.parse("2026-11-26T10:15:30Z");
        CardAuthorization authorization = expiringAt(now.plus(LONGEST_REQUEST), APPROVED_CARD);

        BankDecision decision = policy(QUICK_RETRIES, secondPerRequest(authorization.paymentId(), now))
                .authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Approved.class);
        assertThat(bank.requestsFor(authorization.paymentId())).isOne();
    }

    @Test
    void stops_retrying_once_another_request_could_outlast_the_command(CapturedOutput output) {
        Instant start = Instant.parse("2026-11-26T10:15:30Z");
        // Each request moves the clock 1 s on: the first starts at 0 s and the retry at 1 s are over by the expiry at
        // 2.5 s, a second retry at 2 s might not be.
        CardAuthorization authorization = expiringAt(start.plusMillis(2500), UNAVAILABLE_CARD);

        BankDecision decision = policy(QUICK_RETRIES, secondPerRequest(authorization.paymentId(), start))
                .authorize(authorization);

        assertThat(decision).isInstanceOf(BankDecision.Expired.class);
        assertThat(bank.requestsFor(authorization.paymentId())).isEqualTo(2);
        assertThat(output).contains("Stopped retrying payment " + authorization.paymentId() + " after 2 attempts")
                .doesNotContain(UNAVAILABLE_CARD);
    }

    @Test
    void reverses_what_the_bank_approved_and_retries_a_reversal_it_cannot_take_now() {
        CardAuthorization authorization = authorization(APPROVED_CARD);
        policy.authorize(authorization);
        bank.failNextReversals(2);

        assertThat(policy.reverse(new PaymentReversal(authorization.paymentId(), "acq_merchant_1"))).isEqualTo(ReversalOutcome.REVERSED);

        assertThat(bank.reversalsOf(authorization.paymentId())).isEqualTo(3);
    }

    @Test
    void finds_the_bank_unavailable_for_a_reversal_once_its_retries_are_spent() {
        String paymentId = paymentId();
        bank.failNextReversals(4);

        assertThat(policy.reverse(new PaymentReversal(paymentId, "acq_merchant_1"))).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);

        assertThat(bank.reversalsOf(paymentId)).isEqualTo(4);
    }

    @Test
    void opens_after_payments_the_bank_left_unanswered_then_declines_without_calling_it() {
        IntStream.range(1, MINIMUM_PAYMENTS).forEach(i -> assertThat(authorize(UNAVAILABLE_CARD))
                .isInstanceOf(BankDecision.IssuerUnavailable.class));
        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);

        authorize(UNAVAILABLE_CARD);

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.NotSent.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
        assertThat(circuitBreaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void counts_a_payment_once_however_many_attempts_it_took() {
        CardAuthorization unanswered = authorization(UNAVAILABLE_CARD);
        policy.authorize(unanswered);
        bank.failNext(2);
        CardAuthorization answeredOnTheThirdAttempt = authorization(APPROVED_CARD);

        assertThat(policy.authorize(answeredOnTheThirdAttempt)).isInstanceOf(BankDecision.Approved.class);

        assertThat(bank.requestsFor(unanswered.paymentId())).isEqualTo(4);
        assertThat(bank.requestsFor(answeredOnTheThirdAttempt.paymentId())).isEqualTo(3);
        CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void never_counts_a_decline_as_a_failure() {
        IntStream.range(0, MINIMUM_PAYMENTS * 2).forEach(i -> authorize(DECLINED_CARD));

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(circuitBreaker.getMetrics().getFailureRate()).isZero();
    }

    @Test
    void leaves_answers_it_cannot_use_out_of_the_count() {
        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> {
            bank.answerNextOutsideItsApi();
            assertThatThrownBy(() -> authorize(APPROVED_CARD)).isInstanceOf(IllegalStateException.class);
        });

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(circuitBreaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void closes_again_once_the_trial_payments_after_the_open_wait_get_answers() {
        open();

        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.Approved.class);
        assertThat(circuitBreaker.getState()).isEqualTo(State.HALF_OPEN);
        assertThat(authorize(DECLINED_CARD)).isInstanceOf(BankDecision.Declined.class);

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void opens_again_when_the_trial_payments_find_the_bank_still_down() {
        open();
        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);

        IntStream.range(0, TRIAL_PAYMENTS).forEach(i -> authorize(UNAVAILABLE_CARD));

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.NotSent.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void stops_retrying_a_payment_when_the_breaker_opens_meanwhile() throws Exception {
        // Half a second before the first retry: time enough for the breaker to open in between.
        BankCallPolicy patient = policy(
                new BankCallSettings.Retry(3, Duration.ofMillis(500), 2, Duration.ofSeconds(2), Duration.ZERO),
                Clock.systemUTC());
        CardAuthorization payment = authorization(UNAVAILABLE_CARD);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<BankDecision> decision = CompletableFuture.supplyAsync(() -> patient.authorize(payment), executor);
            await().atMost(Duration.ofSeconds(5)).until(() -> bank.requestsFor(payment.paymentId()) == 1);
            circuitBreaker.transitionToOpenStateFor(Duration.ofMinutes(1));

            // Well before the 3.5 s its three retries would take.
            assertThat(decision.get(2, TimeUnit.SECONDS)).isInstanceOf(BankDecision.IssuerUnavailable.class);
        }
        assertThat(bank.requestsFor(payment.paymentId())).isOne();
    }

    @Test
    void logs_each_change_of_state_once_and_no_declined_payment(CapturedOutput output) {
        open();
        List<CardAuthorization> declined = IntStream.range(0, 5).mapToObj(i -> authorization(APPROVED_CARD)).toList();
        declined.forEach(policy::authorize);
        await().atMost(Duration.ofSeconds(5)).until(() -> circuitBreaker.getState() == State.HALF_OPEN);
        IntStream.range(0, TRIAL_PAYMENTS).forEach(i -> authorize(APPROVED_CARD));

        assertThat(circuitBreaker.getState()).isEqualTo(State.CLOSED);
        assertThat(occurrences(output, "WARN .* Scripted Bank circuit breaker CLOSED -> OPEN: 100 % of the last payments"))
                .isOne();
        assertThat(occurrences(output, "WARN .* Scripted Bank circuit breaker OPEN -> HALF_OPEN: letting 2 trial payments"))
                .isOne();
        assertThat(occurrences(output, "WARN .* Scripted Bank circuit breaker HALF_OPEN -> CLOSED")).isOne();
        declined.forEach(payment -> assertThat(output).doesNotContain(payment.paymentId()));
        // Whatever the log level, no card number anywhere.
        assertThat(output).doesNotContain(APPROVED_CARD).doesNotContain(UNAVAILABLE_CARD);
    }

    @Test
    void defers_a_reversal_without_calling_the_bank_while_the_circuit_is_open() {
        CardAuthorization approved = authorization(APPROVED_CARD);
        policy.authorize(approved);
        open();

        assertThat(policy.reverse(new PaymentReversal(approved.paymentId(), "acq_merchant_1"))).isEqualTo(ReversalOutcome.BANK_UNAVAILABLE);

        assertThat(bank.reversalsOf(approved.paymentId())).isZero();
    }

    @Test
    void counts_reversals_the_bank_leaves_unanswered_against_the_same_bank_as_payments() {
        bank.failNextReversals(MINIMUM_PAYMENTS * 4);

        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> assertThat(policy.reverse(new PaymentReversal(paymentId(), "acq_merchant_1")))
                .isEqualTo(ReversalOutcome.BANK_UNAVAILABLE));

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.NotSent.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void takes_the_banks_answer_to_an_action_as_final() {
        CardAuthorization approved = authorization(APPROVED_CARD);
        policy.authorize(approved);
        PaymentActionRequest capture = capture(approved.paymentId(), null);
        PaymentActionRequest unknown = capture(paymentId(), null);

        assertThat(policy.act(capture)).contains(new ActionDecision.Approved("ref-" + capture.actionId()));
        assertThat(policy.act(unknown)).contains(new ActionDecision.Declined(ResponseCode.NO_ORIGINAL));

        assertThat(bank.requestsForAction(capture.actionId())).isOne();
        assertThat(bank.requestsForAction(unknown.actionId())).isOne();
    }

    @Test
    void retries_an_action_the_bank_leaves_unanswered_with_the_same_action_id() {
        CardAuthorization approved = authorization(APPROVED_CARD);
        policy.authorize(approved);
        PaymentActionRequest capture = capture(approved.paymentId(), null);
        bank.failNextActions(2);

        assertThat(policy.act(capture)).containsInstanceOf(ActionDecision.Approved.class);

        assertThat(bank.requestsForAction(capture.actionId())).isEqualTo(3);
    }

    @Test
    void finds_no_answer_to_an_action_once_its_retries_are_spent() {
        PaymentActionRequest capture = capture(paymentId(), null);
        bank.failNextActions(4);

        assertThat(policy.act(capture)).isEmpty();

        assertThat(bank.requestsForAction(capture.actionId())).isEqualTo(4);
        assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isOne();
    }

    @Test
    void does_not_call_the_bank_for_an_action_that_expires_before_an_answer_is_sure_to_come(CapturedOutput output) {
        PaymentActionRequest capture = capture(paymentId(), Instant.now().plus(LONGEST_REQUEST).minusMillis(100));

        assertThat(policy.act(capture)).isEmpty();

        assertThat(bank.requestsForAction(capture.actionId())).isZero();
        assertThat(output).contains("Not asking the Scripted Bank for action " + capture.actionId());
    }

    @Test
    void stops_retrying_an_action_once_another_request_could_outlast_its_command() {
        Instant start = Instant.parse("2026-11-26T10:15:30Z");
        PaymentActionRequest capture = capture(paymentId(), start.plusMillis(2500));
        bank.failNextActions(4);
        // Each request moves the clock 1 s on: the retry at 2 s might not be over by the expiry at 2.5 s.
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(bank.requestsForAction(capture.actionId()));
            }
        };

        assertThat(policy(QUICK_RETRIES, clock).act(capture)).isEmpty();

        assertThat(bank.requestsForAction(capture.actionId())).isEqualTo(2);
    }

    @Test
    void does_not_call_the_bank_for_an_action_while_the_circuit_is_open() {
        open();
        PaymentActionRequest capture = capture(paymentId(), null);

        assertThat(policy.act(capture)).isEmpty();

        assertThat(bank.requestsForAction(capture.actionId())).isZero();
    }

    @Test
    void counts_actions_the_bank_leaves_unanswered_against_the_same_bank_as_payments() {
        bank.failNextActions(MINIMUM_PAYMENTS * 4);

        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> assertThat(policy.act(capture(paymentId(), null))).isEmpty());

        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
        int requestsBefore = bank.requestCount();
        assertThat(authorize(APPROVED_CARD)).isInstanceOf(BankDecision.NotSent.class);
        assertThat(bank.requestCount()).isEqualTo(requestsBefore);
    }

    private static PaymentActionRequest capture(String paymentId, Instant expiresAt) {
        return new PaymentActionRequest("act_" + UUID.randomUUID(), ActionType.CAPTURE, paymentId, "acq_merchant_1",
                null, 1050, "GBP", false, expiresAt);
    }

    private void open() {
        IntStream.range(0, MINIMUM_PAYMENTS).forEach(i -> authorize(UNAVAILABLE_CARD));
        assertThat(circuitBreaker.getState()).isEqualTo(State.OPEN);
    }

    private BankDecision authorize(String cardNumber) {
        return policy.authorize(authorization(cardNumber));
    }

    private BankCallPolicy policy(BankCallSettings.Retry retry, Clock clock) {
        return new BankCallPolicy(bank, retry.policy(), retry.policy(), circuitBreaker, clock);
    }

    /** A clock that moves one second on with every request the bank has received for the payment, and only then. */
    private Clock secondPerRequest(String paymentId, Instant start) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(bank.requestsFor(paymentId));
            }
        };
    }

    private static long occurrences(CapturedOutput output, String regex) {
        return Pattern.compile(regex).matcher(output.getAll()).results().count();
    }

    private static CardAuthorization authorization(String cardNumber) {
        return expiringAt(null, cardNumber);
    }

    private static CardAuthorization expiringAt(Instant expiresAt, String cardNumber) {
        return new CardAuthorization(paymentId(), "acq_merchant_1", new CardData(cardNumber, "737", 3, 2030), 1050, "GBP", expiresAt);
    }

    private static String paymentId() {
        return "pay_" + UUID.randomUUID();
    }
}
