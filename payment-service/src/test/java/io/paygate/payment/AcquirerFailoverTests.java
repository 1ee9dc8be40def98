package io.paygate.payment;

import io.paygate.events.AuthorizationResult;
import io.paygate.events.ResponseCode;
import io.paygate.events.merchant.AcquirerRoute;
import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.RoutingHeader;
import io.paygate.payment.PaymentApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A merchant's routing over real RabbitMQ and the store, with two fake acquirers: which acquirer a payment goes to,
 * and when it moves to the next one. The fakes never answer the silent card on their own; each test answers for them.
 */
@TestPropertySource(properties = "paygate.payments.authorization-timeout=1s")
class AcquirerFailoverTests extends ServiceIntegrationTest {

    private static final String SILENT_CARD = "4000000000000010";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private FakeAcquirer backup;
    private String backupCode;

    @BeforeEach
    void startTheBackupAcquirer() {
        backupCode = isolation.acquirer + "-backup";
        backup = fakeAcquirer(backupCode);
    }

    @AfterEach
    void stopTheBackupAcquirer() {
        backup.close();
    }

    /** The merchant's own acquirer first for every payment, then the backup. */
    private Consumer<HttpHeaders> routedMerchant(String merchantId, List<AcquirerRoute> routing) {
        return api.merchant(merchantId).andThen(headers ->
                headers.set(InternalHeaders.ROUTING, RoutingHeader.format(routing)));
    }

    private List<AcquirerRoute> firstThenBackup(String merchantId) {
        return List.of(AcquirerRoute.any(isolation.acquirer, "acq-" + merchantId),
                AcquirerRoute.any(backupCode, "backup-" + merchantId));
    }

    private String pendingPayment(Consumer<HttpHeaders> merchant, String body) {
        Answer answer = api.post(merchant, MediaType.APPLICATION_JSON, body);
        assertThat(answer.status()).isEqualTo(202);
        return answer.text("id");
    }

    @Test
    void moves_a_payment_the_first_acquirer_never_sent_to_its_bank_to_the_next_one() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(routedMerchant(merchant, firstThenBackup(merchant)),
                PaymentApi.cardPayment(SILENT_CARD, "123"));
        String replyTo = acquirer.awaitCommand(id).command().replyTo();

        acquirer.answer(replyTo, AuthorizationResult.notSent(id, Instant.now()).from(isolation.acquirer, null));

        FakeAcquirer.ReceivedCommand moved = backup.awaitCommand(id);
        assertThat(moved.command().acquirerMerchantId()).isEqualTo("backup-" + merchant);
        assertThat(moved.card().number()).isEqualTo(SILENT_CARD);
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
        backup.answer(replyTo, AuthorizationResult.approved(id, "A1B2C3", Instant.now()).from(backupCode,
                "634112000042"));
        await().atMost(WITHIN).untilAsserted(() -> {
            Answer payment = api.get(merchant, id);
            assertThat(payment.text("status")).isEqualTo("Authorized");
            assertThat(payment.body().at("/processing/acquirer").asString()).isEqualTo(backupCode);
            assertThat(payment.body().at("/processing/retrieval_reference_number").asString())
                    .isEqualTo("634112000042");
        });
        assertThat(acquirer.reversalsFor(id)).isEmpty();
    }

    @Test
    void never_moves_a_payment_after_an_answer_that_may_hide_an_approval() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(routedMerchant(merchant, firstThenBackup(merchant)),
                PaymentApi.cardPayment(SILENT_CARD, "123"));
        String replyTo = acquirer.awaitCommand(id).command().replyTo();

        acquirer.answer(replyTo, AuthorizationResult.declined(id, ResponseCode.ISSUER_UNAVAILABLE, Instant.now())
                .from(isolation.acquirer, null));

        await().atMost(WITHIN).untilAsserted(() -> {
            Answer payment = api.get(merchant, id);
            assertThat(payment.text("response_code")).isEqualTo("20091");
            assertThat(payment.body().at("/processing/acquirer").asString()).isEqualTo(isolation.acquirer);
        });
        // The decline owes the first acquirer a reversal, in case its bank approved a request whose answer was lost.
        await().atMost(WITHIN).until(() -> !acquirer.reversalsFor(id).isEmpty());
        assertThat(backup.commandsFor(id)).isEmpty();
    }

    @Test
    void has_an_approval_reversed_that_the_first_acquirer_gives_after_the_payment_moved_on() {
        String merchant = TestIsolation.merchantId();
        String id = pendingPayment(routedMerchant(merchant, firstThenBackup(merchant)),
                PaymentApi.cardPayment(SILENT_CARD, "123"));
        String replyTo = acquirer.awaitCommand(id).command().replyTo();
        acquirer.answer(replyTo, AuthorizationResult.notSent(id, Instant.now()).from(isolation.acquirer, null));
        backup.awaitCommand(id);

        // A copy of the command the first acquirer still held reached its bank once the bank was back.
        acquirer.answer(replyTo, AuthorizationResult.approved(id, "stray-1", Instant.now())
                .from(isolation.acquirer, null));

        await().atMost(WITHIN).until(() -> !acquirer.reversalsFor(id).isEmpty());
        assertThat(acquirer.reversalsFor(id).getFirst().acquirerMerchantId()).isEqualTo("acq-" + merchant);
        assertThat(api.get(merchant, id).text("status")).isEqualTo("Pending");
        backup.answer(replyTo, AuthorizationResult.declined(id, ResponseCode.INSUFFICIENT_FUNDS, Instant.now())
                .from(backupCode, null));
        await().atMost(WITHIN).untilAsserted(() -> {
            Answer payment = api.get(merchant, id);
            assertThat(payment.text("response_code")).isEqualTo("20051");
            assertThat(payment.body().at("/processing/acquirer").asString()).isEqualTo(backupCode);
        });
    }

    @Test
    void sends_each_payment_to_the_first_acquirer_its_currency_and_scheme_match() {
        String merchant = TestIsolation.merchantId();
        Consumer<HttpHeaders> routed = routedMerchant(merchant, List.of(
                new AcquirerRoute(backupCode, "backup-eur", List.of("EUR"), List.of()),
                new AcquirerRoute(backupCode, "backup-amex", List.of(), List.of("amex"))));

        String euros = pendingPayment(routed, PaymentApi.cardPayment(SILENT_CARD, "123")
                .replace("\"GBP\"", "\"EUR\""));
        String pounds = pendingPayment(routed, PaymentApi.cardPayment(SILENT_CARD, "123"));

        assertThat(backup.awaitCommand(euros).command().acquirerMerchantId()).isEqualTo("backup-eur");
        assertThat(acquirer.awaitCommand(pounds).command().acquirerMerchantId()).isEqualTo("acq-" + merchant);
        assertThat(acquirer.commandsFor(euros)).isEmpty();
        assertThat(backup.commandsFor(pounds)).isEmpty();
    }
}
