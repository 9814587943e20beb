package io.quorch.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * The reloadable settings ({@link Reloadable}) in use on this node, and their reload: the
 * configuration file named at start is read again, optionally with another file layered on top;
 * environment variables and system properties still win over both, as at start. A reload either
 * applies every reloadable setting or, when anything is wrong, none.
 */
@ApplicationScoped
public class ReloadableSettings {

    private static final Logger LOG = Logger.getLogger(ReloadableSettings.class);
    /** Longest file name accepted from a request. */
    private static final int MAX_PATH = 4096;

    private final SmallRyeConfig config;
    private volatile Reloadable current;
    /** The raw values in use, to tell what a reload changed. */
    private volatile Function<String, String> currentRaw;

    @Inject
    public ReloadableSettings(Config config) {
        this.config = config.unwrap(SmallRyeConfig.class);
        List<String> problems = new ArrayList<>();
        Function<String, String> raw = p -> this.config.getConfigValue(p).getValue();
        Reloadable read = Reloadable.read(raw, problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        this.current = read;
        this.currentRaw = snapshot(raw);
    }

    /** For tests and tools outside CDI. */
    public ReloadableSettings(Reloadable settings) {
        this.config = null;
        this.current = settings;
        this.currentRaw = p -> null;
    }

    public Reloadable get() {
        return current;
    }

    /** What a reload did: the keys whose values changed, and changed keys that need a restart. */
    public record Outcome(String file, List<String> changed, List<String> needRestart) {
    }

    /**
     * Reads the configuration again and applies the reloadable settings; throws
     * {@link ConfigProblemsException} (nothing applied) when a file cannot be read or a value is wrong.
     *
     * @param extraFile a file layered over the start configuration, or null
     */
    public synchronized Outcome reload(String extraFile) {
        Prepared p = prepare(extraFile);
        Reloadable before = current;
        current = p.settings();
        currentRaw = snapshot(p.raw());
        if (!before.equals(current)) {
            LOG.infof("configuration reloaded%s; changed: %s", extraFile == null ? "" : " with " + extraFile,
                    p.outcome().changed().isEmpty() ? "nothing" : String.join(", ", p.outcome().changed()));
        }
        if (!p.outcome().needRestart().isEmpty()) {
            LOG.warnf("configuration reload: %s changed but only take effect after a restart",
                    String.join(", ", p.outcome().needRestart()));
        }
        return p.outcome();
    }

    /** Checks that a reload would succeed, applying nothing; throws like {@link #reload}. */
    public Outcome check(String extraFile) {
        return prepare(extraFile).outcome();
    }

    private record Prepared(Reloadable settings, Function<String, String> raw, Outcome outcome) {
    }

    private Prepared prepare(String extraFile) {
        if (config == null) {
            throw new ConfigProblemsException(List.of("this node has no configuration to reload"));
        }
        List<OrchestratorJsonConfigSource> layers = new ArrayList<>();
        config.getOptionalValue(OrchestratorJsonConfigSourceFactory.CONFIG_FILE_PROPERTY, String.class)
                .filter(f -> !f.isBlank()).ifPresent(f -> layers.add(OrchestratorJsonConfigSource.load(Path.of(f.trim()))));
        if (extraFile != null) {
            Path checked = checkedFile(extraFile);
            try {
                layers.add(OrchestratorJsonConfigSource.load(checked));
            } catch (ConfigProblemsException e) {
                throw new ConfigProblemsException(e.problems().stream().map(ReloadableSettings::withoutContent)
                        .toList());
            }
        }
        Function<String, String> raw = property -> effective(property, layers);
        List<String> problems = new ArrayList<>();
        Reloadable settings = Reloadable.read(raw, problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        Set<String> changed = new LinkedHashSet<>();
        Set<String> needRestart = new LinkedHashSet<>();
        for (ConfigKey key : ConfigKeys.all()) {
            String now = config.getConfigValue(key.property()).getValue();
            String after = raw.apply(key.property());
            boolean reloadable = Reloadable.PROPERTIES.contains(key.property());
            String before = reloadable ? currentRaw.apply(key.property()) : now;
            if (!Objects.equals(before, after)) {
                String name = ConfigKeys.displayName(key.property());
                changed.add(name);
                if (!reloadable) {
                    needRestart.add(name);
                }
            }
        }
        return new Prepared(settings, raw, new Outcome(extraFile, List.copyOf(changed), List.copyOf(needRestart)));
    }

    /**
     * A property's value after a reload: environment variables and system properties (above the
     * file) as at start, then the layered file, then the start file, then application.properties.
     */
    private String effective(String property, List<OrchestratorJsonConfigSource> layers) {
        ConfigValue v = config.getConfigValue(property);
        if (v.getValue() != null && v.getSourceOrdinal() > OrchestratorJsonConfigSource.ORDINAL) {
            return v.getValue();
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            String value = layers.get(i).getValue(property);
            if (value != null) {
                return value;
            }
        }
        return v.getValue() != null && v.getSourceOrdinal() < OrchestratorJsonConfigSource.ORDINAL ? v.getValue()
                : null;
    }

    /**
     * A parse error of a file named in a request, without the parser's quote of its content: the
     * name comes from a request, and the answer must not show what some other file holds.
     */
    static String withoutContent(String problem) {
        int at = problem.indexOf(" is not valid JSON");
        if (at < 0) {
            return problem;
        }
        int end = problem.indexOf("): ", at);
        return end < 0 ? problem.substring(0, at + " is not valid JSON".length()) : problem.substring(0, end + 1);
    }

    /** A file named in a request: a readable regular .json file, named plainly; problems name it. */
    static Path checkedFile(String name) {
        if (name.isBlank()) {
            throw new ConfigProblemsException(List.of("config: the file name is empty"));
        }
        if (name.length() > MAX_PATH || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigProblemsException(List.of("config: not a usable file name"));
        }
        Path file;
        try {
            file = Path.of(name);
        } catch (RuntimeException e) {
            throw new ConfigProblemsException(List.of("config: not a usable file name: " + e.getMessage()));
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            throw new ConfigProblemsException(List.of("config: " + name + ": not a .json file"));
        }
        if (!Files.exists(file)) {
            throw new ConfigProblemsException(List.of("config: " + name + ": no such file"));
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new ConfigProblemsException(List.of("config: " + name + ": not a regular file"));
        }
        if (!Files.isReadable(file)) {
            throw new ConfigProblemsException(List.of("config: " + name + ": not readable by quorch"));
        }
        try {
            if (Files.size(file) > 1 << 20) {
                throw new ConfigProblemsException(List.of("config: " + name + ": larger than 1 MiB"));
            }
        } catch (IOException e) {
            throw new ConfigProblemsException(List.of("config: " + name + ": " + e.getMessage()));
        }
        return file;
    }

    private static Function<String, String> snapshot(Function<String, String> raw) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String p : Reloadable.PROPERTIES) {
            values.put(p, raw.apply(p));
        }
        return values::get;
    }
}
