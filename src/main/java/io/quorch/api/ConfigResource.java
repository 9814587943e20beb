package io.quorch.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.app.ConfigReloadService;
import io.quorch.config.ConfigProblemsException;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;

/**
 * /api/reload-configuration[?config=FILE]: every node of the group reads its configuration again.
 * The leader (a follower forwards the request) first checks that its own files read well, so a
 * broken file is refused with nothing changed anywhere, then replicates the request through the
 * raft log: every node reloads, including one that was down when it was made.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    static final String RESTART_ONLY = "every other key (listen address, TLS, backend, raft, credentials of managed"
            + " servers, hooks, poll interval, recovery settings) takes effect after a restart";

    private final ReloadableSettings settings;
    private final ConfigReloadService reloads;
    private final CommandBus commands;

    public ConfigResource(ReloadableSettings settings, ConfigReloadService reloads, CommandBus commands) {
        this.settings = settings;
        this.reloads = reloads;
        this.commands = commands;
    }

    @GET
    @Path("reload-configuration")
    public ApiResponse reload(@QueryParam("config") String file) {
        String extra = file == null || file.isEmpty() ? null : file;
        try {
            settings.check(extra);
        } catch (ConfigProblemsException e) {
            throw ApiException.badRequest("Cannot reload configuration: " + String.join("; ", e.problems()));
        }
        Instant now = Instant.now();
        commands.submit(new ReplicatedCommand.ReloadConfiguration(extra, now));
        ReloadableSettings.Outcome outcome;
        try {
            outcome = reloads.reloadNow(extra, now);
        } catch (ConfigProblemsException e) {
            // the file changed between the check and the reload
            throw ApiException.badRequest("Cannot reload configuration: " + String.join("; ", e.problems()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ConfigFile", extra == null ? "" : extra);
        details.put("Reloaded", Reloadable.KEYS);
        details.put("Changed", outcome.changed());
        details.put("ChangedNeedRestart", outcome.needRestart());
        details.put("RestartOnly", RESTART_ONLY);
        return ApiResponse.ok("Config reloaded", details);
    }
}
