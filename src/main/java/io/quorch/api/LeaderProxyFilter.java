package io.quorch.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.api.dto.ApiResponse;
import io.quorch.config.ConfigProblemsException;
import io.quorch.config.RecoveryConfig;
import io.quorch.config.SecurityConfig;
import io.quorch.consensus.LeadershipContext;
import io.quorch.metrics.RouteTemplate;
import io.quorch.security.ApiGate;
import io.quorch.security.ApiRoutes;
import io.quorch.security.Authenticator;
import io.quorch.security.PemTls;
import io.quorch.security.RouteScope;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A healthy follower forwards every API request to the leader, except the node-local ones (each
 * route's scope is in {@link ApiRoutes}), so a load balancer may send traffic to any healthy node.
 * A node without a known leader serves the request itself: reads answer from its own backend,
 * changes are refused (503) by the command bus. A bodiless request only the leader can take first
 * waits up to {@value #LEADER_WAIT_MILLIS} ms for one: a leader change
 * on a busy machine costs the caller a delay, not a refusal.
 *
 * <p>The forwarded request keeps its method, path, query, body and end-to-end headers; hop-by-hop
 * headers (RFC 9110 7.6.1) are dropped both ways. A forwarded request carries {@value #PROXIED_BY}
 * naming the follower; a node that receives one and is not the leader refuses it (503) rather than
 * forwarding it again or serving it, so neither a stale view of the leader nor a client sending
 * that header can make a loop or make a follower act for the leader. A client wanting a node's own
 * view of a read-only endpoint asks with {@value #LOCAL}: true.
 *
 * <p>It runs as a route before the REST layer (whose filters cannot read a body they do not pass
 * on), and forwards only callers the API security admits; any other is left to that filter here.
 * The leader decides again from the caller's own forwarded credentials.
 */
@ApplicationScoped
public class LeaderProxyFilter {

    private static final Logger LOG = Logger.getLogger(LeaderProxyFilter.class);

    static final String PROXIED_BY = "X-Quorch-Proxied-By";
    /** "true": answer from this node's own backend; honoured for reads of the replicated picture only. */
    static final String LOCAL = "X-Quorch-Local";
    /** On a 503: the node forwarded to no longer leads, and the request was not taken there. */
    static final String NOT_LEADER = "X-Quorch-Not-Leader";

    /** RFC 9110 7.6.1 connection-specific headers, plus those the client recomputes. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "trailer", "host",
            "content-length", "expect", PROXIED_BY.toLowerCase(Locale.ROOT), LOCAL.toLowerCase(Locale.ROOT),
            NOT_LEADER.toLowerCase(Locale.ROOT));
    /** A safety margin over the work a forwarded operation does besides its hooks (probes, waits, commands). */
    static final Duration BASE_TIMEOUT = Duration.ofSeconds(120);
    /** Before the REST layer's routes. */
    static final int ROUTE_ORDER = -100;

    /**
     * Resolved at the first request, not when the route is registered: the route is registered while
     * the HTTP server is set up, before the startup checks, and making the consensus mode then would
     * start raft on a configuration the checks have not yet refused.
     */
    private final Provider<LeadershipContext> leadershipProvider;
    private final Duration timeout;
    /**
     * Built at the first forwarded request: building an HTTP client sets up the JDK's TLS (the default
     * trust store, read and parsed), which costs every start time and memory when this node never
     * forwards anything. The TLS files of UseSSL are still read at startup, so bad ones stop the start.
     */
    private final HttpClient.Builder httpBuilder;
    private volatile HttpClient http;
    private final ObjectMapper json;
    private final ApiGate gate;

    public LeaderProxyFilter(Provider<LeadershipContext> leadership, RecoveryConfig recovery, ObjectMapper json,
            ApiGate gate, SecurityConfig security) {
        this.leadershipProvider = leadership;
        this.json = json;
        this.gate = gate;
        this.timeout = timeout(recovery);
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER);
        if (security.useSsl()) {
            // the leader serves HTTPS like this node: trust SSLCAFile, and under mutual TLS show this
            // node's own certificate (make-certs makes it good for client use too)
            client.sslContext(sslContext(security));
        }
        this.httpBuilder = client;
    }

    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = httpBuilder.build();
                    http = c;
                }
            }
        }
        return c;
    }

    private static SSLContext sslContext(SecurityConfig security) {
        try {
            return PemTls.clientContext(security.sslCaFile().map(Path::of).orElse(null),
                    security.useMutualTls() ? security.sslCertFile().map(Path::of).orElse(null) : null,
                    security.useMutualTls() ? security.sslPrivateKeyFile().map(Path::of).orElse(null) : null);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigProblemsException(List.of("SSLCertFile/SSLPrivateKeyFile/SSLCAFile: cannot be used by the "
                    + "follower proxy: " + e.getMessage()));
        }
    }

    /**
     * The longest a forwarded request may take: a takeover or failover that runs every configured
     * hook to its HookTimeoutSeconds, plus {@link #BASE_TIMEOUT}.
     */
    static Duration timeout(RecoveryConfig recovery) {
        var h = recovery.hooks();
        int hooks = 0;
        for (var list : List.of(h.preGracefulTakeover(), h.postGracefulTakeover(), h.preFailover(),
                h.postMasterFailover(), h.postIntermediateMasterFailover(), h.postFailover(),
                h.postUnsuccessfulFailover())) {
            hooks += list.map(List::size).orElse(0);
        }
        return BASE_TIMEOUT.plusSeconds((long) hooks * h.timeoutSeconds());
    }

    /** Runs before the REST layer, so a forwarded request's body is still unread. */
    void register(@Observes Router router) {
        router.route("/api/*").order(ROUTE_ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        handle(ctx, System.nanoTime());
    }

    /**
     * How long a follower that follows a live leader but has not yet applied its address (just after
     * an election), or that has heard no leader lately (an election under way), waits for one before
     * serving a request itself: serving it would refuse a change the leader is about to be able to take.
     * The same budget covers forwarding to a leader that has just died (its port refuses the connection,
     * or the node answers it no longer leads): the request was not taken, and goes to the next leader.
     * Three times the default longest election timeout.
     */
    static final long LEADER_WAIT_MILLIS = 3000;
    /** How often a waiting request is decided again. */
    static final long RETRY_MILLIS = 50;

    /** What this node does with an API request. */
    enum Action {
        /** Answers it itself (the REST layer, after the API security). */
        SERVE,
        /** Refuses it (503): another node forwarded it, and this node is not the leader. */
        REFUSE_FORWARDED,
        /** Waits a moment for the leader's address (just after an election), then decides again. */
        WAIT_FOR_ADDRESS,
        /** Forwards it to the leader. */
        FORWARD
    }

    /**
     * What is known when a request is decided on: this node's standing, and the request's own marks (forwarded by
     * another node, a node's own view asked for, no body) and how long it has waited for a leader so far.
     */
    record Situation(boolean leader, boolean healthy, boolean leaderKnown, boolean forwarded, boolean localAsked,
            boolean bodiless, long waitedMillis) {
    }

    /**
     * The decision, by the route's scope in {@link ApiRoutes}: a node-local route is always served here; any other
     * is forwarded by a healthy follower that knows the leader, to a caller the API security admits (asked only
     * then), except a read of the replicated picture for which the caller asks this node's own view.
     */
    static Action decide(String path, Situation s, BooleanSupplier admitted) {
        RouteScope scope = ApiRoutes.route(path).scope();
        if (scope == RouteScope.NODE || s.leader()) {
            return Action.SERVE;
        }
        if (s.forwarded()) {
            return Action.REFUSE_FORWARDED;
        }
        if (s.localAsked() && scope == RouteScope.LEADER_OR_LOCAL) {
            return Action.SERVE;
        }
        // just after an election the leader's address is about to be applied here; while a follower has heard
        // no leader lately, one is about to be elected (or this node is cut off): a request only the leader can
        // take waits for it rather than being refused at once
        boolean addressComing = !s.leaderKnown() && s.healthy();
        boolean electing = !s.healthy() && scope == RouteScope.LEADER;
        if ((addressComing || electing) && s.waitedMillis() < LEADER_WAIT_MILLIS && s.bodiless()) {
            return Action.WAIT_FOR_ADDRESS;
        }
        // a caller the API security would refuse is answered here, by that filter, never forwarded
        return s.healthy() && s.leaderKnown() && admitted.getAsBoolean() ? Action.FORWARD : Action.SERVE;
    }

    private void handle(RoutingContext ctx, long since) {
        LeadershipContext leadership = leadershipProvider.get();
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        if (!path.startsWith("/api/")) {
            ctx.next();
            return;
        }
        Optional<String> leader = leadership.leaderUri();
        Situation situation = new Situation(leadership.isLeader(), leadership.healthy(), leader.isPresent(),
                request.getHeader(PROXIED_BY) != null, "true".equalsIgnoreCase(request.getHeader(LOCAL)),
                bodiless(request), waited(since));
        switch (decide(path, situation, () -> admitted(request, path))) {
            case SERVE -> ctx.next();
            case REFUSE_FORWARDED -> respond(ctx, notLeader(error(503, "this node is not the raft leader"
                    + leader.map(u -> " (the leader is " + leadership.leader() + " at " + u + ")").orElse("")
                    + "; a request another node forwarded is not forwarded again")));
            case WAIT_FOR_ADDRESS -> decideAgain(ctx, since);
            case FORWARD -> forward(ctx, request, path, leadership.leader(), leader.get(), since);
        }
    }

    /** Decides again in a moment, unless the caller has gone meanwhile (nobody would learn what became of it). */
    private void decideAgain(RoutingContext ctx, long since) {
        ctx.vertx().setTimer(RETRY_MILLIS, id -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
                handle(ctx, since);
            }
        });
    }

    private static long waited(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * A bodiless request that did not reach a leader (its port refused the connection, none was made in time,
     * or the node answered that it no longer leads) is decided again after a moment, within the same budget
     * as the wait for an election: it was not taken anywhere, and the next leader can take it.
     */
    static boolean retries(boolean bodiless, long waitedMillis, int status, boolean notLeader, Throwable failure) {
        if (!bodiless || waitedMillis >= LEADER_WAIT_MILLIS) {
            return false;
        }
        if (failure != null) {
            return failure instanceof java.net.ConnectException || failure instanceof HttpConnectTimeoutException;
        }
        return status == 503 && notLeader;
    }

    private void forward(RoutingContext ctx, HttpServerRequest request, String path, String leaderName, String leader,
            long since) {
        RouteTemplate.forwarded(path);
        URI target = URI.create(leader + request.uri());
        boolean bodiless = bodiless(request);
        body(request).compose(body -> Future.fromCompletionStage(http().sendAsync(forward(request, target, body),
                HttpResponse.BodyHandlers.ofByteArray()), ctx.vertx().getOrCreateContext()))
                .onSuccess(response -> {
                    if (retries(bodiless, waited(since), response.statusCode(),
                            response.headers().firstValue(NOT_LEADER).isPresent(), null)) {
                        decideAgain(ctx, since);
                    } else {
                        respond(ctx, toAnswer(response));
                    }
                })
                .onFailure(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (retries(bodiless, waited(since), 0, false, cause)) {
                        LOG.debugf("the leader %s at %s not reached (%s): %s %s is decided again", leaderName, leader,
                                cause.getClass().getSimpleName(), request.method(), path);
                        decideAgain(ctx, since);
                        return;
                    }
                    String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                            : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                    LOG.warnf("forwarding %s %s to the leader %s at %s failed: %s", request.method(), path, leaderName,
                            leader, why);
                    respond(ctx, error(502, "cannot reach the raft leader " + leaderName + " at " + leader + ": "
                            + why));
                });
    }

    /** Whether the API security admits the caller (client certificate, credentials), as it will on the leader. */
    private boolean admitted(HttpServerRequest request, String path) {
        return gate.decide(path, ApiGate.headers(request, request::getHeader), request.sslSession()) instanceof Authenticator.Decision.Allow;
    }

    private HttpRequest forward(HttpServerRequest request, URI target, Buffer body) {
        byte[] bytes = body.getBytes();
        HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(timeout).method(request.method().name(),
                bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        Set<String> named = connectionNamed(request.headers().getAll("Connection"));
        for (var header : request.headers()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !named.contains(lower)) {
                forward.header(header.getKey(), header.getValue());
            }
        }
        forward.header(PROXIED_BY, leadershipProvider.get().self());
        // the leader checks a browser's Origin against the host the request was sent to; Host names
        // the leader now, so the follower says which host the caller used, unless a proxy before it did
        String host = ApiGate.headers(request, request::getHeader).apply("Host");
        if (host != null && request.getHeader("X-Forwarded-Host") == null) {
            forward.header("X-Forwarded-Host", host);
        }
        return forward.build();
    }

    /** A request without a body: nothing of it can arrive, and be lost, while it waits. */
    private static boolean bodiless(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        return !chunked && (length == null || length.isBlank() || "0".equals(length.trim()));
    }

    /** The request body: read only when the request has one, and only to forward it. */
    private static Future<Buffer> body(HttpServerRequest request) {
        if (bodiless(request)) {
            return Future.succeededFuture(Buffer.buffer());
        }
        Future<Buffer> body = request.body();
        request.resume();
        return body;
    }

    /** The headers a Connection header names (lower case): they belong to that connection only. */
    static Set<String> connectionNamed(List<String> connection) {
        if (connection == null) {
            return Set.of();
        }
        return connection.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** An answer to give the client: status, end-to-end headers and body. */
    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    private static Answer toAnswer(HttpResponse<byte[]> response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> named = connectionNamed(response.headers().allValues("connection"));
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(lower) && !named.contains(lower)) {
                values.forEach(v -> headers.add(Map.entry(name, v)));
            }
        });
        return new Answer(response.statusCode(), headers, response.body());
    }

    private Answer error(int status, String message) {
        try {
            return new Answer(status, List.of(Map.entry("Content-Type", MediaType.APPLICATION_JSON)),
                    json.writeValueAsBytes(ApiResponse.error(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer notLeader(Answer answer) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(answer.headers());
        headers.add(Map.entry(NOT_LEADER, "true"));
        return new Answer(answer.status(), headers, answer.body());
    }

    private static void respond(RoutingContext ctx, Answer answer) {
        var response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(h -> response.headers().add(h.getKey(), h.getValue()));
        response.end(Buffer.buffer(answer.body() == null ? new byte[0] : answer.body()));
    }

    @PreDestroy
    void close() {
        HttpClient c = http;
        if (c != null) {
            c.shutdownNow();
        }
    }
}
