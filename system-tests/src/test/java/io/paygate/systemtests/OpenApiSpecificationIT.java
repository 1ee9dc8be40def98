package io.paygate.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The committed {@code specs/openapi.yaml} is what the services really serve. When an API changes on purpose,
 * regenerate the file from a running stack and commit it with the change:
 *
 * <pre>
 * ./mvnw -B -q -pl system-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=OpenApiSpecificationIT -Dpaygate.update-specs=true
 * </pre>
 */
@ExtendWith(SharedStack.Extension.class)
class OpenApiSpecificationIT {

    static final String REGENERATE = "./mvnw -B -q -pl system-tests -am verify -Dtest=none "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiSpecificationIT -Dpaygate.update-specs=true";

    private static final List<String> APIS = List.of("payments", "webhooks", "merchants");

    private static Gateway gateway;
    private static Gateway admin;

    @BeforeAll
    static void connect(SharedStack stack) {
        gateway = stack.gateway();
        admin = stack.admin();
    }

    @Test
    void serves_the_api_committed_in_specs_openapi_yaml() throws IOException {
        String served = PublicApiSpecification.combine(projectVersion(), servedDocuments()).yaml();
        Path committed = Path.of(requiredProperty("paygate.spec-file"));

        if (Boolean.getBoolean("paygate.update-specs")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served);
            return;
        }
        Path servedCopy = Path.of("target", "openapi.served.yaml").toAbsolutePath();
        Files.writeString(servedCopy, served);
        String expected = Files.exists(committed) ? Files.readString(committed) : "";
        if (!served.equals(expected)) {
            fail("""
                    The API the services serve differs from %s.
                    %s
                    Compare: diff -u %s %s
                    If the change is intended, regenerate the file and commit it:
                      %s""".formatted(committed, firstDifference(expected, served), committed, servedCopy, REGENERATE));
        }
    }

    private static Map<String, JsonNode> servedDocuments() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String api : APIS) {
            // The admin API's description is served on the admin listener only.
            Gateway listener = api.equals("merchants") ? admin : gateway;
            Gateway.Reply reply = listener.get("/v3/api-docs/" + api, null);
            assertThat(reply.status()).as("GET /v3/api-docs/%s through the gateway: %s", api, reply.body()).isEqualTo(200);
            documents.put(api, reply.json());
        }
        return documents;
    }

    /** The first differing line with a little context, so the failure says what changed without opening files. */
    private static String firstDifference(String expected, String actual) {
        List<String> committedLines = expected.lines().toList();
        List<String> servedLines = actual.lines().toList();
        int line = 0;
        while (line < committedLines.size() && line < servedLines.size()
                && committedLines.get(line).equals(servedLines.get(line))) {
            line++;
        }
        StringBuilder hint = new StringBuilder("First difference at line ").append(line + 1).append(":\n");
        int from = Math.max(0, line - 3);
        for (int i = from; i < line; i++) {
            hint.append("    ").append(committedLines.get(i)).append('\n');
        }
        committedLines.stream().skip(line).limit(5).forEach(text -> hint.append("  - ").append(text).append('\n'));
        servedLines.stream().skip(line).limit(5).forEach(text -> hint.append("  + ").append(text).append('\n'));
        return hint.append("(- committed, + served)").toString();
    }

    private static String projectVersion() {
        return requiredProperty("paygate.version");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through Maven "
                    + "(failsafe sets it in system-tests/pom.xml)");
        }
        return value;
    }
}
