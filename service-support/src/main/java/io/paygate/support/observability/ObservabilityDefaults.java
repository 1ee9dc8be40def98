package io.paygate.support.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every service the same metrics, traces and log correlation ({@code paygate-observability.yml}), below
 * anything the service or its operator sets.
 * <p>
 * Spans go to an OpenTelemetry collector only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} names one, the variable every
 * OpenTelemetry SDK reads: Boot exports whenever its endpoint property is present, even empty, so the property is
 * derived here, and only from a value. Then every payment is traced; without a collector none is recorded, since
 * recording spans nobody receives would cost every payment for nothing, while trace ids are still made, carried
 * from service to service and logged ({@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY} overrides either).
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final String OTLP_ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String TRACES_ENDPOINT_PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SAMPLING_PROPERTY = "management.tracing.sampling.probability";

    private static final String DEFAULTS = "paygate-observability.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (PropertySource<?> defaults : load()) {
            environment.getPropertySources().addLast(defaults);
        }
        String collector = environment.getProperty(OTLP_ENDPOINT_VARIABLE, "").strip();
        boolean exporting = !collector.isEmpty() || environment.containsProperty(TRACES_ENDPOINT_PROPERTY);
        Map<String, Object> tracing = new HashMap<>();
        tracing.put(SAMPLING_PROPERTY, exporting ? "1.0" : "0.0");
        if (!collector.isEmpty()) {
            tracing.put(TRACES_ENDPOINT_PROPERTY, tracesEndpoint(collector));
        }
        environment.getPropertySources().addLast(new MapPropertySource("paygate-tracing", tracing));
    }

    /** OTLP over HTTP: the collector's base address, as the variable gives it, plus the signal's path. */
    static String tracesEndpoint(String collector) {
        return collector.replaceAll("/+$", "") + "/v1/traces";
    }

    private static List<PropertySource<?>> load() {
        try {
            return new YamlPropertySourceLoader().load(DEFAULTS, new ClassPathResource(DEFAULTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        // After the application's own configuration is loaded, so that it can be consulted.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
