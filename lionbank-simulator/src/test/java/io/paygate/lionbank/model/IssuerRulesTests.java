package io.paygate.lionbank.model;

import static io.paygate.lionbank.TestCards.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuerRulesTests {

    private static final YearMonth DECEMBER_2026 = YearMonth.of(2026, 12);

    @ParameterizedTest
    @CsvSource({"1050, APPROVED", "1, APPROVED", "5100, APPROVED", "151, INSUFFICIENT_FUNDS", "99951, INSUFFICIENT_FUNDS",
            "54, EXPIRED_CARD", "1254, EXPIRED_CARD", "91, ISSUER_UNAVAILABLE", "10091, ISSUER_UNAVAILABLE",
            "1052, APPROVED", "9199, APPROVED"})
    void the_last_two_digits_of_the_amount_decide_for_a_good_card(long amount, ResponseCode expected) {
        assertThat(IssuerRules.decide(request(GOOD_CARD, amount, FUTURE_EXPIRY), DECEMBER_2026)).isEqualTo(expected);
    }

    @Test
    void refuses_a_card_number_failing_the_luhn_check_whatever_the_amount() {
        assertThat(IssuerRules.decide(request(INVALID_CARD, 1000, FUTURE_EXPIRY), DECEMBER_2026))
                .isEqualTo(ResponseCode.INVALID_CARD_NUMBER);
        assertThat(IssuerRules.decide(request(INVALID_CARD, 151, FUTURE_EXPIRY), DECEMBER_2026))
                .isEqualTo(ResponseCode.INVALID_CARD_NUMBER);
    }

    @Test
    void declines_a_card_expired_before_the_current_month_but_not_one_expiring_in_it() {
        assertThat(IssuerRules.decide(request(GOOD_CARD, 1000, "2611"), DECEMBER_2026)).isEqualTo(ResponseCode.EXPIRED_CARD);
        assertThat(IssuerRules.decide(request(GOOD_CARD, 1000, PAST_EXPIRY), DECEMBER_2026)).isEqualTo(ResponseCode.EXPIRED_CARD);
        assertThat(IssuerRules.decide(request(GOOD_CARD, 1000, "2612"), DECEMBER_2026)).isEqualTo(ResponseCode.APPROVED);
    }

    @Test
    void never_answers_the_documented_range_only() {
        assertThat(IssuerRules.neverAnswers(NEVER_ANSWERED_CARD)).isTrue();
        assertThat(IssuerRules.neverAnswers("4000000000000002")).isFalse();
        assertThat(IssuerRules.neverAnswers(GOOD_CARD)).isFalse();
    }

    @Test
    void knows_a_month_from_four_other_digits() {
        assertThat(IssuerRules.isExpiry("3012")).isTrue();
        assertThat(IssuerRules.isExpiry("3013")).isFalse();
        assertThat(IssuerRules.isExpiry("3000")).isFalse();
        assertThat(IssuerRules.isExpiry("301")).isFalse();
    }

    @Test
    void checks_luhn_on_cards_of_every_length() {
        assertThat(IssuerRules.passesLuhn("4111111111111111")).isTrue();
        assertThat(IssuerRules.passesLuhn("378282246310005")).isTrue();
        assertThat(IssuerRules.passesLuhn("4111111111111121")).isFalse();
    }

    @Test
    void never_shows_more_of_a_pan_than_the_first_six_and_last_four() {
        AuthorizationRequest request = request(GOOD_CARD, 1000, FUTURE_EXPIRY);

        assertThat(request.maskedPan()).isEqualTo("411111******1111");
        assertThat(request.toString()).doesNotContain(GOOD_CARD).contains("411111******1111");
    }

    static AuthorizationRequest request(String pan, long amount, String expiry) {
        return new AuthorizationRequest(new TransactionKey("T1", "M1", "000001", "1204120000"), pan, amount, expiry, "826");
    }
}
