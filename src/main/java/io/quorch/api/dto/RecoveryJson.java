package io.quorch.api.dto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.RawValue;

import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.TopologyRecovery;

/** Recoveries, detections, steps and blocked recoveries in orchestrator's JSON shapes. */
public final class RecoveryJson {

    /** Only checks stored analysis entries are well-formed; the application's ObjectMapper writes the answer. */
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private RecoveryJson() {
    }

    public static Map<String, Object> of(TopologyRecovery r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("UID", r.uid());
        m.put("AnalysisEntry", parse(r.analysisEntry()));
        m.put("SuccessorKey", r.successor() == null ? null : InstanceJson.key(r.successor()));
        m.put("SuccessorAlias", r.successor() == null ? "" : r.successor().toString());
        m.put("IsActive", !r.resolved());
        m.put("IsSuccessful", r.successful());
        m.put("LostReplicas", r.lostReplicas().stream().map(InstanceJson::key).toList());
        m.put("ParticipatingInstanceKeys", r.participatingInstances().stream().map(InstanceJson::key).toList());
        m.put("AllErrors", r.errors());
        m.put("RecoveryStartTimestamp", time(r.start()));
        m.put("RecoveryEndTimestamp", time(r.end()));
        m.put("ProcessingNodeHostname", r.processingNode());
        m.put("ProcessingNodeToken", r.processingToken());
        m.put("Acknowledged", r.acknowledged());
        m.put("AcknowledgedAt", time(r.acknowledgedAt()));
        m.put("AcknowledgedBy", r.acknowledgedBy());
        m.put("AcknowledgedComment", r.acknowledgedComment());
        m.put("LastDetectionId", r.lastDetectionId());
        m.put("RelatedRecoveryId", 0);
        m.put("Type", r.type().wire());
        m.put("RecoveryType", r.type().wire());
        m.put("Analysis", r.analysis());
        m.put("ClusterName", r.clusterName());
        m.put("ClusterAlias", r.clusterAlias());
        m.put("FailedKey", InstanceJson.key(r.failedKey()));
        return m;
    }

    public static Map<String, Object> of(FailureDetection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", d.id());
        m.put("AnalysisEntry", parse(d.analysisEntry()));
        m.put("Analysis", d.analysis());
        m.put("Key", InstanceJson.key(d.key()));
        m.put("ClusterName", d.clusterName());
        m.put("ClusterAlias", d.clusterAlias());
        m.put("CountAffectedReplicas", d.countAffectedReplicas());
        m.put("IsActionable", d.actionable());
        m.put("ProcessingNodeHostname", d.processingNode());
        m.put("ProcessingNodeToken", d.processingToken());
        m.put("RecoveryStartTimestamp", time(d.detectedAt()));
        return m;
    }

    public static Map<String, Object> of(RecoveryStep s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", s.seq());
        m.put("RecoveryUID", s.recoveryUid());
        m.put("AuditAt", time(s.at()));
        m.put("Message", s.message());
        return m;
    }

    public static Map<String, Object> of(BlockedRecovery b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FailedInstanceKey", InstanceJson.key(b.key()));
        m.put("ClusterName", b.clusterName());
        m.put("Analysis", b.analysis());
        m.put("LastBlockedTimestamp", time(b.lastBlockedAt()));
        m.put("BlockingRecoveryId", b.blockingRecoveryId());
        return m;
    }

    public static List<Map<String, Object>> recoveries(List<TopologyRecovery> list) {
        return list.stream().map(RecoveryJson::of).toList();
    }

    private static String time(Instant t) {
        return t == null ? "" : TIMESTAMP.format(t);
    }

    /**
     * A stored analysis entry, passed to the answer as the JSON object it is; an empty object when
     * there is none or it is not one well-formed JSON object (it came through the backend).
     */
    private static Object parse(String json) {
        if (json == null || json.isBlank() || !isOneObject(json)) {
            return Map.of();
        }
        return new RawValue(json);
    }

    private static boolean isOneObject(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
