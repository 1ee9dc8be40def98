package io.paygate.kubernetes;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.paygate.kubernetes.OperatorResources.MongoDBCommunity;
import io.paygate.kubernetes.OperatorResources.Permission;
import io.paygate.kubernetes.OperatorResources.RabbitmqCluster;
import io.paygate.kubernetes.OperatorResources.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One overlay, rendered and read into the typed model: every object must be of a kind listed in {@link #KINDS}. */
record Overlay(String name, List<ObjectNode> rendered, List<Object> objects) {

    /** The module's directory: where Maven runs the tests, or kubernetes/ below where an IDE may run them. */
    static final Path KUBERNETES = (Files.isDirectory(Path.of("overlays")) ? Path.of("") : Path.of("kubernetes"))
            .toAbsolutePath();

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("rabbitmq.com/v1beta1 RabbitmqCluster", RabbitmqCluster.class),
            Map.entry("rabbitmq.com/v1beta1 User", User.class),
            Map.entry("rabbitmq.com/v1beta1 Permission", Permission.class),
            Map.entry("mongodbcommunity.mongodb.com/v1 MongoDBCommunity", MongoDBCommunity.class));

    /**
     * fabric8's model keeps unknown fields in an any-setter map instead of failing; without it, and with
     * FAIL_ON_UNKNOWN_PROPERTIES, a misspelt or misplaced field fails as the API server's strict validation would.
     */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    static Overlay build(String name) throws IOException {
        List<ObjectNode> rendered = Kustomization.build(KUBERNETES.resolve("overlays").resolve(name));
        List<Object> objects = new ArrayList<>();
        for (ObjectNode object : rendered) {
            String kind = object.path("apiVersion").asText() + " " + object.path("kind").asText();
            Class<?> type = KINDS.get(kind);
            if (type == null) {
                throw new IllegalArgumentException(name + ": " + kind + " is not a kind the tests know");
            }
            try {
                objects.add(STRICT.treeToValue(object, type));
            } catch (IOException e) {
                throw new IllegalArgumentException(name + ": " + Kustomization.id(object) + ": " + e.getMessage(), e);
            }
        }
        return new Overlay(name, rendered, objects);
    }

    <T> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    Deployment deployment(String deploymentName) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(deploymentName)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + deploymentName + " in " + name));
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The name of a built-in object, or of a custom resource by its metadata. */
    static String nameOf(Object object) {
        return switch (object) {
            case HasMetadata resource -> resource.getMetadata().getName();
            case ObjectMeta metadata -> metadata.getName();
            default -> throw new IllegalArgumentException("no name: " + object);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
