package io.paygate.acquirer.lionbank.adapter.out.bank;

import org.junit.jupiter.api.Test;

import java.time.MonthDay;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionReferenceTest {

    @Test
    void names_a_payment_the_same_every_time() {
        assertThat(TransactionReference.of("pay_1")).isEqualTo(TransactionReference.of("pay_1"));
    }

    @Test
    void names_different_payments_differently() {
        Set<TransactionReference> references = IntStream.range(0, 10_000)
                .mapToObj(i -> TransactionReference.of("pay_" + UUID.randomUUID()))
                .collect(Collectors.toSet());

        assertThat(references).hasSize(10_000);
    }

    @Test
    void makes_a_six_digit_stan_and_a_valid_transmission_date_time() {
        IntStream.range(0, 10_000).mapToObj(i -> TransactionReference.of("pay_" + i)).forEach(reference -> {
            assertThat(reference.stan()).matches("\\d{6}").isNotEqualTo("000000");
            String dateTime = reference.transmissionDateTime();
            assertThat(dateTime).matches("\\d{10}");
            // Throws unless the month and day exist.
            MonthDay.of(Integer.parseInt(dateTime.substring(0, 2)), Integer.parseInt(dateTime.substring(2, 4)));
            assertThat(Integer.parseInt(dateTime.substring(4, 6))).isBetween(0, 23);
            assertThat(Integer.parseInt(dateTime.substring(6, 8))).isBetween(0, 59);
            assertThat(Integer.parseInt(dateTime.substring(8, 10))).isBetween(0, 59);
        });
    }
}
