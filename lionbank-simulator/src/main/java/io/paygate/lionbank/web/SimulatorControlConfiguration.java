package io.paygate.lionbank.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatorControlConfiguration {

    @Bean
    FilterRegistrationBean<SimulatorControlFilter> simulatorControlFilter(
            @Value("${lionbank.control-token:}") String token) {
        var registration = new FilterRegistrationBean<>(new SimulatorControlFilter(token.strip()));
        registration.addUrlPatterns("/simulator/*");
        return registration;
    }
}
