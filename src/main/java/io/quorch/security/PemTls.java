package io.quorch.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key stores from PEM files, for quorch's TLS clients: the follower proxy (from the API's own files)
 * and the connections to MySQL servers. A file that cannot be used fails with a message naming it
 * and saying what is wrong with it, never with its content.
 */
public final class PemTls {

    private PemTls() {
    }

    /** A client context trusting ca (null: the JDK's CAs), presenting cert/key when both are given. */
    public static SSLContext clientContext(Path ca, Path cert, Path key) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = null;
        if (ca != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(ca));
        }
        KeyManagerFactory kmf = null;
        if (cert != null && key != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(cert, key, new char[0]), new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    /** An in-memory PKCS#12 store holding every certificate of the PEM file as a trusted entry. */
    public static KeyStore trustStore(Path ca) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(ca)) {
            trust.setCertificateEntry("ca" + i++, c);
        }
        return trust;
    }

    /** An in-memory PKCS#12 store holding the key and its certificate chain, protected by password. */
    public static KeyStore keyStore(Path cert, Path key, char[] password) throws IOException, GeneralSecurityException {
        Certificate[] chain = certificates(cert).toArray(Certificate[]::new);
        PrivateKey privateKey = privateKey(key);
        if (chain[0].getPublicKey() instanceof RSAPublicKey pub && privateKey instanceof RSAPrivateCrtKey priv
                && !pub.getModulus().equals(priv.getModulus())) {
            throw new GeneralSecurityException(key + " is not the private key of the certificate in " + cert);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", privateKey, password, chain);
        return keys;
    }

    /** The certificates of a PEM file; at least one. */
    static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        byte[] bytes = read(pem);
        if (!new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new GeneralSecurityException(pem + " holds no certificate (BEGIN CERTIFICATE)");
        }
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(pem + " holds no certificate (BEGIN CERTIFICATE)");
        }
        for (Certificate c : certs) {
            if (c instanceof X509Certificate x) {
                try {
                    x.checkValidity();
                } catch (GeneralSecurityException e) {
                    throw new GeneralSecurityException(pem + " holds a certificate that is not valid now ("
                            + x.getSubjectX500Principal().getName() + ", valid " + x.getNotBefore() + " to "
                            + x.getNotAfter() + ")", e);
                }
            }
        }
        return certs;
    }

    /** An unencrypted PKCS#8 ("BEGIN PRIVATE KEY", RSA or EC) or PKCS#1 ("BEGIN RSA PRIVATE KEY") key. */
    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = new String(read(pem), java.nio.charset.StandardCharsets.US_ASCII);
        boolean pkcs1 = text.contains("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PEM private key (BEGIN PRIVATE KEY or BEGIN "
                    + "RSA PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        String marker = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
        int begin = text.indexOf("-----BEGIN " + marker + "-----") + ("-----BEGIN " + marker + "-----").length();
        int end = text.indexOf("-----END " + marker + "-----", begin);
        if (end < 0) {
            throw new GeneralSecurityException(pem + " has no END " + marker + " line");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin, end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(pem + " is not valid PEM (bad base64)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs1 ? pkcs1ToPkcs8(der) : der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            try {
                return KeyFactory.getInstance("EC").generatePrivate(spec);
            } catch (GeneralSecurityException e2) {
                throw new GeneralSecurityException(pem + " holds no RSA or EC private key that can be read");
            }
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = { 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[algorithm.length + octets.length];
        System.arraycopy(algorithm, 0, body, 0, algorithm.length);
        System.arraycopy(octets, 0, body, algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] { (byte) n }
                : n < 0x100 ? new byte[] { (byte) 0x81, (byte) n }
                : n < 0x10000 ? new byte[] { (byte) 0x82, (byte) (n >> 8), (byte) n }
                : new byte[] { (byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n };
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    private static byte[] read(Path pem) throws IOException {
        try {
            return Files.readAllBytes(pem);
        } catch (NoSuchFileException e) {
            throw new IOException(pem + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(pem + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new IOException(pem + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }
}
