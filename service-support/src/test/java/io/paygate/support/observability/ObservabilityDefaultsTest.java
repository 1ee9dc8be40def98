package io.paygate.support.observability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service gets the shared observability settings, and exports spans only to a collector it was given. */
class ObservabilityDefaultsTest {

    @Test
    void exposes_metrics_and_traces_every_payment_below_the_services_own_settings() {
        StandardEnvironment environment = environment(Map.of("management.tracing.sampling.probability", "0.25"));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("management.tracing.baggage.enabled")).isEqualTo("false");
        assertThat(environment.getProperty(ObservabilityDefaults.SAMPLING_PROPERTY)).as("the service's own")
                .isEqualTo("0.25");
    }

    @Test
    void exports_no_span_without_a_collector() {
        for (String unset : new String[] {null, "", "  "}) {
            StandardEnvironment environment = environment(unset == null ? Map.of()
                    : Map.of(ObservabilityDefaults.OTLP_ENDPOINT_VARIABLE, unset));

            new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

            assertThat(environment.containsProperty(ObservabilityDefaults.TRACES_ENDPOINT_PROPERTY)).isFalse();
            assertThat(environment.getProperty(ObservabilityDefaults.SAMPLING_PROPERTY)).as("no span is recorded")
                .isEqualTo("0.0");
        }
    }

    @Test
    void sends_spans_to_the_collectors_traces_path() {
        StandardEnvironment environment = environment(Map.of(ObservabilityDefaults.OTLP_ENDPOINT_VARIABLE,
                "http://otel-collector:4318/"));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ObservabilityDefaults.TRACES_ENDPOINT_PROPERTY))
                .isEqualTo("http://otel-collector:4318/v1/traces");
        assertThat(environment.getProperty(ObservabilityDefaults.SAMPLING_PROPERTY)).as("every payment is traced")
                .isEqualTo("1.0");
    }

    @Test
    void leaves_an_endpoint_the_operator_set_alone() {
        StandardEnvironment environment = environment(Map.of(ObservabilityDefaults.OTLP_ENDPOINT_VARIABLE,
                "http://otel-collector:4318", ObservabilityDefaults.TRACES_ENDPOINT_PROPERTY,
                "https://traces.example.com/v1/traces"));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ObservabilityDefaults.TRACES_ENDPOINT_PROPERTY))
                .isEqualTo("https://traces.example.com/v1/traces");
        assertThat(environment.getProperty(ObservabilityDefaults.SAMPLING_PROPERTY)).isEqualTo("1.0");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
