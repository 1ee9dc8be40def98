package io.paygate.acquirer.lionbank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LionbankAcquirerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LionbankAcquirerApplication.class, args);
    }
}
