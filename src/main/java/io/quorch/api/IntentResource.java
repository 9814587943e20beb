package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.CommandValidator;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.Text;
import io.quorch.store.DowntimeStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.RecoveryStore;
import io.quorch.domain.AckSelector;

/** User intents: downtime, promotion rules, acknowledgements, the global recovery switch. All go through the command bus. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class IntentResource {

    private static final Duration DEFAULT_DOWNTIME = Duration.ofMinutes(60);

    private final ClusterLookup lookup;
    private final CommandBus commands;
    private final DowntimeStore downtimes;
    private final RecoveryStore recoveries;
    private final InstanceStore instances;

    public IntentResource(ClusterLookup lookup, CommandBus commands, DowntimeStore downtimes, RecoveryStore recoveries,
            InstanceStore instances) {
        this.lookup = lookup;
        this.commands = commands;
        this.downtimes = downtimes;
        this.recoveries = recoveries;
        this.instances = instances;
    }

    @GET
    @Path("begin-downtime/{host}/{port}/{owner}/{reason}")
    public ApiResponse beginDowntime(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("owner") String owner, @PathParam("reason") String reason) {
        return beginDowntime(host, port, owner, reason, null);
    }

    @GET
    @Path("begin-downtime/{host}/{port}/{owner}/{reason}/{duration}")
    public ApiResponse beginDowntime(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("owner") String owner, @PathParam("reason") String reason,
            @PathParam("duration") String duration) {
        InstanceKey key = ClusterLookup.key(host, port);
        Duration d = duration == null ? DEFAULT_DOWNTIME : parseDuration(duration);
        if (d.isZero() || d.isNegative()) {
            throw ApiException.badRequest("downtime duration must be positive, got \""
                    + Text.shown(duration, 40) + "\"");
        }
        lookup.instance(key);
        Instant now = Instant.now();
        commands.submit(new ReplicatedCommand.BeginDowntime(key, owner, reason, now.plus(d), now));
        return ApiResponse.ok("Instance downtimed: " + key + " until " + now.plus(d),
                io.quorch.api.dto.InstanceJson.key(key));
    }

    @GET
    @Path("end-downtime/{host}/{port}")
    public ApiResponse endDowntime(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        commands.submit(new ReplicatedCommand.EndDowntime(key, Instant.now()));
        return ApiResponse.ok("Downtime ended: " + key, io.quorch.api.dto.InstanceJson.key(key));
    }

    @GET
    @Path("downtimed")
    public List<Map<String, Object>> downtimed() {
        return lookup.json(downtimes.allActive(Instant.now()).stream().map(Downtime::key)
                .flatMap(k -> instances.read(k).stream()).toList());
    }

    @GET
    @Path("downtimed/{clusterHint}")
    public List<Map<String, Object>> downtimedIn(@PathParam("clusterHint") String hint) {
        String cluster = lookup.clusterName(hint);
        return downtimed().stream().filter(i -> cluster.equals(i.get("ClusterName"))).toList();
    }

    @GET
    @Path("register-candidate/{host}/{port}/{promotionRule}")
    public ApiResponse registerCandidate(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("promotionRule") String rule) {
        InstanceKey key = ClusterLookup.key(host, port);
        PromotionRule r;
        try {
            r = PromotionRule.parse(rule);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (r == PromotionRule.MUST) {
            throw ApiException.badRequest("promotion rule \"must\" is not supported yet");
        }
        commands.submit(new ReplicatedCommand.RegisterCandidate(key, r, Instant.now()));
        return ApiResponse.ok("Registered candidate " + key + " with promotion rule " + r.wire(),
                io.quorch.api.dto.InstanceJson.key(key));
    }

    @GET
    @Path("disable-global-recoveries")
    public ApiResponse disable() {
        commands.submit(new ReplicatedCommand.SetGlobalRecoveries(true, Instant.now()));
        return ApiResponse.ok("Globally disabled recoveries", "disabled");
    }

    @GET
    @Path("enable-global-recoveries")
    public ApiResponse enable() {
        commands.submit(new ReplicatedCommand.SetGlobalRecoveries(false, Instant.now()));
        return ApiResponse.ok("Globally enabled recoveries", "enabled");
    }

    @GET
    @Path("check-global-recoveries")
    public ApiResponse check() {
        String state = recoveries.recoveriesDisabled() ? "disabled" : "enabled";
        return ApiResponse.ok("Global recoveries " + state, state);
    }

    @GET
    @Path("ack-recovery/cluster/{clusterHint}")
    public ApiResponse ackCluster(@PathParam("clusterHint") String hint, @QueryParam("comment") String comment,
            @HeaderParam("X-Forwarded-User") String user) {
        return ack(new AckSelector.Cluster(lookup.clusterName(hint)), comment, user);
    }

    @GET
    @Path("ack-recovery/cluster/alias/{alias}")
    public ApiResponse ackAlias(@PathParam("alias") String alias, @QueryParam("comment") String comment,
            @HeaderParam("X-Forwarded-User") String user) {
        return ack(new AckSelector.Cluster(lookup.clusterByAlias(alias)), comment, user);
    }

    @GET
    @Path("ack-recovery/instance/{host}/{port}")
    public ApiResponse ackInstance(@PathParam("host") String host, @PathParam("port") String port,
            @QueryParam("comment") String comment, @HeaderParam("X-Forwarded-User") String user) {
        return ack(new AckSelector.Instance(ClusterLookup.key(host, port)), comment, user);
    }

    @GET
    @Path("ack-recovery/uid/{uid}")
    public ApiResponse ackUid(@PathParam("uid") String uid, @QueryParam("comment") String comment,
            @HeaderParam("X-Forwarded-User") String user) {
        return ack(new AckSelector.Uid(uid), comment, user);
    }

    @GET
    @Path("ack-recovery/{recoveryId}")
    public ApiResponse ackId(@PathParam("recoveryId") String id, @QueryParam("comment") String comment,
            @HeaderParam("X-Forwarded-User") String user) {
        try {
            return ack(new AckSelector.Id(Long.parseLong(id)), comment, user);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("recovery id must be a number, got \"" + id + "\"");
        }
    }

    @GET
    @Path("ack-all-recoveries")
    public ApiResponse ackAll(@QueryParam("comment") String comment, @HeaderParam("X-Forwarded-User") String user) {
        return ack(new AckSelector.All(), comment, user);
    }

    private ApiResponse ack(AckSelector selector, String comment, String user) {
        if (comment == null || comment.isBlank()) {
            throw ApiException.badRequest("acknowledging needs ?comment=");
        }
        int before = recoveries.recoveries(Optional.empty(), true, 10_000).size();
        commands.submit(new ReplicatedCommand.AckRecovery(selector, user == null || user.isBlank() ? "api" : user,
                comment, Instant.now()));
        int after = recoveries.recoveries(Optional.empty(), true, 10_000).size();
        return ApiResponse.ok("Acknowledged recoveries", before - after);
    }

    /** "90s", "30m", "2h", "1d", or plain seconds; at most {@link CommandValidator#MAX_DOWNTIME}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        Duration d;
        try {
            if (!t.matches("\\d{1,18}[smhd]?")) {
                throw new NumberFormatException();
            }
            if (Character.isDigit(t.charAt(t.length() - 1))) {
                d = Duration.ofSeconds(Long.parseLong(t));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.badRequest("invalid duration \"" + Text.shown(text, 40)
                    + "\" (e.g. 30m, 2h, 1d, or seconds)");
        }
        if (d.compareTo(CommandValidator.MAX_DOWNTIME) > 0) {
            throw ApiException.badRequest("downtime duration \"" + Text.shown(text, 40) + "\" is longer than "
                    + CommandValidator.MAX_DOWNTIME.toDays() + " days (about ten years)");
        }
        return d;
    }
}
