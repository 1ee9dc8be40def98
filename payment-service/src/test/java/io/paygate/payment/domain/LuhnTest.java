package io.paygate.payment.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LuhnTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
            "4000000000000002", "2221000000000009", "79927398713"})
    void accepts_numbers_with_a_correct_check_digit(String number) {
        assertThat(Luhn.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554445", "79927398710", "4111 1111 1111 1111",
            "411111111111111a"})
    void refuses_numbers_with_a_wrong_check_digit_or_other_characters(String number) {
        assertThat(Luhn.isValid(number)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refuses_nothing(String number) {
        assertThat(Luhn.isValid(number)).isFalse();
    }
}
