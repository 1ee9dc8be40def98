package io.paygate.lionbank;

import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/** The tests' control token, sent by every test client so that tests may turn the knobs. */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatorControl {

    public static final String TOKEN = "test-control-token";
    public static final String PROPERTY = "paygate.simulator.control-token=" + TOKEN;

    @Bean
    RestTestClientBuilderCustomizer controlToken() {
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
    }
}
