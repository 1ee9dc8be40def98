package io.paygate.acquirer.support.application;

import io.paygate.acquirer.support.application.port.in.AuthorizePaymentUseCase;
import io.paygate.acquirer.support.application.port.out.AuthorizationResultPublisher;
import io.paygate.acquirer.support.domain.BankDecision;
import io.paygate.acquirer.support.domain.CardAuthorization;
import io.paygate.events.AuthorizePayment;
import io.paygate.events.AuthorizationResult;
import io.paygate.events.card.CardCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens the card, asks the bank, publishes its answer. The clear card lives only on this call's stack:
 * nothing here keeps, caches or logs it. A command that has expired, or would before the bank could answer, is
 * declined {@code 20068} without asking the bank (see {@link BankCallPolicy#authorize}); the gateway has declined the
 * payment by then, or is about to, so that answer only confirms it.
 */
public class AuthorizePaymentService implements AuthorizePaymentUseCase {

    private static final Logger log = LoggerFactory.getLogger(AuthorizePaymentService.class);

    private final CardCipher cardCipher;
    private final BankCallPolicy bank;
    private final AuthorizationResultPublisher results;
    private final Clock clock;
    private final String acquirer;

    /** @param acquirer the code of this adapter's acquirer, which every result names */
    public AuthorizePaymentService(CardCipher cardCipher, BankCallPolicy bank, AuthorizationResultPublisher results,
                                   Clock clock, String acquirer) {
        this.cardCipher = cardCipher;
        this.bank = bank;
        this.results = results;
        this.clock = clock;
        this.acquirer = acquirer;
    }

    @Override
    public AuthorizationResult authorize(AuthorizePayment command) {
        var authorization = new CardAuthorization(command.paymentId(), command.acquirerMerchantId(),
                cardCipher.open(command.card(), command.paymentId()), command.amount(), command.currency(),
                command.expiresAt());
        Instant asked = clock.instant();
        BankDecision decision = bank.authorize(authorization);
        AuthorizationResult result = decision.toResult(command.paymentId(), acquirer, clock.instant());
        // One line per decision: with its trace id, it follows the payment through every service's log.
        log.info("Payment {}: {} ({}) from {} after {} ms", command.paymentId(), decision.getClass().getSimpleName(),
                result.responseCode().code(), acquirer, Duration.between(asked, result.processedOn()).toMillis());
        results.publish(result, command.replyTo());
        return result;
    }
}
