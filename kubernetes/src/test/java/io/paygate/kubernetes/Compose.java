package io.paygate.kubernetes;

import io.paygate.testing.BrokerPermission;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/** What docker-compose.yml and docker/rabbitmq-permissions.tsv say, for the manifests to follow. */
final class Compose {

    private static final Path ROOT = Overlay.KUBERNETES.getParent();

    private final Map<String, Map<String, Object>> services;

    @SuppressWarnings("unchecked")
    private Compose(Map<String, Object> compose) {
        this.services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    static Compose read() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            return new Compose(new Yaml().load(reader));
        }
    }

    /** The module each built service runs (its SERVICE build argument), by compose service name. */
    @SuppressWarnings("unchecked")
    Map<String, String> builtModules() {
        Map<String, String> modules = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args) {
                modules.put(name, (String) ((Map<String, Object>) args).get("SERVICE"));
            }
        });
        return modules;
    }

    /** The names of the environment variables compose gives the service that runs this module. */
    @SuppressWarnings("unchecked")
    Set<String> environmentOf(String module) {
        String service = builtModules().entrySet().stream().filter(entry -> entry.getValue().equals(module))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("compose builds no " + module));
        return ((Map<String, Object>) services.get(service).get("environment")).keySet();
    }

    String image(String service) {
        return (String) services.get(service).get("image");
    }

    static List<BrokerPermission> rabbitmqPermissions() {
        return BrokerPermission.all(ROOT);
    }
}
