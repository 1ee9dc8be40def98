package io.paygate.acquirer.support.application;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paygate.acquirer.support.application.port.out.ActionResultPublisher;
import io.paygate.acquirer.support.application.port.out.ResultNotPublishedException;
import io.paygate.acquirer.support.configuration.BankCallSettings;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.testing.ScriptedBank;
import io.paygate.events.ActionType;
import io.paygate.events.PaymentActionCommand;
import io.paygate.events.PaymentActionResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.card.CardData;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.paygate.acquirer.support.testing.ScriptedBank.APPROVED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ask the bank through its call policy, publish only the bank's answer: with a scripted bank and a set clock. */
class PaymentActionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(2);
    private static final BankCallSettings.Retry QUICK_RETRIES =
            new BankCallSettings.Retry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(5));

    private final ScriptedBank bank = new ScriptedBank(LONGEST_REQUEST);
    private final List<PaymentActionResult> published = new CopyOnWriteArrayList<>();
    private final PaymentActionService service = service(published::add);

    @Test
    void publishes_the_banks_approval_with_its_reference() {
        approve("pay_1");

        PaymentActionResult result = service.act(command("act_1", "pay_1", NOW.plusSeconds(60))).orElseThrow();

        assertThat(result.responseCode()).isEqualTo(ResponseCode.APPROVED);
        assertThat(result.acquirerReference()).isEqualTo("ref-act_1");
        assertThat(result.type()).isEqualTo(ActionType.CAPTURE);
        assertThat(result.acquirer()).isEqualTo("scriptedbank");
        assertThat(result.processedOn()).isEqualTo(NOW);
        assertThat(published).containsExactly(result);
    }

    @Test
    void publishes_the_banks_decline() {
        PaymentActionResult result = service.act(command("act_2", "pay_unknown", NOW.plusSeconds(60))).orElseThrow();

        assertThat(result.responseCode()).isEqualTo(ResponseCode.NO_ORIGINAL);
        assertThat(published).containsExactly(result);
    }

    @Test
    void publishes_nothing_when_the_bank_gives_no_answer() {
        bank.failNextActions(4);

        assertThat(service.act(command("act_3", "pay_3", NOW.plusSeconds(60)))).isEmpty();

        assertThat(published).isEmpty();
        assertThat(bank.requestsForAction("act_3")).isEqualTo(4);
    }

    @Test
    void publishes_nothing_for_a_command_that_expires_before_an_answer_is_sure() {
        assertThat(service.act(command("act_4", "pay_4", NOW.plus(LONGEST_REQUEST).minusMillis(1)))).isEmpty();

        assertThat(published).isEmpty();
        assertThat(bank.requestsForAction("act_4")).isZero();
    }

    @Test
    void says_so_when_the_broker_does_not_take_the_result() {
        PaymentActionService refused = service(result -> {
            throw new ResultNotPublishedException("Result of action " + result.actionId() + " was not confirmed");
        });

        assertThatThrownBy(() -> refused.act(command("act_5", "pay_5", NOW.plusSeconds(60))))
                .isInstanceOf(ResultNotPublishedException.class);
    }

    private void approve(String paymentId) {
        bank.authorize(new CardAuthorization(paymentId, "acq_merchant_1", new CardData(APPROVED_CARD, "737", 3, 2030),
                1050, "GBP", null));
    }

    private PaymentActionService service(ActionResultPublisher results) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var policy = new BankCallPolicy(bank, QUICK_RETRIES.policy(), QUICK_RETRIES.policy(),
                CircuitBreaker.ofDefaults("acquiringBank"), clock);
        return new PaymentActionService(policy, results, clock, "scriptedbank");
    }

    private static PaymentActionCommand command(String actionId, String paymentId, Instant expiresAt) {
        return new PaymentActionCommand(actionId, ActionType.CAPTURE, paymentId, "mer_test", "acq_merchant_1", null,
                1050, "GBP", false, NOW, expiresAt);
    }
}
