package io.quorch.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of a /q/metrics answer (Prometheus' text format). */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** The sum of the samples of this metric whose labels include these (0 when there is none). */
    public static double sum(String scrape, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> has = new HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    has.put(l.group(1), l.group(2));
                }
            }
            if (has.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return total;
    }
}
