package io.quorch.consensus.ratis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

import io.quorch.config.ConfigProblemsException;
import io.quorch.config.ConfigRules;
import io.quorch.config.RaftConfig;

/**
 * Mutual TLS on the raft port from RaftTLSCertFile, RaftTLSKeyFile and RaftTLSCAFile: the Ratis
 * server and every Ratis client of this node present the node's certificate and accept only peers
 * whose certificate the CA signed (and, as clients, whose name matches the member's address).
 * The files are read once at startup; what is wrong with them is a configuration problem naming
 * the key.
 */
final class RaftTls {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final KeyManager keys;
    private final TrustManager trust;
    private final SSLContext context;

    private RaftTls(KeyManager keys, TrustManager trust) throws GeneralSecurityException {
        this.keys = keys;
        this.trust = trust;
        this.context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] { keys }, new TrustManager[] { trust }, null);
    }

    /** Raft TLS when all three files are set, none when none is; a {@link ConfigProblemsException} otherwise. */
    static Optional<RaftTls> of(RaftConfig.Tls config) {
        List<String> problems = ConfigRules.raftTlsProblems(config);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        if (!ConfigRules.raftTlsEnabled(config)) {
            return Optional.empty();
        }
        Path cert = Path.of(config.certFile().orElseThrow().trim());
        Path key = Path.of(config.keyFile().orElseThrow().trim());
        Path ca = Path.of(config.caFile().orElseThrow().trim());
        List<X509Certificate> chain = certificates("RaftTLSCertFile", cert);
        List<X509Certificate> authorities = certificates("RaftTLSCAFile", ca);
        PrivateKey privateKey = privateKey(key);
        checkPair(chain.get(0), privateKey);
        checkUsage(chain.get(0));
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("raft", privateKey, new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, new char[0]);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trustStore.setCertificateEntry("ca" + i, authorities.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            return Optional.of(new RaftTls(kmf.getKeyManagers()[0], tmf.getTrustManagers()[0]));
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigProblemsException(List.of("RaftTLSCertFile, RaftTLSKeyFile, RaftTLSCAFile: cannot be used"
                    + " for TLS: " + e.getMessage()));
        }
    }

    /** The Ratis parameters that put the server and its clients (admin and client RPCs too) on mutual TLS. */
    Parameters parameters() {
        Parameters p = new Parameters();
        GrpcConfigKeys.TLS.setConf(p, new GrpcTlsConfig(keys, trust, true));
        return p;
    }

    /**
     * A connection to a member's raft port with the TLS handshake done (this node's certificate shown,
     * the member's checked against the CA and its name), offering HTTP/2 as gRPC does, so that the
     * member keeps it open as it keeps any other peer's.
     */
    SSLSocket connect(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(address, timeoutMillis);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, address.getHostString(),
                    address.getPort(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setApplicationProtocols(new String[] { "h2" });
            if (!address.getHostString().matches("[0-9.]+|.*:.*")) {
                params.setServerNames(List.of(new SNIHostName(address.getHostString())));
            }
            tls.setSSLParameters(params);
            tls.setSoTimeout(timeoutMillis);
            tls.startHandshake();
            tls.setSoTimeout(0);
            return tls;
        } catch (IOException e) {
            plain.close();
            throw e;
        } catch (RuntimeException e) {
            plain.close();
            throw new IOException(e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(String key, Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new ConfigProblemsException(List.of(key + ": " + pem + " holds no PEM certificate"));
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new ConfigProblemsException(List.of(key + ": " + pem + " is not a PEM certificate: "
                    + e.getMessage()));
        }
    }

    /** An unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"): RSA, EC or Ed25519. */
    private static PrivateKey privateKey(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigProblemsException(List.of("RaftTLSKeyFile: " + pem + " cannot be read: " + e.getMessage()));
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new ConfigProblemsException(List.of("RaftTLSKeyFile: " + pem + " is not an unencrypted PKCS#8 key"
                    + " (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8"));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblemsException(List.of("RaftTLSKeyFile: " + pem + " is not valid PEM"));
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ConfigProblemsException(List.of("RaftTLSKeyFile: " + pem + " is not an RSA, EC or Ed25519 key"));
    }

    /** The key signs what the certificate's public key verifies. */
    private static void checkPair(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "quorch raft".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another kind than the certificate's: not a pair either
        }
        throw new ConfigProblemsException(List.of("RaftTLSKeyFile: the key is not the one of the certificate in"
                + " RaftTLSCertFile (" + cert.getSubjectX500Principal() + ")"));
    }

    /** Each member is a TLS server to some peers and a client of others: its certificate must allow both. */
    private static void checkUsage(X509Certificate cert) {
        List<String> usages;
        try {
            usages = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            usages = null;
        }
        if (usages != null && !(usages.contains(SERVER_AUTH) && usages.contains(CLIENT_AUTH))) {
            throw new ConfigProblemsException(List.of("RaftTLSCertFile: the certificate (" + cert
                    .getSubjectX500Principal() + ") must allow both TLS server and client authentication"
                    + " (extendedKeyUsage serverAuth, clientAuth)"));
        }
    }
}
