package io.quorch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects a kustomization directory stands for, as kustomize builds them for what the files under
 * deploy/kubernetes use: resources (files, or directories holding a kustomization) and strategic
 * merge patches, whose lists of objects merge by name (containers, env, volumes), mountPath
 * (volumeMounts) or containerPort (ports); other lists and values are replaced.
 */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    static List<ObjectNode> build(Path dir) {
        try {
            JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
            assertEquals("Kustomization", kustomization.path("kind").asText(), dir + "/kustomization.yaml");
            List<ObjectNode> objects = new ArrayList<>();
            for (JsonNode resource : kustomization.path("resources")) {
                Path path = dir.resolve(resource.asText()).normalize();
                if (Files.isDirectory(path)) {
                    objects.addAll(build(path));
                } else {
                    assertTrue(Files.isRegularFile(path), "kustomization lists a missing file: " + path);
                    objects.addAll(documents(path));
                }
            }
            for (JsonNode patch : kustomization.path("patches")) {
                Path path = dir.resolve(patch.path("path").asText());
                assertTrue(Files.isRegularFile(path), "kustomization lists a missing patch: " + path);
                for (ObjectNode p : documents(path)) {
                    ObjectNode target = objects.stream().filter(o -> same(o, p)).findFirst().orElseThrow(
                            () -> new AssertionError(path + " patches no object: " + p.path("kind").asText() + " "
                                    + p.path("metadata").path("name").asText()));
                    merge(target, p);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects as one YAML stream, for tools that read files. */
    static String toYaml(List<ObjectNode> objects) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ObjectNode o : objects) {
            out.append(YAML.writeValueAsString(o));
        }
        return out.toString();
    }

    private static List<ObjectNode> documents(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc instanceof ObjectNode o && !o.isEmpty()) {
                    docs.add(o);
                }
            }
        }
        return docs;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.path("kind").equals(b.path("kind")) && a.path("metadata").path("name").equals(b.path("metadata")
                .path("name"));
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode old = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (old instanceof ObjectNode o && value instanceof ObjectNode v) {
                merge(o, v);
            } else if (old instanceof ArrayNode o && value instanceof ArrayNode v && mergeKey(v) != null) {
                mergeList(o, v, mergeKey(v));
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }

    private static String mergeKey(ArrayNode list) {
        for (String key : List.of("name", "mountPath", "containerPort")) {
            boolean all = !list.isEmpty();
            for (JsonNode item : list) {
                all &= item.has(key);
            }
            if (all) {
                return key;
            }
        }
        return null;
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String key) {
        for (JsonNode item : patch) {
            ObjectNode match = null;
            for (JsonNode t : target) {
                if (t instanceof ObjectNode o && o.path(key).equals(item.path(key))) {
                    match = o;
                }
            }
            if (match != null) {
                merge(match, (ObjectNode) item);
            } else {
                target.add(item.deepCopy());
            }
        }
    }
}
