package io.quorch.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * Shared probing on a real three-node group over a real MariaDB primary with five replicas: each
 * replica is probed by one node, the primary by all; every node's picture agrees and stays fresh;
 * a killed node's share is taken over within two poll intervals; a node that comes back empty
 * gets the full picture from its peers.
 */
class SharedProbingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 1000;
    private static final int REPLICAS = 5;

    @TempDir
    Path dir;

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static JsonNode share(RaftCluster c, int i) {
        var r = c.local(i, "/api/probe-share");
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    private static JsonNode discoveryMetrics(RaftCluster c, int i) {
        return json(c.local(i, "/api/discovery-metrics").body());
    }

    /** Node i's probes so far. */
    private static long probes(RaftCluster c, int i) {
        return discoveryMetrics(c, i).path("ProbesTotal").asLong();
    }

    /** Whether node i's assignment lists exactly these nodes, each heard, and it shares. */
    private static boolean sharedBy(RaftCluster c, int i, List<Integer> nodes) {
        JsonNode s = share(c, i);
        if (!s.path("Shared").asBoolean() || s.path("Nodes").size() != nodes.size()) {
            return false;
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode n : s.path("Nodes")) {
            if (!n.path("Heard").asBoolean()) {
                return false;
            }
            listed.add(n.path("Node").asText());
        }
        return nodes.stream().allMatch(n -> listed.contains(c.raftAddress(n)));
    }

    /** How many plain replicas node i owns, by its own view. */
    private static int owned(RaftCluster c, int i) {
        return share(c, i).path("OwnedHere").asInt();
    }

    /** The fields of a server's /api/instance answer that must be the same on every node. */
    private static String picture(RaftCluster c, int i, int port) {
        var r = c.local(i, "/api/instance/127.0.0.1/" + port);
        if (r.statusCode() != 200) {
            return "HTTP " + r.statusCode();
        }
        JsonNode n = json(r.body());
        JsonNode m = n.path("MasterKey");
        return n.path("Key").path("Hostname").asText() + ":" + n.path("Key").path("Port").asInt() + " "
                + m.path("Hostname").asText() + ":" + m.path("Port").asInt() + " " + n.path("ReadOnly") + " " + n.path("ServerID") + " "
                + n.path("IsLastCheckValid") + " " + n.path("ClusterName") + " " + n.path("ReplicationDepth");
    }

    /** Waits until the nodes' answers about the server agree; fails showing them when they do not. */
    private static void awaitAgreement(RaftCluster c, List<Integer> nodes, int port) {
        try {
            Await.until("the nodes agree on " + port, Duration.ofSeconds(5),
                    () -> nodes.stream().map(i -> picture(c, i, port)).distinct().count() == 1);
        } catch (AssertionError e) {
            List<String> seen = nodes.stream().map(i -> "node " + i + ": " + picture(c, i, port)).toList();
            throw new AssertionError("the nodes disagree on " + port + ": " + seen, e);
        }
    }

    private static void awaitSharedBy(RaftCluster c, List<Integer> nodes, Duration timeout) {
        for (int i : nodes) {
            Await.until("node " + i + " shares the probing with " + nodes, timeout, () -> sharedBy(c, i, nodes));
        }
    }

    @Test
    void eachReplicaIsProbedByOneNodeAndEveryNodeSeesTheSameFreshFleet() throws Exception {
        try (Sandbox sandbox = Sandbox.up("sharing", REPLICAS, false);
                RaftCluster c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 1")) {
            int leader = c.awaitSingleLeader(START);
            String cluster = "127.0.0.1:" + sandbox.primaryPort();
            var discovered = c.get(leader, "/api/discover/127.0.0.1/" + sandbox.primaryPort());
            assertEquals(200, discovered.statusCode(), discovered.body());
            c.awaitEveryNodeKnows(cluster, REPLICAS + 1, Duration.ofSeconds(30));
            List<Integer> all = List.of(0, 1, 2);
            awaitSharedBy(c, all, Duration.ofSeconds(20));
            Await.until("every node counts " + REPLICAS + " plain replicas", Duration.ofSeconds(10),
                    () -> all.stream().allMatch(i -> share(c, i).path("PlainReplicas").asInt() == REPLICAS));

            // every replica has one owner, the same on every node, and each node probes its own share only
            int[] own = new int[3];
            for (int i : all) {
                own[i] = owned(c, i);
                for (JsonNode n : share(c, i).path("Nodes")) {
                    int idx = all.stream().filter(k -> c.raftAddress(k).equals(n.path("Node").asText())).findFirst()
                            .orElseThrow();
                    assertEquals(owned(c, idx), n.path("Owns").asInt(), "node " + i + "'s view of node " + idx);
                }
            }
            assertEquals(REPLICAS, own[0] + own[1] + own[2], "one owner per replica");
            Thread.sleep(2 * POLL_MILLIS);
            long[] before = new long[3];
            for (int i : all) {
                before[i] = probes(c, i);
            }
            long window = 6;
            Thread.sleep(window * POLL_MILLIS);
            long total = 0;
            for (int i : all) {
                long done = probes(c, i) - before[i];
                total += done;
                long expected = (1 + own[i]) * window;
                assertTrue(done >= expected - 3 && done <= expected + 4, "node " + i + " owns " + own[i]
                        + " replicas and probed " + done + " times in " + window + " s, expected about " + expected);
            }
            assertTrue(total <= (3 + REPLICAS) * window + 8, "the group probed " + total + " times, not "
                    + 3 * (1 + REPLICAS) * window + " as without sharing");

            // the same picture everywhere, each fresh within the poll interval and the transfer
            List<Integer> ports = sandbox.ports();
            for (int port : ports) {
                awaitAgreement(c, all, port);
            }
            for (int sample = 0; sample < 6; sample++) {
                for (int i : all) {
                    long age = discoveryMetrics(c, i).path("CheckAgeMaxMillis").asLong();
                    assertTrue(age <= POLL_MILLIS + 500 + 300, "node " + i + ": a server last checked " + age
                            + " ms ago");
                }
                Thread.sleep(500);
            }
            // a change on a replica reaches every node within the poll interval plus the transfer
            int changed = sandbox.replicaPorts().get(0);
            sandbox.sql(changed, "SET GLOBAL read_only = OFF");
            long changedAt = System.nanoTime();
            for (int i : all) {
                Await.until("node " + i + " sees read_only off on " + changed, Duration.ofSeconds(10),
                        () -> picture(c, i, changed).contains(" false "));
            }
            long seenAfter = (System.nanoTime() - changedAt) / 1_000_000;
            assertTrue(seenAfter <= POLL_MILLIS + 500 + 500, "every node saw the change after " + seenAfter + " ms");

            // replicas added under replicas, which so become intermediate primaries, are learnt by every node: also by
            // a new replica's owner when another node owns the replica it hangs under (each added here has a 2 in 3
            // chance of that)
            List<Integer> under = List.copyOf(sandbox.replicaPorts().subList(0, 3));
            List<Integer> added = new ArrayList<>();
            for (int port : under) {
                added.add(sandbox.addReplica(port));
            }
            int servers = REPLICAS + 1 + added.size();
            c.awaitEveryNodeKnows(cluster, servers, Duration.ofSeconds(20));
            for (int port : added) {
                awaitAgreement(c, all, port);
            }
            ports = sandbox.ports();

            // a node killed: its share is probed by the others within two poll intervals
            int gone = all.stream().filter(i -> i != leader).max((a, b) -> Integer.compare(own[a], own[b]))
                    .orElseThrow();
            List<Integer> left = all.stream().filter(i -> i != gone).toList();
            c.kill(gone);
            long killedAt = System.nanoTime();
            awaitSharedBy(c, left, Duration.ofSeconds(10));
            long reassignedAfter = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(reassignedAfter <= 2 * POLL_MILLIS + 500, "reassigned after " + reassignedAfter + " ms");
            Await.until("the two nodes own every replica", Duration.ofSeconds(5),
                    () -> owned(c, left.get(0)) + owned(c, left.get(1)) == REPLICAS);
            for (int sample = 0; sample < 4; sample++) {
                for (int i : left) {
                    long age = discoveryMetrics(c, i).path("CheckAgeMaxMillis").asLong();
                    assertTrue(age <= 2 * POLL_MILLIS + 500, "node " + i + ": a server unprobed for " + age + " ms");
                }
                Thread.sleep(500);
            }

            // back empty (a replaced machine): the full picture comes from the peers
            c.wipe(gone);
            c.start(gone);
            awaitSharedBy(c, all, START);
            c.awaitEveryNodeKnows(cluster, servers, Duration.ofSeconds(30));
            JsonNode back = share(c, gone);
            assertTrue(back.path("ResultsReceivedAccepted").asLong() > 0, back.toString());
            for (int port : ports) {
                awaitAgreement(c, List.of(gone, left.get(0)), port);
            }
            // a result the old owner sent while the nodes read the new assignment is taken (a grace after each change)
            assertEquals(0, share(c, leader).path("ResultsReceivedRefused").asLong(), () -> "no result was refused: "
                    + c.output(leader).lines().filter(l -> l.contains("refused")).toList());
        }
    }
}
