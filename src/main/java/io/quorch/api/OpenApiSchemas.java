package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quorch.api.dto.InstanceJson;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/**
 * Types the answers the generated description leaves open where their JSON is fixed: orchestrator's
 * instance (its schema taken from what {@link InstanceJson} writes for a sample replica, so it
 * cannot drift), the {"Code","Message","Details"} envelope of the health routes, and the bare JSON
 * strings of the leader checks.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiSchemas implements OASFilter {

    static final String INSTANCE = "Instance";
    static final String ENVELOPE = "ApiResponse";
    private static final String REF = "#/components/schemas/";

    /** Routes answering one instance, or a list of them. */
    static final List<String> ONE_INSTANCE = List.of("/api/instance/{host}/{port}", "/api/master/{clusterHint}");
    static final List<String> INSTANCES = List.of("/api/all-instances", "/api/cluster/{clusterHint}",
            "/api/cluster/alias/{alias}", "/api/cluster/instance/{host}/{port}", "/api/instance-replicas/{host}/{port}",
            "/api/search", "/api/search/{term}", "/api/masters");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(INSTANCE, schemaOf(sampleInstance())
                .description("An instance in orchestrator's JSON shape (docs/instance-json.md)"));
        if (api.getPaths() == null) {
            return;
        }
        ONE_INSTANCE.forEach(p -> answer(api, p, "200", ref(INSTANCE)));
        INSTANCES.forEach(p -> answer(api, p, "200", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(ref(INSTANCE))));
        for (String p : List.of("/api/health", "/api/status")) {
            answer(api, p, "200", ref(ENVELOPE));
            answer(api, p, "500", ref(ENVELOPE));
        }
        for (String p : List.of("/api/leader-check", "/api/leader-check/{code}")) {
            answer(api, p, "200", text("OK"));
            answer(api, p, "default", text("Not leader"));
        }
        answer(api, "/api/raft-health", "200", text("healthy"));
        answer(api, "/api/raft-health", "500", ref(ENVELOPE));
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(REF + name);
    }

    private static Schema text(String value) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of(value));
    }

    /** Sets the JSON answer of a GET route for a status (created when the description has none). */
    private static void answer(OpenAPI api, String path, String status, Schema schema) {
        PathItem item = api.getPaths().getPathItem(path);
        if (item == null || item.getGET() == null) {
            return;
        }
        Operation get = item.getGET();
        if (get.getResponses() == null) {
            get.setResponses(OASFactory.createAPIResponses());
        }
        var response = get.getResponses().getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description("200".equals(status) ? "OK" : "refused or failed");
            get.getResponses().addAPIResponse(status, response);
        }
        response.content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(schema)));
    }

    /** A schema with the fields, and their JSON types, of a value as quorch writes it. */
    static Schema schemaOf(Object value) {
        Schema s = OASFactory.createSchema();
        if (value instanceof Map<?, ?> map) {
            s.addType(Schema.SchemaType.OBJECT);
            map.forEach((k, v) -> s.addProperty(k.toString(), schemaOf(v)));
        } else if (value instanceof List<?> list) {
            s.addType(Schema.SchemaType.ARRAY).items(list.isEmpty() ? OASFactory.createSchema()
                    : schemaOf(list.get(0)));
        } else if (value instanceof Boolean) {
            s.addType(Schema.SchemaType.BOOLEAN);
        } else if (value instanceof Integer || value instanceof Long) {
            s.addType(Schema.SchemaType.INTEGER);
        } else if (value instanceof Number) {
            s.addType(Schema.SchemaType.NUMBER);
        } else if (value != null) {
            s.addType(Schema.SchemaType.STRING);
        }
        return s;
    }

    /** A replica with every part filled, so every field InstanceJson writes appears. */
    static Map<String, Object> sampleInstance() {
        InstanceKey self = new InstanceKey("db2", 3306);
        InstanceKey master = new InstanceKey("db1", 3306);
        BinlogCoordinates binlog = new BinlogCoordinates("mysql-bin.000001", 100);
        ReplicationStatus r = new ReplicationStatus(master, true, true, "Yes", "Yes", binlog, binlog,
                new BinlogCoordinates("relay-bin.000001", 10), "", "", 0, 0, 0L, 0, "", 1, false, "Slave_Pos", "", "",
                false);
        GtidState gtid = new GtidState("", "", "", "0-1-10", "0-1-10", "0-1-10", true);
        ServerState s = new ServerState(2, "", "10.11.6-MariaDB-log", "", Flavor.MARIADB, true, false, true, true,
                "ROW", "FULL", binlog, r, gtid, SemiSyncStatus.NONE, List.of(new InstanceKey("db3", 3306)), "dc1",
                "region1", "env", "", 100, 1);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instance i = new Instance(self, s, "db1:3306", 1, now, now, true, 0, "");
        return InstanceJson.of(i, InstanceJson.Annotations.NONE, now, Duration.ofSeconds(5));
    }
}
