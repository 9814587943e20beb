package io.quorch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes against the Kubernetes API schemas: src/test/k8s-schema (the npm package
 * kubernetes-models, versions pinned by its lock file) is installed under target/ and validates
 * every object the kustomization lists, and every object of the HTTPS variant
 * (deploy/kubernetes/https) as its patches leave it.
 */
class KubernetesSchemaIT {

    private static final Path SOURCE = Path.of("src", "test", "k8s-schema");
    private static final Path WORK = Path.of("target", "k8s-schema");

    private static String run(Path dir, int timeoutSeconds, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }

    @Test
    void everyManifestMatchesItsKubernetesSchema() throws Exception {
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        run(WORK, 300, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        try (Stream<Path> files = Files.list(Path.of("deploy", "kubernetes"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> command.add(f.toAbsolutePath().toString()));
        }
        String out = run(WORK, 120, command);
        assertEquals(6, out.lines().filter(l -> l.startsWith("valid ")).count(), out);

        Path https = WORK.resolve("https.yaml").toAbsolutePath();
        Files.writeString(https, Kustomize.toYaml(Kustomize.build(Path.of(KubernetesManifestsTest.HTTPS))));
        String httpsOut = run(WORK, 120, List.of("node", "validate.mjs", https.toString()));
        assertEquals(6, httpsOut.lines().filter(l -> l.startsWith("valid ")).count(), httpsOut);
    }
}
