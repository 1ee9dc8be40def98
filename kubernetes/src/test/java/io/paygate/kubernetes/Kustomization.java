package io.paygate.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Builds a kustomization as {@code kubectl kustomize} does, for the subset PayGate's overlays use: {@code resources}
 * (files and directories), JSON 6902 {@code patches} with a {@code target}, {@code namespace}, {@code labels} on
 * metadata only, and {@code images}, applied in kustomize's order. Anything else fails, so that no kustomization can
 * mean more to kubectl than to the tests; and, stricter than kustomize, a patch or image entry that matches nothing.
 */
final class Kustomization {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "patches", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    private static final List<String> POD_SPECS = List.of("/spec", "/spec/template/spec",
            "/spec/jobTemplate/spec/template/spec");

    private Kustomization() {
    }

    /** The objects the kustomization in this directory renders to. */
    static List<ObjectNode> build(Path directory) throws IOException {
        ObjectNode kustomization = (ObjectNode) YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        kustomization.fieldNames().forEachRemaining(field -> require(FIELDS.contains(field),
                directory + ": kustomization field '" + field + "' is not supported by this renderer"));
        require(text(kustomization, "apiVersion").equals("kustomize.config.k8s.io/v1beta1")
                && text(kustomization, "kind").equals("Kustomization"), directory + ": not a v1beta1 Kustomization");

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            patch(directory, (ObjectNode) patch, objects);
        }
        if (kustomization.has("namespace")) {
            namespace(text(kustomization, "namespace"), objects);
        }
        for (JsonNode labels : kustomization.path("labels")) {
            label((ObjectNode) labels, objects);
        }
        for (JsonNode image : kustomization.path("images")) {
            image((ObjectNode) image, objects);
        }
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            require(ids.add(id(object)), directory + ": two objects are " + id(object));
        }
        return objects;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    require(document.isObject() && document.has("kind"), file + ": a document is not an object");
                    objects.add((ObjectNode) document);
                }
            }
        }
        return objects;
    }

    static String id(JsonNode object) {
        return text(object, "apiVersion") + " " + text(object, "kind") + " "
                + object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText();
    }

    private static void patch(Path directory, ObjectNode patch, List<ObjectNode> objects) throws IOException {
        patch.fieldNames().forEachRemaining(field -> require(Set.of("target", "patch").contains(field),
                directory + ": patch field '" + field + "' is not supported (inline JSON 6902 patches with a target)"));
        JsonNode operations = YAML.readTree(text(patch, "patch"));
        require(operations.isArray(), directory + ": only JSON 6902 patches (a list of operations) are supported");
        JsonNode target = patch.path("target");
        target.fieldNames().forEachRemaining(field -> require(Set.of("group", "version", "kind", "name").contains(field),
                directory + ": patch target field '" + field + "' is not supported"));
        require(target.has("kind"), directory + ": a patch target needs a kind");
        int matched = 0;
        for (ObjectNode object : objects) {
            if (matches(target, object)) {
                JsonPatch.apply((ArrayNode) operations, object);
                matched++;
            }
        }
        require(matched > 0, directory + ": patch target " + target + " matches nothing");
    }

    private static boolean matches(JsonNode target, JsonNode object) {
        String apiVersion = text(object, "apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return target.path("kind").asText().equals(text(object, "kind"))
                && (!target.has("name") || target.path("name").asText().equals(object.path("metadata").path("name").asText()))
                && (!target.has("group") || target.path("group").asText().equals(group))
                && (!target.has("version") || target.path("version").asText().equals(version));
    }

    private static void namespace(String namespace, List<ObjectNode> objects) {
        for (ObjectNode object : objects) {
            ObjectNode metadata = object.withObject("/metadata");
            if (CLUSTER_SCOPED.contains(text(object, "kind"))) {
                // kustomize would rename the Namespace object; the kustomizations here never need it to.
                require(metadata.path("name").asText().equals(namespace), "Namespace " + metadata.path("name")
                        + " differs from the kustomization's namespace " + namespace);
            } else {
                metadata.put("namespace", namespace);
            }
        }
    }

    private static void label(ObjectNode labels, List<ObjectNode> objects) {
        labels.fieldNames().forEachRemaining(field -> require(field.equals("pairs"),
                "labels field '" + field + "' is not supported (pairs only: metadata labels, never selectors)"));
        for (ObjectNode object : objects) {
            labels.path("pairs").properties().forEach(pair -> object.withObject("/metadata").withObject("/labels")
                    .set(pair.getKey(), pair.getValue()));
        }
    }

    private static void image(ObjectNode image, List<ObjectNode> objects) {
        image.fieldNames().forEachRemaining(field -> require(Set.of("name", "newName", "newTag", "digest").contains(field),
                "images field '" + field + "' is not supported"));
        String name = text(image, "name");
        int matched = 0;
        for (ObjectNode object : objects) {
            for (String podSpec : POD_SPECS) {
                for (String containers : List.of("containers", "initContainers")) {
                    for (JsonNode container : object.at(podSpec).path(containers)) {
                        String current = text(container, "image");
                        String currentName = current.replaceFirst("@.*$", "").replaceFirst(":[^:/]*$", "");
                        if (currentName.equals(name)) {
                            ((ObjectNode) container).set("image", TextNode.valueOf(renamed(image, current, currentName)));
                            matched++;
                        }
                    }
                }
            }
        }
        require(matched > 0, "image " + name + " is used by no container");
    }

    private static String renamed(JsonNode image, String current, String currentName) {
        String newName = image.path("newName").asText(currentName);
        if (image.has("digest")) {
            return newName + "@" + text(image, "digest");
        }
        if (image.has("newTag")) {
            return newName + ":" + text(image, "newTag");
        }
        return newName + current.substring(currentName.length());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        require(value.isValueNode(), "missing '" + field + "' in " + node);
        return value.asText();
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** RFC 6902 add, replace, remove and test, on RFC 6901 paths. */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ArrayNode operations, ObjectNode document) {
            for (JsonNode operation : operations) {
                Iterator<String> fields = operation.fieldNames();
                fields.forEachRemaining(field -> require(Set.of("op", "path", "value").contains(field),
                        "JSON patch field '" + field + "' is not supported"));
                String op = text(operation, "op");
                String path = text(operation, "path");
                int slash = path.lastIndexOf('/');
                require(slash >= 0, "JSON patch path " + path + " does not start with /");
                JsonNode parent = document.at(path.substring(0, slash));
                String key = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
                require(parent.isContainerNode(), "JSON patch path " + path + ": no such parent in " + Kustomization.id(document));
                JsonNode value = operation.get("value");
                switch (op) {
                    case "add" -> add(parent, key, value, path);
                    case "replace" -> {
                        require(!document.at(path).isMissingNode(), "JSON patch replace: nothing at " + path);
                        set(parent, key, value);
                    }
                    case "remove" -> {
                        require(!document.at(path).isMissingNode(), "JSON patch remove: nothing at " + path);
                        if (parent instanceof ArrayNode array) {
                            array.remove(Integer.parseInt(key));
                        } else {
                            ((ObjectNode) parent).remove(key);
                        }
                    }
                    case "test" -> require(document.at(path).equals(value), "JSON patch test failed: " + path
                            + " is " + document.at(path) + ", not " + value + " in " + Kustomization.id(document));
                    default -> throw new IllegalArgumentException("JSON patch op '" + op + "' is not supported");
                }
            }
        }

        private static void add(JsonNode parent, String key, JsonNode value, String path) {
            require(value != null, "JSON patch add without a value at " + path);
            if (parent instanceof ArrayNode array) {
                if (key.equals("-")) {
                    array.add(value.deepCopy());
                } else {
                    array.insert(Integer.parseInt(key), value.deepCopy());
                }
            } else {
                ((ObjectNode) parent).set(key, value.deepCopy());
            }
        }

        private static void set(JsonNode parent, String key, JsonNode value) {
            require(value != null, "JSON patch replace without a value");
            if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(key), value.deepCopy());
            } else {
                ((ObjectNode) parent).set(key, value.deepCopy());
            }
        }
    }
}
