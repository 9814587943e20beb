package io.quorch.consensus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quorch.domain.AckSelector;

/**
 * Encodes replicated commands for the raft log: {"v":1,"type":"BeginDowntime","data":{...}}. The
 * type names are the record names of the sealed interface; a version or type this build does not
 * know is refused, never guessed.
 */
public final class CommandCodec {

    public static final int VERSION = 1;

    /**
     * The raft log's own mapper, on purpose not the application's: the log is a wire format that
     * every node of every version in a group must read the same way, versioned by {@link #VERSION},
     * so nothing that configures the API's JSON may change it.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addMixIn(AckSelector.class, AckSelectorMixin.class);

    private static final Map<String, Class<? extends ReplicatedCommand>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : ReplicatedCommand.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends ReplicatedCommand> cmd = (Class<? extends ReplicatedCommand>) c;
            TYPES.put(c.getSimpleName(), cmd);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = AckSelector.All.class, name = "all"),
            @JsonSubTypes.Type(value = AckSelector.Cluster.class, name = "cluster"),
            @JsonSubTypes.Type(value = AckSelector.Id.class, name = "id"),
            @JsonSubTypes.Type(value = AckSelector.Uid.class, name = "uid"),
            @JsonSubTypes.Type(value = AckSelector.Instance.class, name = "instance") })
    interface AckSelectorMixin {
    }

    private CommandCodec() {
    }

    public static byte[] encode(ReplicatedCommand command) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("v", VERSION);
        envelope.put("type", command.getClass().getSimpleName());
        envelope.set("data", JSON.valueToTree(command));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + command.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a log entry; throws {@link CorruptCommandException} for anything this build cannot apply. */
    public static ReplicatedCommand decode(byte[] bytes) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CorruptCommandException("not JSON: " + preview(bytes), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new CorruptCommandException("not a command envelope: " + preview(bytes), null);
        }
        int version = envelope.path("v").asInt(-1);
        if (version != VERSION) {
            throw new CorruptCommandException("command version " + version + " (this build applies " + VERSION + ")",
                    null);
        }
        String type = envelope.path("type").asText("");
        Class<? extends ReplicatedCommand> c = TYPES.get(type);
        if (c == null) {
            throw new CorruptCommandException("unknown command type \"" + type + "\"", null);
        }
        try {
            return JSON.treeToValue(envelope.get("data"), c);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCommandException("unreadable " + type + ": " + e.getMessage(), e);
        }
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8);
        return s.replace('\n', ' ');
    }

    /** A log entry that cannot be applied: the node must stop rather than diverge. */
    public static class CorruptCommandException extends RuntimeException {
        public CorruptCommandException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
