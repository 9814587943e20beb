package io.quorch.mysql;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quorch.config.Reloadable;
import io.quorch.domain.DetectedValues;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.Text;

/**
 * Runs the operator's optional per-server queries (ReplicationLagQuery, DetectInstanceAliasQuery,
 * DetectPromotionRuleQuery, DetectSemiSyncEnforcedQuery) and checks what they answer: a server's
 * answer is hostile input. An answer of the wrong kind is dropped with one warning per server and
 * query (until it answers well again), never stored.
 */
final class DetectedValuesReader {

    private static final Logger LOG = Logger.getLogger(DetectedValuesReader.class);
    /** Longest alias kept (orchestrator's instance_alias column). */
    static final int MAX_ALIAS = 128;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The answers, from the statement of a probe; only the configured queries run. */
    DetectedValues read(ProbeBatch batch, InstanceKey key, Reloadable s, boolean replica, String resolveMethod)
            throws SQLException {
        Long lag = replica ? ask(batch, key, s.replicationLagQuery(), "ReplicationLagQuery", DetectedValuesReader::lag)
                : null;
        String alias = ask(batch, key, s.instanceAliasQuery(), "DetectInstanceAliasQuery", DetectedValuesReader::alias);
        PromotionRule rule = ask(batch, key, s.promotionRuleQuery(), "DetectPromotionRuleQuery",
                DetectedValuesReader::promotionRule);
        Boolean semiSync = ask(batch, key, s.semiSyncEnforcedQuery(), "DetectSemiSyncEnforcedQuery",
                DetectedValuesReader::zeroOrOne);
        String reported = switch (resolveMethod) {
            case "@@report_host" -> ask(batch, key, Optional.of("SELECT @@global.report_host"),
                    "MySQLHostnameResolveMethod @@report_host", DetectedValuesReader::host);
            case "@@hostname" -> ask(batch, key, Optional.of("SELECT @@global.hostname"),
                    "MySQLHostnameResolveMethod @@hostname", DetectedValuesReader::host);
            default -> null;
        };
        return new DetectedValues(lag, alias, rule, semiSync, reported);
    }

    /** A host name or address InstanceKey accepts. */
    static String host(String answer) {
        try {
            return new InstanceKey(answer.trim(), 1).hostname();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + Text.line(answer, 60) + "\", not a host name");
        }
    }

    private <T> T ask(ProbeBatch batch, InstanceKey key, Optional<String> query, String name, Check<T> check)
            throws SQLException {
        if (query.isEmpty()) {
            return null;
        }
        String answer = batch.queryFirst(key, query);
        if (answer.isEmpty()) {
            return null;
        }
        try {
            T value = check.apply(answer);
            warned.remove(key + " " + name);
            return value;
        } catch (IllegalArgumentException e) {
            if (warned.add(key + " " + name)) {
                LOG.warnf("%s on %s answered %s: ignored", name, key, e.getMessage());
            }
            return null;
        }
    }

    private interface Check<T> {
        T apply(String answer);
    }

    /** A whole, non-negative number of seconds (a fraction is cut). */
    static Long lag(String answer) {
        String t = answer.trim();
        try {
            double d = Double.parseDouble(t);
            if (d >= 0 && d < 1e12 && !t.contains("e") && !t.contains("E") && !t.contains("N")) {
                return (long) d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("\"" + Text.line(answer, 40) + "\", not a number of seconds");
    }

    static String alias(String answer) {
        return Text.line(answer, MAX_ALIAS);
    }

    /** One of prefer, neutral, prefer_not, must_not ("must" is not supported, as the API refuses it). */
    static PromotionRule promotionRule(String answer) {
        PromotionRule r;
        try {
            r = PromotionRule.parse(answer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + Text.line(answer, 40)
                    + "\", not a promotion rule (prefer, neutral, prefer_not or must_not)");
        }
        if (r == PromotionRule.MUST) {
            throw new IllegalArgumentException("\"must\", a promotion rule that is not supported");
        }
        return r;
    }

    static Boolean zeroOrOne(String answer) {
        return switch (answer.trim()) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("\"" + Text.line(answer, 40) + "\", not 0 or 1");
        };
    }
}
