package io.paygate.acquirer.support.configuration;

import io.paygate.acquirer.support.application.BankCallPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class AcquirerAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AcquirerAutoConfiguration.class));

    @Test
    void stays_out_of_a_service_that_names_no_acquirer() {
        contexts.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BankCallPolicy.class));
    }
}
