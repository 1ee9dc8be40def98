package io.paygate.payment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void holds_amounts_from_one_to_ten_digits_of_minor_units() {
        assertThat(new Money(1, "GBP").amount()).isEqualTo(1);
        assertThat(new Money(9_999_999_999L, "JPY").amount()).isEqualTo(9_999_999_999L);
        assertThatThrownBy(() -> new Money(0, "GBP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(10_000_000_000L, "GBP")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knows_iso_4217_codes_in_upper_case_only() {
        assertThat(Money.isIsoCurrency("GBP")).isTrue();
        assertThat(Money.isIsoCurrency("JPY")).isTrue();
        assertThat(Money.isIsoCurrency("gbp")).isFalse();
        assertThat(Money.isIsoCurrency("ABC")).isFalse();
        assertThat(Money.isIsoCurrency("GBPX")).isFalse();
        assertThat(Money.isIsoCurrency(null)).isFalse();
    }

    @Test
    void knows_each_currencys_own_minor_unit_and_refuses_codes_without_one() {
        assertThat(Money.isIsoCurrency("JPY")).as("no minor unit: amounts are whole yen").isTrue();
        assertThat(Money.isIsoCurrency("BHD")).as("three decimals").isTrue();
        assertThat(Money.isIsoCurrency("XAU")).as("gold has no minor unit").isFalse();
        assertThat(Money.isIsoCurrency("XXX")).as("no currency").isFalse();
    }
}
