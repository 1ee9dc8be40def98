package io.paygate.lionbank;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LionbankSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(LionbankSimulatorApplication.class, args);
    }

    /** Expiry is judged against this month, in UTC like the transmission date-time of field 7. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
