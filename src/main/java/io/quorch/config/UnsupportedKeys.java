package io.quorch.config;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * orchestrator's security settings that quorch does not implement. A configuration that turns one
 * on is refused at startup (exit 2, one line naming the key): silently dropping a security setting
 * would leave a user believing a protection is in place that is not. Set to false or empty, they are
 * harmless, so orchestrator's sample configuration still loads.
 */
public final class UnsupportedKeys {

    private static final Map<String, String> SECURITY = new TreeMap<>();

    static {
        SECURITY.put("SSLSkipVerify", "quorch always verifies the certificates it is given");
        for (String k : new String[] { "AgentsUseSSL", "AgentsUseMutualTLS", "AgentSSLSkipVerify",
                "AgentSSLPrivateKeyFile", "AgentSSLCertFile", "AgentSSLCAFile", "AgentSSLValidOUs" }) {
            SECURITY.put(k, "quorch has no agents");
        }
        SECURITY.put("PowerAuthGroups", "Unix groups are not consulted; list the users in PowerAuthUsers");
        for (String k : new String[] { "OAuthClientId", "OAuthClientSecret", "OAuthScopes" }) {
            SECURITY.put(k, "OAuth is not supported");
        }
    }

    private UnsupportedKeys() {
    }

    /** Why this key, with this value, cannot be honoured; null when it can be ignored safely (or is not such a key). */
    public static String refusal(String jsonKey, JsonNode value) {
        String why = SECURITY.get(jsonKey);
        // a SkipVerify key only loosens a TLS check, and no TLS that such a key loosens runs: ignoring it
        // protects nothing less (orchestrator's sample configuration sets them to true)
        if (why == null || jsonKey.endsWith("SkipVerify") || !turnedOn(value)) {
            return null;
        }
        return jsonKey + ": " + why + " (a security setting is never ignored; remove it or set it to false or empty)";
    }

    /** Why a key of {@link #keys()} is not implemented. */
    public static String reason(String jsonKey) {
        return jsonKey.endsWith("SkipVerify") ? SECURITY.get(jsonKey) + " (accepted and ignored even when true: it only "
                + "loosens a check)" : SECURITY.get(jsonKey);
    }

    /** The keys refused when set. */
    public static java.util.Set<String> keys() {
        return SECURITY.keySet();
    }

    static boolean turnedOn(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return !v.asText().isBlank();
        }
        if (v.isArray() || v.isObject()) {
            return v.size() > 0;
        }
        return true;
    }
}
