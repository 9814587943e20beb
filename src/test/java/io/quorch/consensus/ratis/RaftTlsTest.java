package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.ConfigProblemsException;
import io.quorch.config.RaftConfig;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.Tls;

/** What RaftTLSCertFile, RaftTLSKeyFile and RaftTLSCAFile must hold, with certificates from scripts/make-certs. */
class RaftTlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        Tls.makeCerts(dir, "quorch", "node0", "node1");
    }

    private static RaftConfig.Tls files(Path cert, Path key, Path ca) {
        return ConfigStub.of(RaftConfig.Tls.class, Map.of("certFile", Optional.ofNullable(cert).map(Path::toString),
                "keyFile", Optional.ofNullable(key).map(Path::toString),
                "caFile", Optional.ofNullable(ca).map(Path::toString)));
    }

    private static List<String> problems(RaftConfig.Tls files) {
        return assertThrows(ConfigProblemsException.class, () -> RaftTls.of(files)).problems();
    }

    @Test
    void noneOfTheFilesMeansPlainRaftAndAllThreeMeanMutualTls() {
        assertEquals(Optional.empty(), RaftTls.of(files(null, null, null)));
        assertTrue(RaftTls.of(files(dir.resolve("node0.pem"), dir.resolve("node0.key"), dir.resolve("ca.pem")))
                .isPresent());
    }

    @Test
    void aPartialSetIsAConfigurationProblem() {
        assertEquals(List.of("RaftTLSKeyFile, RaftTLSCAFile: required when any of RaftTLSCertFile, RaftTLSKeyFile and"
                + " RaftTLSCAFile is set (raft mutual TLS needs all three)"),
                problems(files(dir.resolve("node0.pem"), null, null)));
    }

    @Test
    void theKeyMustBeTheCertificatesOwn() {
        List<String> p = problems(files(dir.resolve("node0.pem"), dir.resolve("node1.key"), dir.resolve("ca.pem")));
        assertTrue(p.get(0).startsWith("RaftTLSKeyFile: the key is not the one of the certificate"), p.toString());
    }

    @Test
    void filesThatAreNotWhatTheKeySaysAreNamed() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        List<String> p = problems(files(dir.resolve("node0.pem"), pkcs1, dir.resolve("ca.pem")));
        assertTrue(p.get(0).contains("is not an unencrypted PKCS#8 key") && p.get(0).contains("openssl pkcs8"),
                p.toString());
        p = problems(files(dir.resolve("node0.pem"), dir.resolve("node0.key"), dir.resolve("node0.key")));
        assertTrue(p.get(0).startsWith("RaftTLSCAFile: ") && p.get(0).contains("PEM certificate"), p.toString());
    }
}
