package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.security.Authenticator.Decision;
import io.quorch.security.Authenticator.Method;

class AuthenticatorTest {

    private static final String READ = "/api/clusters";
    private static final String CHANGE = "/api/recover/db1/3306";
    private static final String OPEN = "/api/leader-check";

    private static Authenticator auth(Method m, boolean readOnly, String... power) {
        return new Authenticator(m, "admin", "s3cr'et\\pw", "X-Auth-User", List.of(power), readOnly);
    }

    private static Decision decide(Authenticator a, String path, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return a.decide(path, h::get);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noAuthenticationLetsEveryoneChange() {
        Authenticator a = auth(Method.NONE, false);
        assertEquals(new Identity("", true), ((Decision.Allow) decide(a, CHANGE)).identity());
        assertEquals(new Identity("bob", true),
                ((Decision.Allow) decide(a, CHANGE, "X-Forwarded-User", "bob")).identity());
    }

    @Test
    void basicNeedsTheRightUserAndPassword() {
        Authenticator a = auth(Method.BASIC, false);
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "Authorization", basic("admin", "s3cr'et\\pw")));
        assertInstanceOf(Decision.Challenge.class, decide(a, CHANGE, "Authorization", basic("admin", "wrong")));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ, "Authorization", basic("other", "s3cr'et\\pw")));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ, "Authorization", "Basic !!!not-base64"));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ, "Authorization", "Bearer abc"));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ, "Authorization", basic("readonly", "x")));
    }

    @Test
    void openRoutesNeedNoCredentials() {
        for (Method m : Method.values()) {
            assertInstanceOf(Decision.Allow.class, decide(auth(m, true), OPEN), m.name());
            assertInstanceOf(Decision.Allow.class, decide(auth(m, true), "/api/raft-health"), m.name());
            assertInstanceOf(Decision.Allow.class, decide(auth(m, true), "/api/health"), m.name());
        }
    }

    @Test
    void multiLetsTheReadonlyUserReadButNotChange() {
        Authenticator a = auth(Method.MULTI, false);
        assertEquals(new Identity("readonly", false),
                ((Decision.Allow) decide(a, READ, "Authorization", basic("readonly", "anything"))).identity());
        Decision d = decide(a, CHANGE, "Authorization", basic("readonly", "anything"));
        assertInstanceOf(Decision.Forbid.class, d);
        assertTrue(((Decision.Forbid) d).message().startsWith("Unauthorized"));
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "Authorization", basic("admin", "s3cr'et\\pw")));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ, "Authorization", basic("guest", "s3cr'et\\pw")));
    }

    @Test
    void proxyTrustsTheHeaderAndPowerUsersChange() {
        Authenticator a = auth(Method.PROXY, false, "alice");
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "X-Auth-User", "alice"));
        assertInstanceOf(Decision.Forbid.class, decide(a, CHANGE, "X-Auth-User", "bob"));
        assertInstanceOf(Decision.Allow.class, decide(a, READ, "X-Auth-User", "bob"));
        assertInstanceOf(Decision.Challenge.class, decide(a, READ));
        assertInstanceOf(Decision.Allow.class, decide(auth(Method.PROXY, false, "*"), CHANGE, "X-Auth-User", "bob"));
    }

    @Test
    void readOnlyRefusesEveryChangeForEveryone() {
        Authenticator a = auth(Method.BASIC, true);
        Decision d = decide(a, CHANGE, "Authorization", basic("admin", "s3cr'et\\pw"));
        assertInstanceOf(Decision.Forbid.class, d);
        assertTrue(((Decision.Forbid) d).message().contains("ReadOnly"));
        assertInstanceOf(Decision.Allow.class, decide(a, READ, "Authorization", basic("admin", "s3cr'et\\pw")));
        assertInstanceOf(Decision.Forbid.class, decide(auth(Method.NONE, true), CHANGE));
    }

    @Test
    void aBrowserChangeFromAnotherSiteIsRefusedAToolsIsNot() {
        Authenticator a = auth(Method.NONE, false);
        assertInstanceOf(Decision.Forbid.class, decide(a, CHANGE, "Sec-Fetch-Site", "cross-site"));
        assertInstanceOf(Decision.Forbid.class, decide(a, CHANGE, "Sec-Fetch-Site", "same-site"));
        assertInstanceOf(Decision.Forbid.class,
                decide(a, CHANGE, "Origin", "https://evil.example", "Host", "quorch:3000"));
        assertInstanceOf(Decision.Forbid.class, decide(a, CHANGE, "Origin", "null", "Host", "quorch:3000"));
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "Sec-Fetch-Site", "same-origin"));
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "Origin", "http://quorch:3000", "Host", "quorch:3000"));
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE, "Origin", "https://orc.example", "Host", "10.0.0.1:3000",
                "X-Forwarded-Host", "orc.example"));
        // reads are not refused: a cross-site page cannot read the answer anyway
        assertInstanceOf(Decision.Allow.class, decide(a, READ, "Sec-Fetch-Site", "cross-site"));
        // curl sends neither header
        assertInstanceOf(Decision.Allow.class, decide(a, CHANGE));
    }

    @Test
    void methodNamesAreOrchestrators() {
        assertEquals(Method.MULTI, Method.parse("Multi"));
        assertEquals(Method.NONE, Method.parse(""));
        assertEquals(Method.NONE, Method.parse(null));
        try {
            Method.parse("token");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("\"token\""), e.getMessage());
            return;
        }
        throw new AssertionError("token must be refused");
    }

    private static final String PEER = "/api/failure-verdict";

    @Test
    void aNodeAdmitsAnotherNodesVerdictWithItsOwnCredentialsAlsoUnderReadOnly() {
        for (Method m : new Method[] {Method.NONE, Method.BASIC, Method.MULTI, Method.PROXY}) {
            Authenticator a = auth(m, true, "ops");
            String[] own = a.ownCredentials().entrySet().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
            assertInstanceOf(Decision.Allow.class, decide(a, PEER, own), m.toString());
            assertInstanceOf(Decision.Forbid.class, decide(a, CHANGE, own), "ReadOnly still refuses a user's change");
        }
        assertEquals(Map.of("X-Auth-User", "ops"), auth(Method.PROXY, false, "*", "ops").ownCredentials());
        assertEquals(Map.of("X-Auth-User", Authenticator.NODE_USER), auth(Method.PROXY, false, "*").ownCredentials());
        assertEquals(Map.of("Authorization", basic("admin", "s3cr'et\\pw")), auth(Method.BASIC, false).ownCredentials());
    }

    @Test
    void aVerdictNeedsAUserWhoMayChangeAndNoBrowserFromAnotherSite() {
        Authenticator multi = auth(Method.MULTI, false);
        assertInstanceOf(Decision.Challenge.class, decide(multi, PEER));
        assertInstanceOf(Decision.Forbid.class, decide(multi, PEER, "Authorization", basic("readonly", "x")));
        assertInstanceOf(Decision.Forbid.class, decide(auth(Method.PROXY, false, "ops"), PEER, "X-Auth-User", "eve"));
        assertInstanceOf(Decision.Forbid.class, decide(auth(Method.NONE, false), PEER, "Sec-Fetch-Site", "cross-site"));
    }
}
