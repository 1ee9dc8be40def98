package io.paygate.payment.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardSchemeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "4111111111111111, VISA",
            "4000000000000002, VISA",
            "5105105105105100, MASTERCARD",
            "5555555555554444, MASTERCARD",
            "2221000000000009, MASTERCARD",
            "2720990000000007, MASTERCARD",
            "340000000000009, AMEX",
            "378282246310005, AMEX",
            "6011111111111117, DISCOVER",
            "6500000000000002, DISCOVER",
            "6440000000000005, DISCOVER",
            "6490000000000000, DISCOVER",
            "5000000000000009, UNKNOWN",
            "2220990000000000, UNKNOWN",
            "2721000000000000, UNKNOWN",
            "6430000000000000, UNKNOWN",
            "3530111333300000, UNKNOWN"})
    void recognises_the_scheme_from_the_bin(String number, CardScheme scheme) {
        assertThat(CardScheme.of(number)).isEqualTo(scheme);
    }

    @Test
    void only_amex_has_a_four_digit_security_code() {
        assertThat(CardScheme.AMEX.cvvLength()).isEqualTo(4);
        assertThat(CardScheme.VISA.cvvLength()).isEqualTo(3);
        assertThat(CardScheme.UNKNOWN.cvvLength()).isEqualTo(3);
    }

    @Test
    void a_summary_keeps_only_the_first_six_and_last_four_digits() {
        CardSummary summary = CardSummary.of("5555555555554444", 3, 2031);

        assertThat(summary.bin()).isEqualTo("555555");
        assertThat(summary.last4()).isEqualTo("4444");
        assertThat(summary.scheme()).isEqualTo(CardScheme.MASTERCARD);
        assertThat(summary.toString()).doesNotContain("5555555555554444");
    }

    @ParameterizedTest
    @CsvSource({"4222222222222, 422, 2222", "36227206271667, 3622, 1667", "378282246310005, 37828, 0005",
            "4000000000000000006, 400000, 0006"})
    void a_card_shorter_than_16_digits_shows_fewer_leading_digits_so_that_six_stay_hidden(
            String number, String leading, String last4) {
        CardSummary summary = CardSummary.of(number, 3, 2031);

        assertThat(summary.bin()).isEqualTo(leading);
        assertThat(summary.last4()).isEqualTo(last4);
        assertThat(number.length() - summary.bin().length() - summary.last4().length()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void a_number_of_fewer_than_13_digits_has_no_summary() {
        assertThatThrownBy(() -> CardSummary.of("411111111111", 3, 2031)).isInstanceOf(IllegalArgumentException.class);
    }
}
