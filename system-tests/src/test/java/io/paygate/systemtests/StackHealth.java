package io.paygate.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Waits for the stack's services, as their actuator health endpoints report them, to be UP. */
final class StackHealth {

    private StackHealth() {
    }

    /** The health of the service on the port {@code portVariable} names; {@code group} e.g. {@code "/bank"}, or "". */
    static URI healthOf(LocalStack stack, String portVariable, String group) {
        return URI.create("http://127.0.0.1:" + stack.port(portVariable) + "/actuator/health" + group);
    }

    /** Waits up to 90 s until every one of {@code health} answers 200. */
    static void awaitUp(List<URI> health) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .alias("services UP: " + health)
                    .until(() -> health.stream().allMatch(uri -> isUp(client, uri)));
        }
    }

    private static boolean isUp(HttpClient client, URI health) {
        try {
            return client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
