package io.paygate.merchant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest extends ServiceIntegrationTest {

    @Test
    void reports_up_while_mongodb_answers() {
        assertThat(get("/actuator/health", null)).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"status\": \"UP\"}");
    }
}
