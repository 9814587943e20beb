package io.quorch.domain;

import java.util.Locale;

/** orchestrator's promotion rules, best first. */
public enum PromotionRule {
    MUST("must"),
    PREFER("prefer"),
    NEUTRAL("neutral"),
    PREFER_NOT("prefer_not"),
    MUST_NOT("must_not");

    private final String wire;

    PromotionRule(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** "prefer", "neutral", "prefer_not", "must_not" (and "must", which the API refuses). */
    public static PromotionRule parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (PromotionRule r : values()) {
            if (r.wire.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown promotion rule \"" + text
                + "\" (expected prefer, neutral, prefer_not or must_not)");
    }
}
