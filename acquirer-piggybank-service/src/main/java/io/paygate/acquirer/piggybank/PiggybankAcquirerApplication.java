package io.paygate.acquirer.piggybank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PiggybankAcquirerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PiggybankAcquirerApplication.class, args);
    }
}
