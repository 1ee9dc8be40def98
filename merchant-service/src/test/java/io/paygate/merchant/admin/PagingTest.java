package io.paygate.merchant.admin;

import io.paygate.merchant.web.RequestInvalidException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

class PagingTest {

    @Test
    void defaults_to_the_first_twenty() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(20, 0));
    }

    @Test
    void takes_a_limit_of_1_to_100_and_any_skip_from_0() {
        assertThat(Paging.of("1", "0")).isEqualTo(new Paging(1, 0));
        assertThat(Paging.of("100", "999999999")).isEqualTo(new Paging(100, 999_999_999));
        assertThat(Paging.of("007", "010")).isEqualTo(new Paging(7, 10));
    }

    @Test
    void refuses_a_limit_out_of_range_or_not_a_whole_number() {
        for (String limit : new String[] {"0", "101", "-1", "+5", "1.5", "1e2", "", " 5", "abc", "1000000000"}) {
            assertThatExceptionOfType(RequestInvalidException.class).as(limit)
                    .isThrownBy(() -> Paging.of(limit, null))
                    .extracting(RequestInvalidException::errorCodes, list(String.class))
                    .containsExactly("paging_limit_invalid");
        }
    }

    @Test
    void refuses_a_skip_below_0_or_not_a_whole_number() {
        for (String skip : new String[] {"-1", "x", "2.0", "", "1000000000"}) {
            assertThatExceptionOfType(RequestInvalidException.class).as(skip)
                    .isThrownBy(() -> Paging.of(null, skip))
                    .extracting(RequestInvalidException::errorCodes, list(String.class))
                    .containsExactly("paging_skip_invalid");
        }
    }

    @Test
    void names_both_errors_at_once() {
        assertThatExceptionOfType(RequestInvalidException.class)
                .isThrownBy(() -> Paging.of("0", "-1"))
                .extracting(RequestInvalidException::errorCodes, list(String.class))
                .containsExactly("paging_limit_invalid", "paging_skip_invalid");
    }
}
