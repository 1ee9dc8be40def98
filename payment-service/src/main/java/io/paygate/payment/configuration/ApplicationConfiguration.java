package io.paygate.payment.configuration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.paygate.events.card.CardCipher;
import io.paygate.payment.adapter.in.schedule.SweepSchedule;
import io.paygate.payment.application.AcquirerFailover;
import io.paygate.payment.application.ActionPublisher;
import io.paygate.payment.application.ActionSender;
import io.paygate.payment.application.AuthorizationPublisher;
import io.paygate.payment.application.AuthorizationWaiters;
import io.paygate.payment.application.CurrentTrace;
import io.paygate.payment.application.BankReversals;
import io.paygate.payment.application.PaymentActionService;
import io.paygate.payment.application.PaymentActivity;
import io.paygate.payment.application.PaymentQueries;
import io.paygate.payment.application.EventPublisher;
import io.paygate.payment.application.PaymentEventRelay;
import io.paygate.payment.application.PaymentSweeper;
import io.paygate.payment.application.PaymentStore;
import io.paygate.payment.application.RecordActionResultService;
import io.paygate.payment.application.RecordAuthorizationResultService;
import io.paygate.payment.application.RequestFingerprints;
import io.paygate.payment.application.RequestPaymentService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the application services, which know nothing of Spring, to the adapters that implement their ports. */
@Configuration(proxyBeanMethods = false)
class ApplicationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CardCipher cardCipher(CardEncryptionProperties properties) {
        return CardCipher.fromConfiguration(properties.keys(), properties.activeKeyId());
    }

    @Bean
    RequestFingerprints requestFingerprints(CardEncryptionProperties properties) {
        return RequestFingerprints.derivedFrom(properties.keyBytes(), properties.activeKeyId());
    }

    @Bean
    AuthorizationWaiters authorizationWaiters() {
        return new AuthorizationWaiters();
    }

    @Bean
    MeterBinder requestsAwaitingAuthorization(AuthorizationWaiters waiters) {
        return registry -> Gauge.builder("paygate.payments.awaiting.authorization", waiters, AuthorizationWaiters::size)
                .description("Payment requests of this instance waiting for their acquirer's answer")
                .register(registry);
    }

    @Bean
    RequestPaymentService requestPaymentService(PaymentStore store, AuthorizationPublisher publisher,
                                                AuthorizationWaiters waiters, CardCipher cardCipher,
                                                RequestFingerprints fingerprints, Clock clock,
                                                PaymentProperties properties) {
        return new RequestPaymentService(store, publisher, waiters, cardCipher, fingerprints, clock,
                properties.authorizationTimeout(), properties.idempotencyKeyTtl(), properties.recoveryPolicy());
    }

    @Bean
    ActionSender actionSender(PaymentStore store, ActionPublisher publisher, Clock clock,
                              PaymentProperties properties) {
        // Its publications wait for the broker as long as a payment request does.
        return new ActionSender(store, publisher, clock, properties.recoveryPolicy(),
                properties.authorizationTimeout());
    }

    @Bean
    PaymentActionService paymentActionService(PaymentStore store, ActionSender sender,
                                              RequestFingerprints fingerprints, Clock clock,
                                              PaymentProperties properties) {
        return new PaymentActionService(store, sender, fingerprints, clock, properties.recoveryPolicy());
    }

    @Bean
    PaymentEventRelay paymentEventRelay(PaymentStore store, EventPublisher publisher, PaymentActivity activity,
                                        CurrentTrace trace, Clock clock, PaymentProperties properties) {
        // Its publications wait for the broker as long as a payment request does.
        return new PaymentEventRelay(store, publisher, activity, trace, clock, properties.eventRepublishAfter(),
                properties.authorizationTimeout());
    }

    @Bean
    RecordActionResultService recordActionResultService(PaymentStore store, PaymentEventRelay events,
                                                        ActionSender sender, Clock clock,
                                                        PaymentProperties properties) {
        return new RecordActionResultService(store, events, sender, clock, properties.recoveryPolicy());
    }

    @Bean
    PaymentSweeper paymentSweeper(PaymentStore store, PaymentEventRelay events, AuthorizationPublisher publisher,
                                  BankReversals reversals, ActionSender actions, PaymentActivity activity,
                                  Clock clock, PaymentProperties properties) {
        // Each publication of the sweeper waits for the broker as long as a request does.
        return new PaymentSweeper(store, events, publisher, reversals, actions, activity, clock,
                properties.recoveryPolicy(), properties.authorizationTimeout(), properties.sweepBatch());
    }

    @Bean
    SweepSchedule sweepSchedule(PaymentSweeper sweeper, PaymentProperties properties) {
        // A shutdown waits for the publication in hand (bounded by the authorisation timeout) and one more write.
        return new SweepSchedule(sweeper, properties.sweepInterval(),
                properties.authorizationTimeout().plusSeconds(2));
    }

    @Bean
    AcquirerFailover acquirerFailover(PaymentStore store, AuthorizationPublisher publisher, BankReversals reversals,
                                      AuthorizationWaiters waiters, Clock clock, PaymentProperties properties) {
        // Its publications wait for the broker as long as a request does.
        return new AcquirerFailover(store, publisher, reversals, waiters, clock, properties.recoveryPolicy(),
                properties.authorizationTimeout());
    }

    @Bean
    RecordAuthorizationResultService recordAuthorizationResultService(PaymentStore store, PaymentEventRelay events,
                                                                      AuthorizationWaiters waiters,
                                                                      AcquirerFailover failover, ActionSender actions,
                                                                      Clock clock, PaymentProperties properties) {
        return new RecordAuthorizationResultService(store, events, waiters, failover, actions, clock,
                properties.recoveryPolicy());
    }

    @Bean
    PaymentQueries paymentQueries(PaymentStore store) {
        return new PaymentQueries(store);
    }
}
