package io.quorch.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Exposes an orchestrator-style JSON file (orchestrator.conf.json keys) as typed quorch properties.
 * It sits above application.properties and below environment variables and system properties, so a
 * Kubernetes deployment can still override any single setting.
 */
public final class OrchestratorJsonConfigSource implements ConfigSource {

    /**
     * Its own mapper, not the application's: config sources are built while the configuration is
     * read, before CDI starts (Quarkus' ObjectMapper is itself configured from that configuration).
     * It only reads a tree, so none of the application's JSON settings apply.
     */
    private static final ObjectMapper TREE = new ObjectMapper();

    /** Above application.properties (250), below environment variables (300). */
    public static final int ORDINAL = 275;
    /** Property listing the JSON keys quorch did not recognise, for a warning at startup. */
    public static final String UNKNOWN_KEYS_PROPERTY = "quorch.config.unknown-keys";

    private final String name;
    private final Map<String, String> properties;

    private OrchestratorJsonConfigSource(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    /** Reads and translates the file; every problem found is reported at once. */
    public static OrchestratorJsonConfigSource load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigProblemsException(List.of("configuration file " + file + " cannot be read: "
                    + (Files.exists(file) ? e.getMessage() : "no such file")));
        }
        return parse(file.toString(), text);
    }

    static OrchestratorJsonConfigSource parse(String name, String text) {
        JsonNode root;
        try {
            root = TREE.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigProblemsException(List.of("configuration file " + name + " is not valid JSON"
                    + (loc != null ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : "")
                    + ": " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigProblemsException(List.of("configuration file " + name + " must hold a JSON object"));
        }
        Map<String, String> props = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String jsonKey = field.getKey();
            JsonNode value = field.getValue();
            String refusal = UnsupportedKeys.refusal(jsonKey, value);
            if (refusal != null) {
                problems.add(refusal);
                continue;
            }
            var key = ConfigKeys.byJson(jsonKey);
            if (key.isEmpty()) {
                unknown.add(jsonKey);
                continue;
            }
            // an empty string is how orchestrator's files (its sample among them) leave a setting
            // unset: the setting keeps its default, as an empty value does for every other source
            if (value.isNull() || (key.get().type() == ConfigKey.Type.STRING && value.isTextual()
                    && value.asText().isEmpty())) {
                continue;
            }
            String converted = convert(key.get(), value);
            if (converted == null) {
                problems.add(jsonKey + ": expected " + key.get().type().description() + ", got " + value);
                continue;
            }
            props.put(key.get().property(), converted);
            if (jsonKey.equals("ListenAddress")) {
                listenAddress(converted, props, problems);
            }
        }
        synonyms(root, "ReplicationLagQuery", "SlaveLagQuery", problems);
        backendFollowsOrchestrator(root, props);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        if (!unknown.isEmpty()) {
            props.put(UNKNOWN_KEYS_PROPERTY, String.join(",", unknown));
        }
        return new OrchestratorJsonConfigSource("OrchestratorJsonConfigSource[" + name + "]", props);
    }

    /** orchestrator refuses two spellings of one setting with different values; so does quorch. */
    private static void synonyms(JsonNode root, String key, String older, List<String> problems) {
        JsonNode a = root.get(key);
        JsonNode b = root.get(older);
        if (given(a) && given(b) && !a.equals(b)) {
            problems.add(key + " and " + older + ": the same setting, given twice with different values");
        }
    }

    private static boolean given(JsonNode v) {
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }

    /**
     * orchestrator's BackendDB defaults to "mysql": a file that names a MySQLOrchestratorHost and no
     * BackendDB means a MySQL backend there, so quorch uses that server rather than quietly falling
     * back to its own default, an empty SQLite file.
     */
    static void backendFollowsOrchestrator(JsonNode root, Map<String, String> props) {
        JsonNode db = root.get("BackendDB");
        JsonNode host = root.get("MySQLOrchestratorHost");
        boolean noBackend = db == null || db.isNull() || (db.isTextual() && db.asText().isBlank());
        if (noBackend && host != null && host.isTextual() && !host.asText().isBlank()) {
            props.put("quorch.backend.db", "mysql");
        }
    }

    private static String convert(ConfigKey key, JsonNode value) {
        return switch (key.type()) {
            case STRING -> value.isTextual() ? value.asText() : null;
            case INTEGER -> value.isIntegralNumber() ? value.asText() : null;
            case NUMBER -> value.isNumber() ? value.asText() : null;
            case BOOLEAN -> value.isBoolean() ? value.asText() : null;
            case STRING_LIST -> list(value);
            case STRING_OR_INTEGER -> value.isTextual() || value.isIntegralNumber() ? value.asText() : null;
        };
    }

    private static String list(JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return null;
            }
            items.add(item.asText().replace("\\", "\\\\").replace(",", "\\,"));
        }
        return String.join(",", items);
    }

    /** ListenAddress is "host:port" or ":port", as in orchestrator; it sets Quarkus' HTTP host and port. */
    private static void listenAddress(String address, Map<String, String> props, List<String> problems) {
        try {
            ListenAddress parsed = ListenAddress.parse(address);
            props.put("quarkus.http.host", parsed.host());
            props.put("quarkus.http.port", Integer.toString(parsed.port()));
        } catch (IllegalArgumentException e) {
            problems.add("ListenAddress: " + e.getMessage() + ", got \"" + address + "\"");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
