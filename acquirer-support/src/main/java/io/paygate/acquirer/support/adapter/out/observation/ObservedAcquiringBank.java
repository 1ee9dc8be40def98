package io.paygate.acquirer.support.adapter.out.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.paygate.acquirer.support.application.port.out.AcquiringBank;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import io.paygate.acquirer.support.domain.ActionDecision;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.acquirer.support.domain.PaymentActionRequest;
import io.paygate.acquirer.support.domain.PaymentReversal;
import io.paygate.acquirer.support.domain.ReversalOutcome;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Observes every request to the bank, each attempt on its own: a span in the payment's trace, and the timer
 * {@code paygate.acquirer.requests} by operation and outcome: what the bank answered, {@code unreachable} when it
 * gave no answer, {@code error} otherwise.
 */
public class ObservedAcquiringBank implements AcquiringBank {

    private static final String NAME = "paygate.acquirer.requests";

    private final AcquiringBank bank;
    private final String acquirer;
    private final ObservationRegistry registry;

    public ObservedAcquiringBank(AcquiringBank bank, String acquirer, ObservationRegistry registry) {
        this.bank = bank;
        this.acquirer = acquirer;
        this.registry = registry;
    }

    @Override
    public String name() {
        return bank.name();
    }

    @Override
    public Duration longestRequest() {
        return bank.longestRequest();
    }

    @Override
    public BankDecision authorize(CardAuthorization authorization) {
        return observed("authorize", () -> bank.authorize(authorization), decision -> switch (decision) {
            case BankDecision.Approved approved -> "approved";
            case BankDecision.Declined declined -> "declined";
            default -> "unanswered";
        });
    }

    @Override
    public ReversalOutcome reverse(PaymentReversal reversal) {
        return observed("reverse", () -> bank.reverse(reversal), outcome -> outcome.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public ActionDecision act(PaymentActionRequest action) {
        return observed(action.type().name().toLowerCase(Locale.ROOT), () -> bank.act(action),
                decision -> decision instanceof ActionDecision.Approved ? "approved" : "declined");
    }

    private <T> T observed(String operation, Supplier<T> call, Function<T, String> outcome) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(acquirer + " " + operation)
                .lowCardinalityKeyValue("acquirer", acquirer)
                .lowCardinalityKeyValue("operation", operation)
                .start();
        String result = "error";
        try (Observation.Scope scope = observation.openScope()) {
            T answer = call.get();
            result = outcome.apply(answer);
            return answer;
        } catch (BankUnreachableException e) {
            result = "unreachable";
            throw e;
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", result).stop();
        }
    }
}
