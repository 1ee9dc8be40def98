package io.paygate.piggybank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PiggybankSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(PiggybankSimulatorApplication.class, args);
    }
}
