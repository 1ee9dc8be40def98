package io.paygate.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code paygate.simulator}: who may turn a simulator's knobs.
 *
 * @param controlToken         the bearer token {@code PUT} and {@code DELETE} under {@code /simulator/} take; blank:
 *                             nobody may
 * @param controlTokenVariable the environment variable each simulator maps to the token, named in refusals
 */
@ConfigurationProperties("paygate.simulator")
public record SimulatorControlProperties(@DefaultValue("") String controlToken,
                                         @DefaultValue("paygate.simulator.control-token") String controlTokenVariable) {
}
