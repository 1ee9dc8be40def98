package io.paygate.lionbank;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The running simulator, HTTP and ISO 8583 on free ports, shared by every test class that uses this annotation (one
 * cached context). Debug logging is on so that tests see what would be logged; the test client may turn the knobs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.io.paygate.lionbank=debug", "lionbank.iso.port=0", "lionbank.iso.address=127.0.0.1",
                SimulatorControl.PROPERTY})
@AutoConfigureRestTestClient
@Import(SimulatorControl.class)
public @interface SimulatorTest {
}
