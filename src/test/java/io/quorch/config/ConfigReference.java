package io.quorch.config;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.quorch.config.ConfigKeys.KeyDoc;
import io.quorch.config.ConfigKeys.Support;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Writes docs/configuration.md from the facts in the code: the key table and descriptions of
 * {@link ConfigKeys}, and the defaults and limits on the {@code @ConfigMapping} interfaces of this
 * package. {@link ConfigReferenceTest} fails when the committed page differs from what this makes.
 * Run {@code scripts/config-reference} (or this class' {@code main} with the page's path) to rewrite it.
 */
public final class ConfigReference {

    /** The committed page, relative to the project root. */
    public static final Path PAGE = Path.of("docs", "configuration.md");
    /** The command that rewrites the page, named in the test's failure message. */
    public static final String REGENERATE = "scripts/config-reference";

    /** Sections of the page by property prefix, most specific first. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("quorch.api.", "HTTP API");
        SECTIONS.put("quorch.security.", "API security (authentication, HTTPS)");
        SECTIONS.put("quorch.backend.", "Backend (quorch's own database)");
        SECTIONS.put("quorch.mysql.", "Managed MySQL/MariaDB servers");
        SECTIONS.put("quorch.discovery.", "Discovery");
        SECTIONS.put("quorch.analysis.", "Failure analysis");
        SECTIONS.put("quorch.recovery.hooks.", "Recovery hooks");
        SECTIONS.put("quorch.recovery.", "Recovery");
        SECTIONS.put("quorch.raft.", "Raft");
        SECTIONS.put("quorch.log.", "Logging");
        SECTIONS.put("", "Other");
    }

    private ConfigReference() {
    }

    public static void main(String... args) throws IOException {
        Path page = args.length > 0 ? Path.of(args[0]) : PAGE;
        Files.writeString(page, render());
        System.out.println("wrote " + page);
    }

    /** One mapped property: where it is declared, its default and the values refused at startup. */
    record MappedProperty(String property, Method method, Optional<String> defaultValue, String refused) {
    }

    /** Every property of every {@code @ConfigMapping} interface in this package, by property name. */
    static Map<String, MappedProperty> mappedProperties() {
        Map<String, MappedProperty> out = new TreeMap<>();
        for (Class<?> mapping : mappingInterfaces()) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix() + ".", mapping, out);
        }
        return out;
    }

    private static void collect(String prefix, Class<?> type, Map<String, MappedProperty> out) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            String name = prefix + kebab(m.getName());
            if (m.getReturnType().isInterface() && m.getReturnType().getEnclosingClass() == type) {
                collect(name + ".", m.getReturnType(), out);
                continue;
            }
            WithDefault d = m.getAnnotation(WithDefault.class);
            out.put(name, new MappedProperty(name, m, Optional.ofNullable(d).map(WithDefault::value), refused(m)));
        }
    }

    /** Every interface of this package annotated with {@code @ConfigMapping}, found on the class path. */
    static List<Class<?>> mappingInterfaces() {
        try {
            Path dir = Path.of(ConfigKeys.class.getResource("ConfigKeys.class").toURI()).getParent();
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".class") || file.contains("$")) {
                        continue;
                    }
                    Class<?> c = Class.forName(ConfigKeys.class.getPackageName() + "."
                            + file.substring(0, file.length() - ".class".length()));
                    if (c.isInterface() && c.isAnnotationPresent(ConfigMapping.class)) {
                        found.add(c);
                    }
                }
            }
            return found;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the configuration mappings: " + e, e);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable SmallRye Config reads for a property. */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String refused(Method m) {
        List<String> parts = new ArrayList<>();
        Min min = m.getAnnotation(Min.class);
        Max max = m.getAnnotation(Max.class);
        if (min != null && max != null) {
            parts.add("outside " + min.value() + "–" + max.value());
        } else if (min != null) {
            parts.add("below " + min.value());
        } else if (max != null) {
            parts.add("above " + max.value());
        }
        DecimalMin dmin = m.getAnnotation(DecimalMin.class);
        if (dmin != null) {
            parts.add((dmin.inclusive() ? "below " : "") + dmin.value() + (dmin.inclusive() ? "" : " or less"));
        }
        Pattern pattern = m.getAnnotation(Pattern.class);
        if (pattern != null) {
            parts.add("not matching `" + pattern.regexp().replace("|", "\\|") + "`");
        }
        return String.join("; ", parts);
    }

    private static String section(String property) {
        return SECTIONS.entrySet().stream().filter(e -> property.startsWith(e.getKey())).findFirst()
                .map(Map.Entry::getValue).orElse("Other");
    }

    /** The whole page. */
    public static String render() {
        Map<String, MappedProperty> mapped = mappedProperties();
        StringBuilder md = new StringBuilder();
        md.append(INTRO);
        Map<String, List<ConfigKey>> bySection = new LinkedHashMap<>();
        SECTIONS.values().forEach(s -> bySection.put(s, new ArrayList<>()));
        for (ConfigKey key : ConfigKeys.all()) {
            bySection.get(section(key.property())).add(key);
        }
        for (var section : bySection.entrySet()) {
            if (section.getValue().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(section.getKey()).append("\n\n");
            md.append("| JSON key | property / environment variable | type | default | refused at startup | status | meaning |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (ConfigKey key : section.getValue()) {
                MappedProperty p = mapped.get(key.property());
                KeyDoc doc = ConfigKeys.doc(key).orElse(new KeyDoc(Support.HONOURED, "(no description)"));
                String def = p == null ? "?" : p.defaultValue().map(v -> v.isEmpty() ? "empty" : "`" + v + "`")
                        .orElse("none");
                String refused = p == null ? "" : p.refused();
                md.append("| ").append(key.json())
                        .append(" | `").append(key.property()).append("`<br>`").append(environmentVariable(key.property()))
                        .append("` | ").append(key.type().description())
                        .append(" | ").append(def)
                        .append(" | ").append(refused.isEmpty() ? "–" : refused)
                        .append(" | ").append(doc.support().name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(cell(doc.meaning()))
                        .append(" |\n");
            }
        }
        List<String> withoutKey = mapped.keySet().stream()
                .filter(p -> ConfigKeys.all().stream().noneMatch(k -> k.property().equals(p))).toList();
        if (!withoutKey.isEmpty()) {
            md.append("\n## Properties without a JSON key\n\n");
            md.append("Set these in `application.properties`, as system properties or as environment variables.\n\n");
            md.append("| property / environment variable | default | refused at startup |\n|---|---|---|\n");
            for (String p : withoutKey) {
                MappedProperty m = mapped.get(p);
                md.append("| `").append(p).append("`<br>`").append(environmentVariable(p)).append("` | ")
                        .append(m.defaultValue().map(v -> "`" + v + "`").orElse("none")).append(" | ")
                        .append(m.refused().isEmpty() ? "–" : m.refused()).append(" |\n");
            }
        }
        md.append(RULES);
        md.append("\n## orchestrator security keys quorch refuses\n\n");
        md.append("quorch does not implement these. Turned on (true, a non-empty value), each stops startup with "
                + "exit 2 and one line naming it, since ignoring a security setting would leave a protection "
                + "believed in place that is not; set to false or empty they are accepted.\n\n");
        md.append("| JSON key | why |\n|---|---|\n");
        UnsupportedKeys.keys().forEach(k -> md.append("| ").append(k).append(" | ")
                .append(cell(UnsupportedKeys.reason(k))).append(" |\n"));
        md.append("\n## orchestrator keys quorch ignores\n\n");
        md.append("Each of these (like any key quorch does not know) gives one warning at startup, "
                + "`unknown configuration key NAME (ignored)`, and has no effect.\n\n");
        md.append("| JSON key | why |\n|---|---|\n");
        new TreeMap<>(ConfigKeys.orchestratorKeysIgnored())
                .forEach((k, why) -> md.append("| ").append(k).append(" | ").append(cell(why)).append(" |\n"));
        md.append(OUTRO);
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static final String INTRO = """
            # Configuration reference

            <!-- Generated from config/ConfigKeys.java and the @ConfigMapping interfaces by
                 src/test/java/io/quorch/config/ConfigReference.java. Do not edit by hand:
                 change the code, then run scripts/config-reference. ConfigReferenceTest fails
                 when this page and the code disagree. -->

            quorch reads an orchestrator-style JSON file with orchestrator's CamelCase keys, named by
            `QUORCH_CONFIG=FILE`, `scripts/run --config FILE` or `-Dquorch.config=FILE`
            (`deploy/config/quorch.conf.json` is a starting point). Keys are matched exactly, in
            orchestrator's spelling. Each key feeds one typed property, so any setting can also come
            from elsewhere; the first of these that has it wins:

            1. a system property (`-Dquorch.discovery.instance-poll-seconds=1`);
            2. an environment variable: the property upper-cased with every other character turned
               into `_` (`QUORCH_DISCOVERY_INSTANCE_POLL_SECONDS=1`, `QUORCH_BACKEND_MYSQL_PASSWORD=...`);
               handy on Kubernetes, where one JSON file is shared and each pod differs;
            3. the JSON file;
            4. `application.properties`, then the defaults below.

            A list from a property or an environment variable is comma-separated (`\\,` for a comma
            inside an item). `QUORCH_API_LISTEN_ADDRESS=:4000` moves the HTTP listener as
            ListenAddress does.

            Every setting is checked at startup. A value of the wrong JSON type, a value in the
            "refused at startup" column, or a broken rule from [Rules across keys](#rules-across-keys)
            is printed as one line naming the key and the value, and the process exits with status 2
            (see [operations.md](operations.md#exit-codes)):

            ```
            quorch: invalid configuration: RaftNodes: required when RaftEnabled is true (list every member, ...)
            quorch: invalid configuration: InstancePollSeconds (quorch.discovery.instance-poll-seconds): must be greater than 0, got 0.0
            ```

            An unknown key is not fatal: it gives one warning naming it and is ignored. Status
            **honoured** means quorch acts on the key; **ignored** means it is accepted and checked
            but not acted on yet.
            """;

    private static final String RULES = """

            ## Rules across keys

            Checked at startup after each key's own checks (`config/ConfigRules.java`); each broken
            rule is one line and exit status 2:

            - BackendDB `mysql` needs MySQLOrchestratorHost; a file with a MySQLOrchestratorHost and no
              BackendDB means `mysql`, as in orchestrator.
            - ReplicationLagQuery and SlaveLagQuery, when both are given, must be the same.
            - Every entry of DiscoverySeeds is a host name or address, with an optional port.
            - Every hostname filter (DiscoveryIgnore*, ProblemIgnore*, RecoveryIgnore*) is an IP address
              or a valid regular expression.
            - An empty string leaves a key at its default.
            - FailMasterPromotionIfSQLThreadNotUpToDate and DelayMasterPromotionIfSQLThreadNotUpToDate
              may not both be true.
            - With RaftEnabled: RaftDataDir and RaftNodes are required; no member may be listed twice
              (`node1` and `node1:10008` are the same member with the default port); every entry needs
              a host and a port from 1 to 65535; RaftBind is required and must be one of RaftNodes,
              unless it is `0.0.0.0[:port]` (every address), which needs RaftAdvertise; RaftAdvertise,
              when set, must be one of RaftNodes.
            """;

    private static final String OUTRO = """

            ## Outside the JSON file

            - `QUORCH_CONFIG` / `-Dquorch.config`: the JSON file itself.
            - `QUORCH_JAVA_OPTS`: JVM options for `scripts/run` (default in `scripts/lib/jvm.sh`).
            - Any Quarkus setting, such as `quarkus.log.level` (`QUARKUS_LOG_LEVEL=DEBUG`).

            ## Changes under way

            <!-- Settings added by work in progress (authentication, TLS to managed servers and to
                 the backend, hardening of MySQL connections) appear in the tables above once their
                 keys are in ConfigKeys; describe here only what a table cannot say. -->
            """;
}
