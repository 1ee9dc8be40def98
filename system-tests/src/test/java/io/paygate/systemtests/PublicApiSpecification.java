package io.paygate.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PayGate's public API as one OpenAPI 3.1 document, combined from the documents the services serve through the
 * gateway, written as YAML in an order that depends only on the content, so that the committed file changes only
 * when the API does.
 */
final class PublicApiSpecification {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Members of a served document this combination knows how to merge; anything else must fail loudly, not vanish. */
    private static final Set<String> KNOWN_ROOT_MEMBERS = Set.of("openapi", "info", "servers", "security", "tags", "paths", "components");
    /** Members whose values are data (examples, allowed values): written exactly as served. */
    private static final Set<String> DATA_MEMBERS = Set.of("example", "examples", "default", "enum", "const");
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new QuotingValuesThatStartWithADigit())
                    .build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // A card number or CVV example is a string; unquoted, YAML would read it back as a number.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private final ObjectNode document;

    private PublicApiSpecification(ObjectNode document) {
        this.document = document;
    }

    /**
     * Combines the served documents, named for error messages: the union of their paths, tags and components,
     * each document's global security moved onto its own operations, and no {@code servers} (they carry the
     * port of the run that served them).
     *
     * @throws IllegalStateException when two documents define the same path, or the same component or tag
     *                               differently, or a document holds something this combination would drop
     */
    static PublicApiSpecification combine(String version, Map<String, JsonNode> servedByName) {
        ObjectNode paths = NODES.objectNode();
        Map<String, Map<String, Named>> components = new TreeMap<>();
        Map<String, Named> tags = new TreeMap<>();
        servedByName.forEach((name, served) -> {
            requireMergeable(name, served);
            JsonNode security = served.path("security");
            served.path("paths").properties().forEach(path -> {
                if (paths.has(path.getKey())) {
                    throw new IllegalStateException("path " + path.getKey() + " is served by more than one API, "
                            + "the second time by '" + name + "'");
                }
                paths.set(path.getKey(), withSecurity(path.getValue(), security));
            });
            served.path("components").properties().forEach(section -> section.getValue().properties().forEach(
                    component -> add(components.computeIfAbsent(section.getKey(), key -> new TreeMap<>()),
                            "components." + section.getKey(), component.getKey(), new Named(name, component.getValue()))));
            served.path("tags").values().forEach(tag -> add(tags, "tag", tag.path("name").asString(), new Named(name, tag)));
        });

        ObjectNode info = NODES.objectNode()
                .put("title", "PayGate API")
                .put("version", version)
                .put("description", "The payments and webhooks APIs for merchants and the merchant administration API, "
                        + "all served over HTTPS by the PayGate gateway.");
        ArrayNode tagList = NODES.arrayNode();
        tags.values().forEach(tag -> tagList.add(tag.node()));
        ObjectNode componentsNode = NODES.objectNode();
        components.forEach((section, byName) -> {
            ObjectNode sectionNode = componentsNode.putObject(section);
            byName.forEach((name, component) -> sectionNode.set(name, component.node()));
        });

        // The root in OpenAPI's customary order; below it, the order of canonical().
        ObjectNode root = NODES.objectNode();
        root.put("openapi", "3.1.0");
        root.set("info", canonical(info, null));
        root.set("tags", canonical(tagList, null));
        root.set("paths", canonical(paths, null));
        root.set("components", canonical(componentsNode, null));
        return new PublicApiSpecification(root);
    }

    JsonNode document() {
        return document;
    }

    String yaml() {
        return YAML.writeValueAsString(document);
    }

    private static void requireMergeable(String name, JsonNode served) {
        if (!served.isObject() || !served.path("openapi").asString().startsWith("3.1")) {
            throw new IllegalStateException("'" + name + "' is not an OpenAPI 3.1 document: " + abbreviated(served));
        }
        List<String> unknown = served.propertyNames().stream().filter(member -> !KNOWN_ROOT_MEMBERS.contains(member)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("'" + name + "' has " + unknown + ", which the combined specification "
                    + "does not know how to merge yet: teach PublicApiSpecification");
        }
    }

    /** A document's global security requirement, made explicit on each of its operations that has none of its own. */
    private static JsonNode withSecurity(JsonNode pathItem, JsonNode globalSecurity) {
        ObjectNode copy = (ObjectNode) pathItem.deepCopy();
        if (globalSecurity.isMissingNode()) {
            return copy;
        }
        copy.properties().stream()
                .filter(member -> OPERATIONS.contains(member.getKey()))
                .map(member -> (ObjectNode) member.getValue())
                .filter(operation -> !operation.has("security"))
                .forEach(operation -> operation.set("security", globalSecurity.deepCopy()));
        return copy;
    }

    private static void add(Map<String, Named> byName, String kind, String name, Named candidate) {
        Named existing = byName.putIfAbsent(name, candidate);
        if (existing != null && !existing.node().equals(candidate.node())) {
            throw new IllegalStateException(kind + " '" + name + "' differs between '" + existing.source() + "' and '"
                    + candidate.source() + "'; one published document cannot hold both: give one of them another name "
                    + "(a schema: @Schema(name = ...)) or make them the same.\n  " + existing.source() + ": "
                    + abbreviated(existing.node()) + "\n  " + candidate.source() + ": " + abbreviated(candidate.node()));
        }
    }

    /**
     * The same tree with members in an order that depends on content only: property lists as the service declares
     * them (the order of the JSON it writes), examples untouched, everything else sorted by name.
     */
    private static JsonNode canonical(JsonNode node, String member) {
        if (member != null && DATA_MEMBERS.contains(member)) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.values().forEach(element -> array.add(canonical(element, null)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        // Inside a property list the names are the JSON's fields, not OpenAPI members: "example" there is a field.
        boolean namesAreFields = "properties".equals(member);
        List<String> names = new ArrayList<>(node.propertyNames());
        if (!namesAreFields) {
            names.sort(Comparator.naturalOrder());
        }
        ObjectNode ordered = NODES.objectNode();
        names.forEach(name -> ordered.set(name, canonical(node.get(name), namesAreFields ? null : name)));
        return ordered;
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private record Named(String source, JsonNode node) {
    }

    /**
     * Quotes, beyond what YAML 1.2 needs, every value that starts with a digit: a YAML 1.1 reader (still common in
     * OpenAPI tools) takes an unquoted {@code 2030-01-31T10:15:30.123Z} for a timestamp, not the string it is.
     */
    private static final class QuotingValuesThatStartWithADigit extends StringQuotingChecker.Default {

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !value.isEmpty() && Character.isDigit(value.charAt(0));
        }
    }
}
