package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the code and must not drift from it. With
 * {@code -Dquorch.config-reference.write=true} (what scripts/config-reference passes) the page is
 * rewritten instead of compared.
 */
class ConfigReferenceTest {

    @Test
    void committedPageMatchesTheCode() throws IOException {
        String generated = ConfigReference.render();
        if (Boolean.getBoolean("quorch.config-reference.write")) {
            Files.writeString(ConfigReference.PAGE, generated);
            return;
        }
        String committed = Files.exists(ConfigReference.PAGE) ? Files.readString(ConfigReference.PAGE) : "";
        if (!generated.equals(committed)) {
            fail(ConfigReference.PAGE + " is out of date with config/ConfigKeys and the @ConfigMapping interfaces"
                    + firstDifference(generated, committed) + "; regenerate it with " + ConfigReference.REGENERATE
                    + " and commit it");
        }
    }

    private static String firstDifference(String generated, String committed) {
        String[] g = generated.split("\n", -1);
        String[] c = committed.split("\n", -1);
        for (int i = 0; i < Math.max(g.length, c.length); i++) {
            String gl = i < g.length ? g[i] : "(end of page)";
            String cl = i < c.length ? c[i] : "(end of page)";
            if (!gl.equals(cl)) {
                return " (line " + (i + 1) + ": the code makes \"" + gl + "\", the page has \"" + cl + "\")";
            }
        }
        return "";
    }

    @Test
    void everyKeyIsDescribed() {
        List<String> missing = ConfigKeys.all().stream().filter(k -> ConfigKeys.doc(k).isEmpty())
                .map(ConfigKey::json).toList();
        assertEquals(List.of(), missing, "add a one-line description to ConfigKeys for these keys");
    }

    @Test
    void everyKeyFeedsAMappedProperty() {
        var mapped = ConfigReference.mappedProperties();
        List<String> unmapped = ConfigKeys.all().stream().filter(k -> !mapped.containsKey(k.property()))
                .map(k -> k.json() + " -> " + k.property()).toList();
        assertEquals(List.of(), unmapped, "these keys name a property no @ConfigMapping declares");
    }

    @Test
    void anIgnoredOrchestratorKeyIsNotAlsoRead() {
        List<String> both = ConfigKeys.orchestratorKeysIgnored().keySet().stream()
                .filter(k -> ConfigKeys.byJson(k).isPresent()).toList();
        assertEquals(List.of(), both, "these keys are read now: remove them from ConfigKeys' ignored list");
    }

    @Test
    void environmentVariablesFollowSmallRyeNaming() {
        assertEquals("QUORCH_DISCOVERY_INSTANCE_POLL_SECONDS",
                ConfigReference.environmentVariable("quorch.discovery.instance-poll-seconds"));
        assertEquals("QUORCH_RECOVERY_HOOKS_PRE_FAILOVER",
                ConfigReference.environmentVariable("quorch.recovery.hooks.pre-failover"));
        assertTrue(ConfigReference.mappedProperties().containsKey("quorch.recovery.hooks.pre-failover"));
    }
}
