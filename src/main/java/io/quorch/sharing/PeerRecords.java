package io.quorch.sharing;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;
import io.quorch.domain.Text;

/**
 * The wire format of /api/peer-probes, both ways. What another node sends is read as warily as
 * what a MySQL server answers: a bounded page of bounded records, every host and port an
 * {@link InstanceKey}, every string within the column it lands in and free of control characters,
 * instants within reason. A record that fails is dropped (and counted); a page that fails as a
 * whole is refused.
 */
public final class PeerRecords {

    /** Results per page a node serves. */
    public static final int PAGE = 500;
    /** Results per page a node accepts (more than it serves, for nodes of another build). */
    static final int MAX_RESULTS = 1000;
    /** The largest page read from a peer. */
    public static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** The largest state of one server (replica lists and GTID sets included). */
    static final int MAX_STATE_CHARS = 256 * 1024;
    static final int MAX_ERROR_CHARS = 1000;
    /** A result more than this far in the future (clock skew between nodes) is refused; within it, taken as now. */
    static final long MAX_AHEAD_MILLIS = 60_000;

    /** A page of results as received. */
    public record Page(String node, String epoch, boolean full, long next, boolean more, List<Result> results,
            int dropped) {
    }

    /** One server's result: a state (valid probe) or an error (failed probe), at the prober's time. */
    public record Result(InstanceKey key, Instant at, ServerState state, String error) {
    }

    private PeerRecords() {
    }

    public static byte[] encode(ObjectMapper json, String node, String epoch, boolean full, ProbeJournal.Page page) {
        ObjectNode root = json.createObjectNode();
        root.put("Node", node);
        root.put("Epoch", epoch);
        root.put("Full", full);
        root.put("Next", page.next());
        root.put("More", page.more());
        ArrayNode results = root.putArray("Results");
        for (ProbeJournal.Entry e : page.entries()) {
            ObjectNode r = results.addObject();
            r.put("Hostname", e.key().hostname());
            r.put("Port", e.key().port());
            r.put("At", e.at().toEpochMilli());
            r.put("Valid", e.state() != null);
            if (e.state() != null) {
                r.set("State", json.valueToTree(e.state()));
            } else {
                r.put("Error", e.error() == null ? "" : e.error());
            }
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode probe results", e);
        }
    }

    /** Reads a page from node; throws IllegalArgumentException when the page as a whole is unusable. */
    public static Page decode(ObjectMapper json, byte[] body, String expectedNode, Instant now) {
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a page of probe results larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("probe results are not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("probe results must be a JSON object");
        }
        String node = root.path("Node").asText("");
        if (!node.equals(expectedNode)) {
            throw new IllegalArgumentException("probe results name node \"" + Text.shown(node, 60) + "\", not "
                    + expectedNode);
        }
        String epoch = root.path("Epoch").asText("");
        if (!epoch.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new IllegalArgumentException("probe results carry an unusable epoch");
        }
        JsonNode next = root.get("Next");
        if (next == null || !next.canConvertToLong() || next.asLong() < 0) {
            throw new IllegalArgumentException("probe results carry no usable Next");
        }
        JsonNode results = root.get("Results");
        if (results == null || !results.isArray() || results.size() > MAX_RESULTS) {
            throw new IllegalArgumentException("probe results must hold an array of at most " + MAX_RESULTS);
        }
        List<Result> out = new ArrayList<>(results.size());
        int dropped = 0;
        for (JsonNode r : results) {
            try {
                out.add(result(json, r, now));
            } catch (IllegalArgumentException e) {
                dropped++;
            }
        }
        return new Page(node, epoch, root.path("Full").asBoolean(false), next.asLong(),
                root.path("More").asBoolean(false), out, dropped);
    }

    static Result result(ObjectMapper json, JsonNode r, Instant now) {
        if (!r.isObject()) {
            throw new IllegalArgumentException("a result must be an object");
        }
        JsonNode host = r.get("Hostname");
        JsonNode port = r.get("Port");
        if (host == null || !host.isTextual() || port == null || !port.canConvertToInt()) {
            throw new IllegalArgumentException("a result needs Hostname and Port");
        }
        InstanceKey key = new InstanceKey(host.asText(), port.asInt());
        JsonNode at = r.get("At");
        if (at == null || !at.canConvertToLong()) {
            throw new IllegalArgumentException("a result needs At");
        }
        Instant when = Instant.ofEpochMilli(at.asLong());
        if (when.isAfter(now.plusMillis(MAX_AHEAD_MILLIS)) || when.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("a result's time is out of range");
        }
        if (when.isAfter(now)) {
            when = now;
        }
        if (!r.path("Valid").asBoolean(false)) {
            String error = r.path("Error").asText("");
            return new Result(key, when, null, clean(error.length() > MAX_ERROR_CHARS
                    ? error.substring(0, MAX_ERROR_CHARS) : error));
        }
        JsonNode state = r.get("State");
        if (state == null || !state.isObject() || state.toString().length() > MAX_STATE_CHARS) {
            throw new IllegalArgumentException("a valid result needs a State of at most " + MAX_STATE_CHARS);
        }
        ServerState s;
        try {
            s = json.treeToValue(state, ServerState.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable State");
        }
        check(s);
        return new Result(key, when, s, null);
    }

    /** Every string within the column it is stored in (database_instance), one line, no control characters. */
    static void check(ServerState s) {
        if (s.flavor() == null || s.version() == null || s.replication() != null && s.replication().masterKey() == null) {
            throw new IllegalArgumentException("incomplete State");
        }
        line(s.serverUuid(), 64);
        line(s.version(), 128);
        line(s.versionComment(), 255);
        line(s.binlogFormat(), 32);
        line(s.binlogRowImage(), 32);
        line(s.dataCenter(), 64);
        line(s.region(), 64);
        line(s.physicalEnvironment(), 64);
        line(s.suggestedClusterAlias(), 255);
        if (s.replicaKeys().size() > 10_000) {
            throw new IllegalArgumentException("too many replicas");
        }
    }

    private static void line(String v, int max) {
        if (v != null && (v.length() > max || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new IllegalArgumentException("a State string too long or not one line");
        }
    }

    private static String clean(String s) {
        return s.replaceAll("[\\p{Cntrl}]", " ");
    }
}
