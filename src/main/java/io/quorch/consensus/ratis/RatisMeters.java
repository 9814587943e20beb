package io.quorch.consensus.ratis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;


import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.impl.RatisMetricRegistryImpl;
import org.apache.ratis.thirdparty.com.codahale.metrics.Counter;
import org.apache.ratis.thirdparty.com.codahale.metrics.Gauge;
import org.apache.ratis.thirdparty.com.codahale.metrics.Histogram;
import org.apache.ratis.thirdparty.com.codahale.metrics.Metered;
import org.apache.ratis.thirdparty.com.codahale.metrics.Metric;
import org.apache.ratis.thirdparty.com.codahale.metrics.Sampling;
import org.apache.ratis.thirdparty.com.codahale.metrics.Timer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quorch.config.ConfigRules;
import io.quorch.config.RaftConfig;
import io.quorch.metrics.MetricNames;

/**
 * Ratis' own metrics (log flushes, append latencies, elections, the state machine's indexes ...)
 * on /q/metrics beside quorch's: every five seconds the registries Ratis holds are looked at and
 * each metric not yet shown is bound, by member and, when its name carries a peer, by peer; the
 * metrics of a registry Ratis dropped (a role given up) are unbound. Nothing is read from Ratis
 * but when a scrape asks. In single-node mode Ratis holds no registry and nothing is shown.
 * Not a bean: this package is initialised at run time in the native image, where a bean class of
 * it would sit in the image heap; metrics.RatisMetersJob holds it and calls {@link #refresh()}.
 */
public class RatisMeters {

    private static final Logger LOG = Logger.getLogger(RatisMeters.class);
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9]+");

    private final MeterRegistry registry;
    /** The peer ids of the group as they appear in Ratis' metric names. */
    private final List<String> peers;
    /** Per Ratis metric (its registry's prefix and name), the meters bound for it. */
    private final Map<String, List<Meter>> bound = new HashMap<>();

    public RatisMeters(MeterRegistry registry, RaftConfig raft) {
        this.registry = registry;
        List<String> ids = new ArrayList<>();
        for (String node : raft.nodes().orElse(List.of())) {
            ids.add(RatisMembers.id(ConfigRules.normalize(node, raft.defaultPort())).toString());
        }
        this.peers = List.copyOf(ids);
    }

    /** A Ratis metric's name and tags as shown: the peer it names, if any, is taken out into a tag. */
    record Shown(String name, String peer) {
    }

    /** "log_worker" and "127.0.0.1_10008_peerCommitIndex" become "quorch.ratis.log_worker.peer_commit_index", peer 127.0.0.1_10008. */
    static Shown shown(String component, String metric, List<String> peers) {
        String rest = metric;
        String peer = null;
        for (String p : peers) {
            int at = rest.indexOf(p);
            if (at >= 0 && (at == 0 || separator(rest.charAt(at - 1)))
                    && (at + p.length() == rest.length() || separator(rest.charAt(at + p.length())))) {
                peer = p;
                rest = (rest.substring(0, at) + rest.substring(at + p.length())).replaceAll("__+", "_");
                break;
            }
        }
        return new Shown(MetricNames.RATIS_PREFIX + snake(component) + "." + snake(rest), peer);
    }

    private static boolean separator(char c) {
        return c == '_' || c == '.';
    }

    static String snake(String s) {
        String out = NOT_NAME.matcher(CAMEL.matcher(s).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT))
                .replaceAll("_");
        return out.replaceAll("^_+|_+$", "");
    }

    public synchronized void refresh() {
        Set<String> seen = new HashSet<>();
        for (RatisMetricRegistry r : MetricRegistries.global().getMetricRegistries()) {
            if (!(r instanceof RatisMetricRegistryImpl impl)) {
                continue;
            }
            var info = r.getMetricRegistryInfo();
            String member = info.getPrefix();
            String memberPeer = member.contains("@") ? member.substring(0, member.indexOf('@')) : member;
            for (Map.Entry<String, Metric> e : impl.getDropWizardMetricRegistry().getMetrics().entrySet()) {
                String key = member + " " + e.getKey();
                seen.add(key);
                if (!bound.containsKey(key)) {
                    String metric = e.getKey();
                    int cut = metric.lastIndexOf(member);
                    metric = cut >= 0 ? metric.substring(cut + member.length()).replaceFirst("^\\.", "") : metric;
                    Shown s = shown(info.getMetricsComponentName(), metric, peers);
                    Tags tags = Tags.of("member", memberPeer);
                    if (s.peer() != null) {
                        tags = tags.and("peer", s.peer());
                    }
                    bound.put(key, bind(s.name(), tags, e.getValue()));
                }
            }
        }
        bound.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
    }

    private List<Meter> bind(String name, Tags tags, Metric metric) {
        List<Meter> meters = new ArrayList<>();
        try {
            switch (metric) {
                case Gauge<?> g when g.getValue() instanceof Number -> meters.add(io.micrometer.core.instrument.Gauge
                        .builder(name, g, RatisMeters::number).tags(tags).description("Ratis gauge").register(registry));
                case Counter c -> meters.add(FunctionCounter.builder(name, c, Counter::getCount).tags(tags)
                        .description("Ratis counter").register(registry));
                case Timer t -> quantiles(name + ".seconds", tags, t, 1e-9, meters);
                case Histogram h -> quantiles(name, tags, h, 1, meters);
                case Metered m -> meters.add(FunctionCounter.builder(name, m, Metered::getCount).tags(tags)
                        .description("Ratis meter").register(registry));
                default -> {
                    // a gauge of something else than a number: nothing to show
                }
            }
        } catch (IllegalArgumentException e) {
            // the Prometheus registry refuses a name it already holds with other tag keys
            LOG.debugf("Ratis metric %s not shown: %s", name, e.getMessage());
        }
        return meters;
    }

    private void quantiles(String name, Tags tags, Sampling s, double scale, List<Meter> meters) {
        for (int p : new int[] {50, 99}) {
            meters.add(io.micrometer.core.instrument.Gauge
                    .builder(name, s, x -> x.getSnapshot().getValue(p / 100.0) * scale)
                    .tags(tags.and("percentile", Integer.toString(p)))
                    .description("Ratis timer or histogram: a recent percentile").register(registry));
        }
        String events = name.endsWith(".seconds") ? name.substring(0, name.length() - ".seconds".length()) : name;
        if (s instanceof Metered m) {
            meters.add(FunctionCounter.builder(events + ".events", m, Metered::getCount).tags(tags)
                    .description("Ratis timer: events timed").register(registry));
        } else if (s instanceof Histogram h) {
            meters.add(FunctionCounter.builder(events + ".events", h, Histogram::getCount).tags(tags)
                    .description("Ratis histogram: values recorded").register(registry));
        }
    }

    private static double number(Gauge<?> g) {
        return g.getValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
