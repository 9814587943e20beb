package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.DiscoveryService;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.store.InstanceStore;

/** Discovering, reading and forgetting single servers. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

    private static final Duration DISCOVER_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterLookup lookup;
    private final InstanceStore instances;
    private final DiscoveryService discovery;
    private final CommandBus commands;

    public InstanceResource(ClusterLookup lookup, InstanceStore instances, DiscoveryService discovery,
            CommandBus commands) {
        this.lookup = lookup;
        this.instances = instances;
        this.discovery = discovery;
        this.commands = commands;
    }

    @GET
    @Path("discover/{host}/{port}")
    public ApiResponse discover(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        validate(key);
        commands.submit(new ReplicatedCommand.Discover(key, Instant.now()));
        Instance instance = probe(key);
        return ApiResponse.ok("Instance discovered: " + key, lookup.json(instance));
    }

    @GET
    @Path("async-discover/{host}/{port}")
    public ApiResponse asyncDiscover(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        validate(key);
        commands.submit(new ReplicatedCommand.Discover(key, Instant.now()));
        return ApiResponse.ok("Asynchronous discovery initiated for " + key, lookup.json(List.of()));
    }

    @GET
    @Path("refresh/{host}/{port}")
    public ApiResponse refresh(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        return ApiResponse.ok("Instance refreshed: " + key, lookup.json(probe(key)));
    }

    @GET
    @Path("instance/{host}/{port}")
    public Map<String, Object> instance(@PathParam("host") String host, @PathParam("port") String port) {
        return lookup.json(lookup.instance(ClusterLookup.key(host, port)));
    }

    @GET
    @Path("instance-replicas/{host}/{port}")
    public List<Map<String, Object>> replicas(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        return lookup.json(instances.replicasOf(key));
    }

    @GET
    @Path("all-instances")
    public List<Map<String, Object>> all() {
        return lookup.json(instances.readAll());
    }

    @GET
    @Path("forget/{host}/{port}")
    public ApiResponse forget(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        commands.submit(new ReplicatedCommand.Forget(key, Instant.now()));
        return ApiResponse.ok("Instance forgotten: " + key, lookup.json(List.of()));
    }

    @GET
    @Path("search/{term}")
    public List<Map<String, Object>> search(@PathParam("term") String term) {
        return searchFor(term);
    }

    @GET
    @Path("search")
    public List<Map<String, Object>> searchQuery(@QueryParam("s") String term) {
        if (term == null || term.isBlank()) {
            throw ApiException.badRequest("search needs a term: /api/search/{term} or /api/search?s=term");
        }
        return searchFor(term);
    }

    private List<Map<String, Object>> searchFor(String term) {
        String t = term.toLowerCase(Locale.ROOT);
        return lookup.json(instances.readAll().stream()
                .filter(i -> i.key().toString().contains(t) || i.clusterName().toLowerCase(Locale.ROOT).contains(t)
                        || i.state().version().toLowerCase(Locale.ROOT).contains(t))
                .toList());
    }

    private void validate(InstanceKey key) {
        try {
            discovery.validate(key);
        } catch (DiscoveryException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Instance probe(InstanceKey key) {
        try {
            return discovery.probeNow(key, DISCOVER_TIMEOUT);
        } catch (DiscoveryException e) {
            throw new ApiException(e.badRequest() ? 400 : 500, e.getMessage());
        }
    }
}
