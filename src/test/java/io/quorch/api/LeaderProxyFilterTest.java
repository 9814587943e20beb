package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.quorch.config.RecoveryConfig;
import io.quorch.security.ApiRoutes;
import io.quorch.security.RouteScope;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class LeaderProxyFilterTest {

    static RecoveryConfig recovery(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(RecoveryConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(RecoveryConfig.class);
    }

    @Test
    void theTimeoutCoversATakeoverRunningEveryHookToItsLimit() {
        assertEquals(LeaderProxyFilter.BASE_TIMEOUT, LeaderProxyFilter.timeout(recovery(Map.of())));
        var config = recovery(Map.of("quorch.recovery.hooks.timeout-seconds", "30",
                "quorch.recovery.hooks.pre-graceful-takeover", "a,b",
                "quorch.recovery.hooks.post-graceful-takeover", "c",
                "quorch.recovery.hooks.pre-failover", "d"));
        assertEquals(LeaderProxyFilter.BASE_TIMEOUT.plus(Duration.ofSeconds(4 * 30)), LeaderProxyFilter.timeout(config));
    }

    @Test
    void headersAConnectionHeaderNamesAreItsOwn() {
        assertEquals(Set.of("x-a", "keep-alive", "close"),
                LeaderProxyFilter.connectionNamed(List.of("X-A, keep-alive", " close ,")));
        assertEquals(Set.of(), LeaderProxyFilter.connectionNamed(null));
        for (String h : List.of("connection", "keep-alive", "proxy-connection", "te", "transfer-encoding", "upgrade",
                "proxy-authorization", "proxy-authenticate", "trailer", "host", "content-length",
                "x-quorch-proxied-by")) {
            assertTrue(LeaderProxyFilter.HOP_BY_HOP.contains(h), h);
        }
    }

    /** A healthy follower that knows the leader, asked by a caller the API security admits. */
    static final LeaderProxyFilter.Situation FOLLOWER = new LeaderProxyFilter.Situation(false, true, true, false, false,
            true, 0);
    static final BooleanSupplier ADMITTED = () -> true;

    static LeaderProxyFilter.Action decide(String path, LeaderProxyFilter.Situation s) {
        return LeaderProxyFilter.decide(path, s, ADMITTED);
    }

    static LeaderProxyFilter.Situation forwardedByAnotherNode(LeaderProxyFilter.Situation s) {
        return new LeaderProxyFilter.Situation(s.leader(), s.healthy(), s.leaderKnown(), true, s.localAsked(),
                s.bodiless(), s.waitedMillis());
    }

    static LeaderProxyFilter.Situation localAsked(LeaderProxyFilter.Situation s) {
        return new LeaderProxyFilter.Situation(s.leader(), s.healthy(), s.leaderKnown(), s.forwarded(), true,
                s.bodiless(), s.waitedMillis());
    }

    @Test
    void everyNodeLocalRouteOfTheTableIsAnsweredHereWhoeverAsks() {
        List<String> nodeLocal = ApiRoutes.routes().entrySet().stream()
                .filter(e -> e.getValue().scope() == RouteScope.NODE).map(Map.Entry::getKey).toList();
        assertTrue(nodeLocal.containsAll(List.of("health", "leader-check", "raft-health", "raft-yield",
                "peer-probes", "probe-share", "discovery-metrics")), nodeLocal.toString());
        BooleanSupplier unasked = () -> {
            throw new AssertionError("the API security is asked only about a request to forward");
        };
        for (String route : nodeLocal) {
            for (String path : List.of("/api/" + route, "/api/" + route + "/db1/3306")) {
                for (var s : List.of(FOLLOWER, forwardedByAnotherNode(FOLLOWER), localAsked(FOLLOWER))) {
                    assertEquals(LeaderProxyFilter.Action.SERVE, LeaderProxyFilter.decide(path, s, unasked),
                            path + " " + s);
                }
            }
        }
    }

    @Test
    void everyOtherRouteOfTheTableIsForwardedByAFollower() {
        ApiRoutes.routes().forEach((route, r) -> {
            if (r.scope() != RouteScope.NODE) {
                assertEquals(LeaderProxyFilter.Action.FORWARD, decide("/api/" + route + "/db1/3306", FOLLOWER), route);
                assertEquals(LeaderProxyFilter.Action.REFUSE_FORWARDED,
                        decide("/api/" + route, forwardedByAnotherNode(FOLLOWER)), route);
            }
        });
        assertEquals(LeaderProxyFilter.Action.FORWARD, decide("/api/no-such-route", FOLLOWER));
    }

    @Test
    void changesAreForwardedEvenWhenTheCallerAsksForThisNodesOwnView() {
        for (String path : List.of("/api/recover/db1/3306", "/api/graceful-master-takeover/mycluster",
                "/api/begin-downtime/db1/3306/me/why/1h", "/api/relocate/db2/3306/db3/3306", "/api/discover/db1/3306",
                "/api/failure-verdict", "/api/reload-configuration")) {
            assertEquals(LeaderProxyFilter.Action.FORWARD, decide(path, FOLLOWER), path);
            assertEquals(LeaderProxyFilter.Action.FORWARD, decide(path, localAsked(FOLLOWER)), path);
        }
        // reads only the leader can answer are forwarded too
        assertEquals(LeaderProxyFilter.Action.FORWARD, decide("/api/whoami", localAsked(FOLLOWER)));
        assertEquals(LeaderProxyFilter.Action.FORWARD, decide("/api/recovery-metrics", localAsked(FOLLOWER)));
        // a read of the replicated picture is answered here when asked so
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/clusters", localAsked(FOLLOWER)));
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/instance/db1/3306", localAsked(FOLLOWER)));
    }

    @Test
    void theLeaderAnswersEverythingAndAFollowerWithoutALeaderWaitsThenAnswers() {
        var leader = new LeaderProxyFilter.Situation(true, true, true, true, false, false, 0);
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/recover/db1/3306", leader));
        var noAddress = new LeaderProxyFilter.Situation(false, true, false, false, false, true, 0);
        assertEquals(LeaderProxyFilter.Action.WAIT_FOR_ADDRESS, decide("/api/clusters", noAddress));
        var waited = new LeaderProxyFilter.Situation(false, true, false, false, false, true,
                LeaderProxyFilter.LEADER_WAIT_MILLIS);
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/clusters", waited));
        var withBody = new LeaderProxyFilter.Situation(false, true, false, false, false, false, 0);
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/discover/db1/3306", withBody));
        // no leader heard lately (an election under way): a change waits for one, a read of the picture does not
        var unhealthy = new LeaderProxyFilter.Situation(false, false, true, false, false, true, 0);
        assertEquals(LeaderProxyFilter.Action.WAIT_FOR_ADDRESS, decide("/api/discover/db1/3306", unhealthy));
        assertEquals(LeaderProxyFilter.Action.WAIT_FOR_ADDRESS, decide("/api/begin-downtime/db1/3306/me/why/1h",
                new LeaderProxyFilter.Situation(false, false, false, false, false, true, 0)));
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/clusters", unhealthy));
        var electionOver = new LeaderProxyFilter.Situation(false, false, true, false, false, true,
                LeaderProxyFilter.LEADER_WAIT_MILLIS);
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/discover/db1/3306", electionOver));
        var unhealthyWithBody = new LeaderProxyFilter.Situation(false, false, true, false, false, false, 0);
        assertEquals(LeaderProxyFilter.Action.SERVE, decide("/api/discover/db1/3306", unhealthyWithBody));
        // a caller the API security refuses is refused here, by it, not forwarded
        assertEquals(LeaderProxyFilter.Action.SERVE, LeaderProxyFilter.decide("/api/discover/db1/3306", FOLLOWER,
                () -> false));
    }

    @Test
    void aRequestThatReachedNoLeaderIsDecidedAgainOnlyWhenNothingWasTakenAndItHasNoBody() {
        var refused = new java.net.ConnectException("Connection refused");
        var noConnection = new java.net.http.HttpConnectTimeoutException("HTTP connect timed out");
        var noAnswer = new java.net.http.HttpTimeoutException("request timed out");
        assertEquals(true, LeaderProxyFilter.retries(true, 0, 0, false, refused));
        assertEquals(true, LeaderProxyFilter.retries(true, 0, 0, false, noConnection));
        // sent, and perhaps taken: the caller is told, never sent twice
        assertEquals(false, LeaderProxyFilter.retries(true, 0, 0, false, noAnswer));
        assertEquals(false, LeaderProxyFilter.retries(true, 0, 0, false, new java.io.IOException("reset")));
        // the node forwarded to no longer leads and took nothing
        assertEquals(true, LeaderProxyFilter.retries(true, 3, 503, true, null));
        // any other answer is the leader's, passed on as it is
        assertEquals(false, LeaderProxyFilter.retries(true, 0, 503, false, null));
        assertEquals(false, LeaderProxyFilter.retries(true, 0, 200, false, null));
        // a body is read once; the budget ends
        assertEquals(false, LeaderProxyFilter.retries(false, 0, 0, false, refused));
        assertEquals(false, LeaderProxyFilter.retries(true, LeaderProxyFilter.LEADER_WAIT_MILLIS, 0, false, refused));
    }
}
