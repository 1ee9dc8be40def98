package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bank simulator's {@code /simulator/} endpoints, which both simulators share (simulator-support): the fault knobs,
 * changed with the simulator's control token, and its statistics.
 */
final class SimulatorKnobs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI simulator;
    private final String controlToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param portVariable the simulator's HTTP port variable, e.g. {@code PIGGYBANK_PORT}
     * @param tokenSecret  the file under the stack's secrets that holds its control token
     */
    SimulatorKnobs(LocalStack stack, String portVariable, String tokenSecret) {
        this.simulator = URI.create("http://127.0.0.1:" + stack.port(portVariable) + "/simulator/");
        this.controlToken = stack.secret(tokenSecret);
    }

    /** Changes the named knobs; the others keep their values. */
    void injectFaults(String knobsJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.resolve("faults"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + controlToken)
                .PUT(HttpRequest.BodyPublishers.ofString(knobsJson)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Back to the configured knobs: no fault at all. */
    void clearFaults() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.resolve("faults"))
                .header("Authorization", "Bearer " + controlToken).DELETE());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    JsonNode stats() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.resolve("stats")).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
