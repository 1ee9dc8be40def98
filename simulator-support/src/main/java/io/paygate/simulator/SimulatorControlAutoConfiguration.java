package io.paygate.simulator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** Guards every simulator's {@code /simulator/} knobs with its control token. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SimulatorControlProperties.class)
public class SimulatorControlAutoConfiguration {

    @Bean
    FilterRegistrationBean<SimulatorControlFilter> simulatorControlFilter(SimulatorControlProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new SimulatorControlFilter(properties.controlToken(), properties.controlTokenVariable()));
        registration.addUrlPatterns("/simulator/*");
        return registration;
    }
}
