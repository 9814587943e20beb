package io.quorch.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.config.BackendConfig;
import io.quorch.config.MySqlAccessConfig;

/**
 * Replaces every configured secret (MySQLTopologyPassword, MySQLReplicaPassword,
 * MySQLOrchestratorPassword) in a text that may carry one (a driver's error message, a hook's
 * output, an unexpected exception) before it reaches a log, an answer or the audit. Secrets are
 * removed at their source first (a statement carrying a password is shown with it replaced); this
 * is the net under that.
 */
@ApplicationScoped
public class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /**
     * Secrets shorter than this are not searched for: replacing every "a" or "12" in a message
     * would destroy it without protecting anything.
     */
    static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    @Inject
    public Redactor(MySqlAccessConfig mysql, BackendConfig backend) {
        this(List.of(mysql.password(), mysql.replicationPassword(), backend.mysqlPassword()).stream()
                .flatMap(Optional::stream).toList());
    }

    public Redactor(Collection<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH && !s.contains(secret)) {
                s.add(secret);
            }
        }
        // longest first, so a secret that contains another is replaced whole
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    /**
     * The text with every secret, and every SQL-quoted form of it, replaced by {@link #MASK}
     * wherever it stands as a whole (not inside a longer word: a password "repl" leaves "replica"
     * alone, while 'repl', =repl& or "repl" are replaced).
     */
    public String redact(String text) {
        return redact(text, secrets);
    }

    /** The same with the given secrets. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            List<String> forms = new ArrayList<>(List.of(secret, secret.replace("'", "''"),
                    secret.replace("\\", "\\\\").replace("'", "\\'")));
            forms.sort(Comparator.comparingInt(String::length).reversed());
            for (String form : forms) {
                out = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(form) + "(?![A-Za-z0-9])").matcher(out)
                        .replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }
}
