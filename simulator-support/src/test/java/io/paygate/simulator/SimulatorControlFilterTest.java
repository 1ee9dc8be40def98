package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SimulatorControlFilterTest {

    private static final String VARIABLE = "ANYBANK_CONTROL_TOKEN";

    @Test
    void without_a_configured_token_nobody_changes_anything_but_everybody_reads() throws Exception {
        SimulatorControlFilter filter = new SimulatorControlFilter(" ", VARIABLE);
        MockHttpServletResponse change = new MockHttpServletResponse();
        MockHttpServletRequest put = new MockHttpServletRequest("PUT", "/simulator/faults");
        put.addHeader("Authorization", "Bearer ");

        filter.doFilter(put, change, new MockFilterChain());
        MockFilterChain reading = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/simulator/stats"), new MockHttpServletResponse(), reading);

        assertThat(change.getStatus()).isEqualTo(403);
        assertThat(change.getContentAsString()).contains("ANYBANK_CONTROL_TOKEN is not set");
        assertThat(reading.getRequest()).as("the read went through").isNotNull();
    }

    @Test
    void the_token_lets_a_change_through() throws Exception {
        SimulatorControlFilter filter = new SimulatorControlFilter("s3cret", VARIABLE);
        MockHttpServletRequest delete = new MockHttpServletRequest("DELETE", "/simulator/faults");
        delete.addHeader("Authorization", "bearer s3cret");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(delete, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void a_wrong_token_is_asked_for_the_right_one() throws Exception {
        SimulatorControlFilter filter = new SimulatorControlFilter("s3cret", VARIABLE);
        MockHttpServletRequest put = new MockHttpServletRequest("PUT", "/simulator/faults");
        put.addHeader("Authorization", "Bearer guess");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(put, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentAsString())
                .isEqualTo("{\"error_message\":\"Changing the simulator's state takes Authorization: Bearer <ANYBANK_CONTROL_TOKEN>\"}");
        assertThat(chain.getRequest()).isNull();
    }
}
