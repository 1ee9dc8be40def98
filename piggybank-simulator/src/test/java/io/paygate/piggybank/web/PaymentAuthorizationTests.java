package io.paygate.piggybank.web;

import static io.paygate.piggybank.PaymentRequests.payment;
import static io.paygate.piggybank.PaymentRequests.paymentWithout;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.paygate.piggybank.SimulatorTest;
import io.paygate.piggybank.model.Authorization;
import io.paygate.piggybank.store.LedgerStats;

@SimulatorTest
@ExtendWith(OutputCaptureExtension.class)
class PaymentAuthorizationTests {

    @Autowired
    RestTestClient bank;

    @BeforeEach
    void cleanBank() {
        bank.delete().uri("/simulator/stats").exchange().expectStatus().isNoContent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2222405343248871", "2222405343248873", "2222405343248875", "2222405343248877", "2222405343248879"})
    void approves_a_card_ending_in_an_odd_digit(String cardNumber) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment(cardNumber))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.authorized").isEqualTo(true)
                .jsonPath("$.authorization_code").value(String.class,
                        code -> assertThat(code).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    @Test
    void gives_every_approval_its_own_authorization_code() {
        String first = authorizationCode("2222405343248877");
        String second = authorizationCode("2222405343248877");

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2222405343248872", "2222405343248874", "2222405343248876", "2222405343248878"})
    void declines_a_card_ending_in_an_even_digit(String cardNumber) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment(cardNumber))
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"authorized":false,"authorization_code":""}""", JsonCompareMode.STRICT);
    }

    @Test
    void is_unavailable_for_a_card_ending_in_zero() {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment("2222405343248870"))
                .exchange()
                .expectStatus().isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"card_number", "expiry_date", "currency", "amount", "cvv"})
    void refuses_a_request_missing_a_field_and_names_it(String field) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(paymentWithout(field))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains(field));
    }

    @Test
    void refuses_a_blank_field_and_names_every_one() {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"card_number":" ","expiry_date":"04/2031","currency":"","amount":100,"cvv":"123"}""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("card_number", "currency").doesNotContain("cvv"));
    }

    @Test
    void refuses_a_card_number_that_is_not_digits() {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment("4111-1111-1111-111x"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).contains("card_number"));
    }

    @Test
    void refuses_a_body_that_is_not_json_without_echoing_it(CapturedOutput output) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON)
                .body("{\"card_number\":\"4539148803436467\",\"amount\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").value(String.class,
                        message -> assertThat(message).doesNotContain("4539148803436467"));

        assertThat(output).doesNotContain("4539148803436467");
    }

    @Test
    void refuses_a_request_without_a_body() {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_message").exists();
    }

    @Test
    void logs_at_most_the_last_four_digits_of_a_card(CapturedOutput output) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"card_number":"4539148803436467","expiry_date":"04/2031","currency":"GBP","amount":100,"cvv":"987"}""")
                .exchange()
                .expectStatus().isOk();

        assertThat(output).contains("6467").doesNotContain("4539148803436467");
        // The CVV is looked for in what the simulator wrote, as a number of its own: the log pattern's timestamp,
        // process id and thread name may hold the same digits.
        assertThat(output.getAll().lines().filter(line -> line.contains("PaymentController"))
                .map(line -> line.substring(line.indexOf(" : ") + 3)))
                .isNotEmpty().noneMatch(message -> message.matches(".*\\b987\\b.*"));
    }

    @Test
    void counts_every_evaluated_request_by_outcome() {
        authorize("2222405343248877");
        authorize("2222405343248871");
        authorize("2222405343248872");
        authorize("2222405343248870");
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body("{}").exchange();

        bank.get().uri("/simulator/stats").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"authorization_requests":4,"distinct_idempotency_keys":0,"approvals":2,"declines":1,
                         "unavailable":1,"idempotent_replays":0,"reversals":0,"approved_more_than_once":0,
                         "approvals_without_idempotency_key":2,"invalid_requests":1,"forgotten_idempotency_keys":0,
                         "injected_unavailable":0,"hung":0,"refused_while_down":0,
                         "authorizations_refused_after_reversal":0,"captures":0,"captured_total":0,"voided":0,
                         "refunds":0,"refunded_total":0,"actions_declined":0,"actions_replayed":0,
                         "action_keys_reused":0,"actions_for_unknown_payments":0,
                         "captured_more_than_authorized":0,"refunded_more_than_captured":0}""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void starts_counting_afresh_after_a_reset() {
        authorize("2222405343248877");

        bank.post().uri("/simulator/reset").exchange().expectStatus().isNoContent();

        LedgerStats stats = bank.get().uri("/simulator/stats").exchange().returnResult(LedgerStats.class).getResponseBody();
        assertThat(stats).isEqualTo(new LedgerStats(
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void reports_healthy_on_the_actuator() {
        bank.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private void authorize(String cardNumber) {
        bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment(cardNumber)).exchange();
    }

    private String authorizationCode(String cardNumber) {
        return bank.post().uri("/payments").contentType(MediaType.APPLICATION_JSON).body(payment(cardNumber))
                .exchange()
                .expectStatus().isOk()
                .returnResult(Authorization.class).getResponseBody().authorizationCode();
    }
}
