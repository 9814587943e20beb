package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    @Test
    void readsEveryOrganisationalUnitOfASubject() {
        assertEquals(List.of("sre", "dba"), ClientCertificates.organisationalUnits("CN=admin,OU=dba,OU=sre,O=quorch"));
        assertEquals(List.of("a,b"), ClientCertificates.organisationalUnits("CN=x,OU=a\\,b"));
        assertEquals(List.of(), ClientCertificates.organisationalUnits("CN=x,O=y"));
        assertEquals(List.of(), ClientCertificates.organisationalUnits("not a name"));
    }

    @Test
    void noSessionMeansNoCertificate() {
        assertEquals("Unauthorized: a client certificate is required (UseMutualTLS)",
                ClientCertificates.refusal(null, java.util.Set.of()));
    }
}
