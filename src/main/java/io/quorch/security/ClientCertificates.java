package io.quorch.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * UseMutualTLS: every request must come with a client certificate that the TLS handshake verified
 * against SSLCAFile (a certificate from another CA fails the handshake itself); with SSLValidOUs, it
 * must also name one of those organisational units (orchestrator's VerifyOUs).
 */
public final class ClientCertificates {

    private ClientCertificates() {
    }

    /** Why the client of this TLS session may not call, or null when it may. */
    public static String refusal(SSLSession session, Set<String> validOus) {
        if (session == null) {
            return "Unauthorized: a client certificate is required (UseMutualTLS)";
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return "Unauthorized: a client certificate is required (UseMutualTLS)";
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            return "Unauthorized: a client certificate is required (UseMutualTLS)";
        }
        if (validOus.isEmpty()) {
            return null;
        }
        List<String> ous = organisationalUnits(cert.getSubjectX500Principal().getName());
        for (String ou : ous) {
            if (validOus.contains(ou)) {
                return null;
            }
        }
        return "Unauthorized: the client certificate's organisational unit " + ous + " is not among SSLValidOUs";
    }

    static List<String> organisationalUnits(String subject) {
        List<String> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("OU")) {
                    out.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // no OU can be read: none matches
        }
        return out;
    }
}
