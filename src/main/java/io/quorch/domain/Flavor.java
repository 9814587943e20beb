package io.quorch.domain;

import java.util.Locale;

/** Which server family a version string belongs to. */
public enum Flavor {
    MYSQL("MySQL"),
    MARIADB("MariaDB"),
    PERCONA("Percona");

    private final String displayName;

    Flavor(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** From @@version and @@version_comment. */
    public static Flavor of(String version, String versionComment) {
        String v = (version == null ? "" : version).toLowerCase(Locale.ROOT);
        String c = (versionComment == null ? "" : versionComment).toLowerCase(Locale.ROOT);
        if (v.contains("mariadb") || c.contains("mariadb")) {
            return MARIADB;
        }
        if (c.contains("percona") || v.contains("percona")) {
            return PERCONA;
        }
        return MYSQL;
    }
}
