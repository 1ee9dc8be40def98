package io.paygate.payment.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PaymentsByReferenceQueryTest {

    private static List<String> errorsOf(String reference, String limit, String skip) {
        RequestInvalidException invalid = catchThrowableOfType(RequestInvalidException.class,
                () -> PaymentsByReferenceQuery.from(reference, limit, skip));
        assertThat(invalid).as("the query should be invalid").isNotNull();
        return invalid.errorCodes();
    }

    @Test
    void pages_ten_payments_from_the_newest_by_default() {
        assertThat(PaymentsByReferenceQuery.from("ORD-5023", null, null))
                .isEqualTo(new PaymentsByReferenceQuery("ORD-5023", 10, 0));
    }

    @Test
    void takes_a_limit_from_1_to_100_and_any_skip() {
        assertThat(PaymentsByReferenceQuery.from("ORD-5023", "1", "0").limit()).isEqualTo(1);
        assertThat(PaymentsByReferenceQuery.from("ORD-5023", "100", "2147483647"))
                .isEqualTo(new PaymentsByReferenceQuery("ORD-5023", 100, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "1.5", "ten", "", "99999999999"})
    void refuses_a_limit_outside_1_to_100(String limit) {
        assertThat(errorsOf("ORD-5023", limit, null)).containsExactly("paging_limit_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "none", "", "2147483648"})
    void refuses_a_skip_that_is_not_a_whole_number_from_0(String skip) {
        assertThat(errorsOf("ORD-5023", null, skip)).containsExactly("paging_skip_invalid");
    }

    @Test
    void requires_a_reference_of_up_to_80_characters() {
        assertThat(errorsOf(null, null, null)).containsExactly("reference_required");
        assertThat(errorsOf(" ", null, null)).containsExactly("reference_required");
        assertThat(errorsOf("r".repeat(81), null, null)).containsExactly("reference_invalid");
        assertThat(PaymentsByReferenceQuery.from("r".repeat(80), null, null).reference()).hasSize(80);
    }

    @Test
    void reports_every_invalid_parameter_at_once() {
        assertThat(errorsOf(null, "0", "-1"))
                .containsExactly("reference_required", "paging_limit_invalid", "paging_skip_invalid");
    }
}
