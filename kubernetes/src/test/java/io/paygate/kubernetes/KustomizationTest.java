package io.paygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The renderer does what kustomize does for what it supports, and refuses the rest. */
class KustomizationTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers:
                    - {name: web, image: paygate/web, env: [{name: A, value: "1"}]}
            """;

    @TempDir
    Path directory;

    @Test
    void patches_then_sets_the_namespace_labels_and_images() throws IOException {
        ObjectNode web = render("""
                namespace: shop
                labels:
                  - pairs: {app.kubernetes.io/part-of: shop}
                images:
                  - {name: paygate/web, newName: registry.example/web, newTag: "1.2"}
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |-
                      - {op: test, path: /spec/template/spec/containers/0/env/0/name, value: A}
                      - {op: replace, path: /spec/template/spec/containers/0/env/0/value, value: "2"}
                      - {op: add, path: /spec/replicas, value: 3}
                """).getFirst();
        assertThat(web.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(web.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("shop");
        assertThat(web.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.example/web:1.2");
        assertThat(web.at("/spec/template/spec/containers/0/env/0/value").asText()).isEqualTo("2");
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "commonLabels: {a: b}",
            "configMapGenerator: [{name: x, literals: [a=b]}]",
            "patches: [{path: patch.yaml}]",
            "patches: [{target: {kind: Deployment}, patch: 'spec: {replicas: 2}'}]",
            "patches: [{target: {kind: Deployment}, patch: '[{op: move, from: /a, path: /b}]'}]",
            "patches: [{target: {kind: Service}, patch: '[{op: add, path: /a, value: 1}]'}]",
            "patches: [{target: {kind: Deployment}, patch: '[{op: test, path: /spec/template/spec/containers/0/env/0/name, value: B}]'}]",
            "patches: [{target: {kind: Deployment}, patch: '[{op: replace, path: /spec/replicas, value: 2}]'}]",
            "images: [{name: paygate/other, newTag: x}]",
            "labels: [{pairs: {a: b}, includeSelectors: true}]",
    })
    void refuses_what_it_does_not_render_as_kustomize_would(String line) {
        assertThatThrownBy(() -> render(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_two_objects_of_the_same_name() throws IOException {
        Files.writeString(directory.resolve("twice.yaml"), DEPLOYMENT + "---\n" + DEPLOYMENT);
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [twice.yaml]
                """);
        assertThatThrownBy(() -> Kustomization.build(directory)).hasMessageContaining("two objects");
    }

    /** Where kubectl is installed (not in CI), each overlay must render to exactly what kustomize itself renders. */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void renders_what_kubectl_kustomize_renders(String overlay) throws IOException, InterruptedException {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(path -> Files.isExecutable(Path.of(path, "kubectl"))), "kubectl is not installed");
        Path output = directory.resolve(overlay + ".yaml");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", Overlay.KUBERNETES.resolve("overlays/" + overlay).toString())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS) && kubectl.exitValue() == 0).as("kubectl kustomize").isTrue();
        Map<String, JsonNode> expected = byId(Kustomization.read(output));
        Map<String, JsonNode> actual = byId(Kustomization.build(Overlay.KUBERNETES.resolve("overlays/" + overlay)));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, object) -> assertThat(actual.get(id)).as(id).isEqualTo(object));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        return objects.stream().collect(Collectors.toMap(Kustomization::id, Function.identity()));
    }

    private List<ObjectNode> render(String kustomization) throws IOException {
        Files.writeString(directory.resolve("web.yaml"), DEPLOYMENT);
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [web.yaml]
                """ + kustomization);
        return Kustomization.build(directory);
    }
}
