package io.gannotebooks.metrics;

import java.util.Locale;

/**
 * What a measure should reach for a good generator, where a fixed threshold makes sense: "≥ 0.9", "≤ 0.1".
 * Distances such as the Fréchet distance have none: their scale depends on the feature space, and their
 * yardstick is the same measure between two real sets (see {@link ReferenceSets}).
 */
public record Target(Direction direction, double limit) {
    public enum Direction { AT_LEAST, AT_MOST }

    public static Target atLeast(double limit) {
        return new Target(Direction.AT_LEAST, limit);
    }

    public static Target atMost(double limit) {
        return new Target(Direction.AT_MOST, limit);
    }

    public boolean metBy(double value) {
        return direction == Direction.AT_LEAST ? value >= limit : value <= limit;
    }

    public String text() {
        return String.format(Locale.ROOT, "%s %s", direction == Direction.AT_LEAST ? "≥" : "≤", Measure.format(limit));
    }
}
