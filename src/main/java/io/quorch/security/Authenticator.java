package io.quorch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.quorch.domain.Text;

/**
 * Decides, from a request's headers alone, who is calling and whether the call may go on: the rules
 * of orchestrator's AuthenticationMethod, ReadOnly and PowerAuthUsers, plus a refusal of changes a
 * browser sends from another site. Pure: no CDI, no I/O, so every rule has a unit test.
 */
public final class Authenticator {

    /** The user orchestrator's "multi" method lets read with any password. */
    public static final String READONLY_USER = "readonly";

    private final Method method;
    private final String user;
    private final byte[] password;
    private final String userHeader;
    private final List<String> powerUsers;
    private final boolean readOnly;

    /** The authentication methods, as AuthenticationMethod names them. */
    public enum Method {
        NONE(""), BASIC("basic"), MULTI("multi"), PROXY("proxy");

        private final String configName;

        Method(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** The method AuthenticationMethod names (case-insensitive), or IllegalArgumentException naming the choices. */
        public static Method parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (Method m : values()) {
                if (m.configName.equals(t)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("AuthenticationMethod must be \"\", \"basic\", \"multi\" or \"proxy\", got \""
                    + text + "\"");
        }
    }

    /** The outcome: an identity that may go on, or a refusal with its HTTP status. */
    public sealed interface Decision {
        record Allow(Identity identity) implements Decision {
        }

        /** 401: credentials missing or wrong; the caller is asked for them. */
        record Challenge(String message) implements Decision {
        }

        /** 403: the caller is known but may not do this. */
        record Forbid(String message) implements Decision {
        }
    }

    public Authenticator(Method method, String user, String password, String userHeader, List<String> powerUsers,
            boolean readOnly) {
        this.method = method;
        this.user = user == null ? "" : user;
        this.password = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        this.userHeader = userHeader;
        this.powerUsers = List.copyOf(powerUsers);
        this.readOnly = readOnly;
    }

    /** The user name a node gives of itself under "proxy" when PowerAuthUsers names nobody ("*"). */
    public static final String NODE_USER = "quorch";

    /**
     * The headers this node sends when it calls another node of its group on its own behalf (never a user's): the
     * configured user and password under "basic" and "multi", a power user's name in AuthUserHeader under "proxy".
     */
    public Map<String, String> ownCredentials() {
        return switch (method) {
            case NONE -> Map.of();
            case BASIC, MULTI -> {
                byte[] name = (user + ":").getBytes(StandardCharsets.UTF_8);
                byte[] both = Arrays.copyOf(name, name.length + password.length);
                System.arraycopy(password, 0, both, name.length, password.length);
                yield Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(both));
            }
            case PROXY -> Map.of(userHeader, powerUsers.stream().filter(u -> !u.isBlank() && !u.equals("*"))
                    .findFirst().orElse(NODE_USER));
        };
    }

    public Method method() {
        return method;
    }

    public String userHeader() {
        return userHeader;
    }

    /** Decides a request to path; header gives a request header's first value (or null). */
    public Decision decide(String path, Function<String, String> header) {
        RouteKind kind = ApiRoutes.kind(path);
        if (kind == RouteKind.OPEN) {
            return new Decision.Allow(Identity.ANONYMOUS_POWER);
        }
        Decision who = identify(header);
        if (!(who instanceof Decision.Allow allow) || kind == RouteKind.READ) {
            return who;
        }
        if (kind == RouteKind.PEER) {
            // ReadOnly does not apply: a node's report is no user's change, and refusing it would stop recoveries
            String crossSite = crossSite(header);
            if (!allow.identity().mayChange() || crossSite != null) {
                return new Decision.Forbid("Unauthorized: only the nodes of the group report failure verdicts");
            }
            return who;
        }
        if (readOnly) {
            return new Decision.Forbid("Unauthorized: this orchestrator is ReadOnly; no changes are allowed");
        }
        if (!allow.identity().mayChange()) {
            return new Decision.Forbid("Unauthorized: user \"" + allow.identity().user() + "\" may read but not "
                    + "change anything");
        }
        String crossSite = crossSite(header);
        if (crossSite != null) {
            return new Decision.Forbid("Unauthorized: " + crossSite);
        }
        return who;
    }

    private Decision identify(Function<String, String> header) {
        return switch (method) {
            case NONE -> new Decision.Allow(new Identity(nullToEmpty(header.apply("X-Forwarded-User")), true));
            case BASIC, MULTI -> basic(header.apply("Authorization"));
            case PROXY -> {
                String name = nullToEmpty(header.apply(userHeader)).trim();
                if (name.isEmpty()) {
                    yield new Decision.Challenge("Unauthorized: no user in " + userHeader
                            + " (AuthenticationMethod is \"proxy\": requests must come through the authenticating proxy)");
                }
                boolean power = powerUsers.contains("*") || powerUsers.contains(name);
                yield new Decision.Allow(new Identity(name, power));
            }
        };
    }

    private Decision basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Decision.Challenge("Unauthorized: credentials required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Decision.Challenge("Unauthorized: malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Decision.Challenge("Unauthorized: malformed Basic credentials");
        }
        String name = decoded.substring(0, colon);
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (method == Method.MULTI && name.equals(READONLY_USER)) {
            return new Decision.Allow(new Identity(READONLY_USER, false));
        }
        boolean userOk = MessageDigest.isEqual(name.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(given, password);
        if (userOk && passwordOk && !user.isEmpty()) {
            return new Decision.Allow(new Identity(name, true));
        }
        return new Decision.Challenge("Unauthorized: wrong user or password");
    }

    /**
     * Why a change must be refused as a browser's cross-site request, or null. Browsers say where a
     * request comes from (Sec-Fetch-Site, Origin); tools such as curl send neither.
     */
    static String crossSite(Function<String, String> header) {
        String site = header.apply("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "a change sent by a browser from another site (Sec-Fetch-Site: " + site + ") is refused";
        }
        String origin = header.apply("Origin");
        if (origin == null) {
            return null;
        }
        // same origin when the Origin's host and port are those the request was sent to (Host), or those
        // a fronting proxy says it was sent to (X-Forwarded-Host)
        String authority = authority(origin);
        for (String own : new String[] { header.apply("Host"), header.apply("X-Forwarded-Host") }) {
            if (own != null && authority != null && authority.equalsIgnoreCase(own.split(",")[0].trim())) {
                return null;
            }
        }
        return "a change sent by a browser from another origin (" + Text.shown(origin, 80) + ") is refused";
    }

    /** "host:port" of an Origin ("https://host:port"), or null for "null" and anything unparsable. */
    private static String authority(String origin) {
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String rest = origin.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
