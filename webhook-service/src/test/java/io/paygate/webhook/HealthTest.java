package io.paygate.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest extends ServiceIntegrationTest {

    @Test
    void reports_up_while_mongodb_answers() {
        assertThat(get(null, "/actuator/health")).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"status\": \"UP\"}");
    }
}
