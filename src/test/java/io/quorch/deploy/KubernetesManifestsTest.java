package io.quorch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.config.ConfigKeys;

/**
 * deploy/kubernetes, and its HTTPS variant deploy/kubernetes/https (an overlay of it), as
 * Kubernetes would read them: every file the kustomization lists parses, and what ties the objects
 * together holds (selectors, the headless service the StatefulSet names, probe paths and ports,
 * volumes), and the configuration it carries is quorch's own: every JSON key and every QUORCH_*
 * variable is a known setting, and no secret sits in the ConfigMap.
 */
class KubernetesManifestsTest {

    static final String PLAIN = "deploy/kubernetes";
    static final String HTTPS = "deploy/kubernetes/https";
    private static final Map<String, List<JsonNode>> BY_KIND = new HashMap<>();

    private static void load(String dir) {
        BY_KIND.clear();
        for (JsonNode doc : Kustomize.build(Path.of(dir))) {
            assertFalse(doc.path("apiVersion").asText().isBlank(), dir + ": apiVersion");
            assertFalse(doc.path("metadata").path("name").asText().isBlank(), dir + ": metadata.name");
            BY_KIND.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
        }
    }

    private static JsonNode one(String kind) {
        List<JsonNode> docs = BY_KIND.getOrDefault(kind, List.of());
        assertEquals(1, docs.size(), "exactly one " + kind + " in deploy/kubernetes");
        return docs.get(0);
    }

    private static JsonNode container() {
        return one("StatefulSet").path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        Map<String, String> wanted = map(selector);
        return !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
    }

    private static Map<String, String> podLabels() {
        return map(one("StatefulSet").path("spec").path("template").path("metadata").path("labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = { PLAIN, HTTPS })
    void theStatefulSetRunsThreeNodesBehindAHeadlessServiceThatPublishesNotReadyPods(String dir) {
        load(dir);
        JsonNode sts = one("StatefulSet").path("spec");
        assertEquals(3, sts.path("replicas").asInt());
        assertEquals("Parallel", sts.path("podManagementPolicy").asText(), "raft peers must start together");
        assertTrue(selects(sts.path("selector").path("matchLabels"), podLabels()), "selector matches the pods");
        JsonNode headless = BY_KIND.get("Service").stream()
                .filter(s -> s.path("metadata").path("name").asText().equals(sts.path("serviceName").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no Service named by serviceName"));
        assertEquals("None", headless.path("spec").path("clusterIP").asText());
        assertTrue(headless.path("spec").path("publishNotReadyAddresses").asBoolean());
        assertFalse(sts.path("volumeClaimTemplates").isEmpty(), "a volume per pod");
        Set<String> claims = new java.util.HashSet<>();
        sts.path("volumeClaimTemplates").forEach(v -> claims.add(v.path("metadata").path("name").asText()));
        Set<String> volumes = new java.util.HashSet<>(claims);
        sts.path("template").path("spec").path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        container().path("volumeMounts").forEach(m -> assertTrue(volumes.contains(m.path("name").asText()),
                "mounted volume " + m.path("name").asText() + " is defined"));
        assertTrue(container().path("volumeMounts").findValuesAsText("name").containsAll(claims),
                "every claim is mounted");
    }

    @ParameterizedTest
    @ValueSource(strings = { PLAIN, HTTPS })
    void probesUseQuarkusHealthOnADeclaredPort(String dir) {
        load(dir);
        Set<String> ports = container().path("ports").findValuesAsText("name").stream().collect(Collectors.toSet());
        assertEquals("/q/health/ready", container().path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container().path("livenessProbe").path("httpGet").path("path").asText());
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertTrue(ports.contains(container().path(probe).path("httpGet").path("port").asText()), probe);
        }
        for (JsonNode service : BY_KIND.get("Service")) {
            assertTrue(selects(service.path("spec").path("selector"), podLabels()),
                    service.path("metadata").path("name") + " selects the pods");
            service.path("spec").path("ports").forEach(p -> assertTrue(
                    ports.contains(p.path("targetPort").asText()), "targetPort " + p.path("targetPort")));
        }
        JsonNode pdb = one("PodDisruptionBudget").path("spec");
        assertTrue(selects(pdb.path("selector").path("matchLabels"), podLabels()));
        assertEquals(1, pdb.path("maxUnavailable").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = { PLAIN, HTTPS })
    void theConfigurationIsQuorchsOwnAndKeepsSecretsOutOfTheConfigMap(String dir) throws IOException {
        load(dir);
        JsonNode config = new ObjectMapper().readTree(
                one("ConfigMap").path("data").path("quorch.conf.json").asText());
        config.fieldNames().forEachRemaining(key -> {
            assertTrue(ConfigKeys.byJson(key).isPresent(), "unknown configuration key in the ConfigMap: " + key);
            assertFalse(key.toLowerCase(Locale.ROOT).contains("password"), "a password in the ConfigMap: " + key);
        });
        assertFalse(one("ConfigMap").toString().contains("PRIVATE KEY"), "a private key in the ConfigMap");
        assertTrue(config.path("RaftEnabled").asBoolean());
        List<String> variables = new ArrayList<>();
        container().path("env").forEach(e -> variables.add(e.path("name").asText()));
        one("Secret").path("stringData").fieldNames().forEachRemaining(variables::add);
        for (String variable : variables) {
            if (!variable.startsWith("QUORCH_") || variable.equals("QUORCH_CONFIG")
                    || variable.equals("QUORCH_JAVA_OPTS")) {
                continue;
            }
            String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            boolean known = ConfigKeys.all().stream().anyMatch(k -> k.property().replace('-', '.').equals(property));
            assertTrue(known, "the environment variable " + variable + " sets no quorch setting");
        }
        assertNotNull(one("Secret"));
        String bind = container().path("env").findParents("name").stream()
                .filter(e -> e.path("name").asText().equals("QUORCH_RAFT_BIND")).findFirst().orElseThrow()
                .path("value").asText();
        String nodes = container().path("env").findParents("name").stream()
                .filter(e -> e.path("name").asText().equals("QUORCH_RAFT_NODES")).findFirst().orElseThrow()
                .path("value").asText();
        for (int pod = 0; pod < 3; pod++) {
            String own = bind.replace("$(POD_NAME)", "quorch-" + pod);
            assertTrue(List.of(nodes.split(",")).contains(own), "RaftBind of pod " + pod + " is among RaftNodes");
        }
    }

    @Test
    void theHttpsVariantServesHttpsAndSpeaksRaftOverMutualTlsWithCertificatesFromASecret() throws IOException {
        load(HTTPS);
        JsonNode config = new ObjectMapper().readTree(
                one("ConfigMap").path("data").path("quorch.conf.json").asText());
        assertTrue(config.path("UseSSL").asBoolean(), "UseSSL");
        assertTrue(config.path("RaftEnabled").asBoolean());
        Map<String, String> mounts = new HashMap<>();
        container().path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        Map<String, JsonNode> volumes = new HashMap<>();
        one("StatefulSet").path("spec").path("template").path("spec").path("volumes")
                .forEach(v -> volumes.put(v.path("name").asText(), v));
        for (String key : List.of("SSLCertFile", "SSLPrivateKeyFile", "SSLCAFile", "RaftTLSCertFile", "RaftTLSKeyFile",
                "RaftTLSCAFile")) {
            String file = config.path(key).asText();
            assertFalse(file.isBlank(), key + " is set");
            Path parent = Path.of(file).getParent();
            String volume = mounts.get(parent.toString());
            assertNotNull(volume, key + ": " + file + " lies in no mounted directory");
            JsonNode secret = volumes.get(volume).path("secret");
            assertFalse(secret.path("secretName").asText().isBlank(), key + ": " + file + " comes from a Secret");
            assertTrue(container().path("volumeMounts").findParents("mountPath").stream()
                    .filter(m -> m.path("mountPath").asText().equals(parent.toString()))
                    .allMatch(m -> m.path("readOnly").asBoolean()), "certificates are mounted read-only");
            assertEquals(0, secret.path("defaultMode").asInt() & 07, "certificates are not readable by others");
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("HTTPS", container().path(probe).path("httpGet").path("scheme").asText(), probe);
        }
        // the base's own settings are kept, with only TLS added
        load(PLAIN);
        JsonNode plain = new ObjectMapper().readTree(one("ConfigMap").path("data").path("quorch.conf.json").asText());
        plain.fields().forEachRemaining(e -> assertEquals(e.getValue(), config.path(e.getKey()), e.getKey()));
        assertFalse(plain.has("UseSSL"));
    }
}
