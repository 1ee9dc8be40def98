package io.paygate.lionbank.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SimulatorControlFilterTest {

    @Test
    void without_a_configured_token_nobody_changes_anything_but_everybody_reads() throws Exception {
        SimulatorControlFilter filter = new SimulatorControlFilter("");
        MockHttpServletResponse change = new MockHttpServletResponse();
        MockHttpServletRequest put = new MockHttpServletRequest("PUT", "/simulator/faults");
        put.addHeader("Authorization", "Bearer ");

        filter.doFilter(put, change, new MockFilterChain());
        MockFilterChain reading = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/simulator/stats"), new MockHttpServletResponse(), reading);

        assertThat(change.getStatus()).isEqualTo(403);
        assertThat(change.getContentAsString()).contains("LIONBANK_CONTROL_TOKEN is not set");
        assertThat(reading.getRequest()).as("the read went through").isNotNull();
    }

    @Test
    void the_token_lets_a_change_through() throws Exception {
        SimulatorControlFilter filter = new SimulatorControlFilter("s3cret");
        MockHttpServletRequest delete = new MockHttpServletRequest("DELETE", "/simulator/faults");
        delete.addHeader("Authorization", "bearer s3cret");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(delete, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }
}
