package io.gannotebooks.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of an evaluation.
 *
 * @param key        a short machine name: CSV column, JSON key ("fd", "precision", ...)
 * @param name       what a reader sees, naming the feature space where there is one
 * @param value      the generated images' score
 * @param realVsReal the same measure between two real sets of the same size: what a perfect generator
 *                   would score here. NaN where it does not apply
 * @param target     a fixed threshold, if the measure has one
 * @param meaning    how to read the number, in a few words
 */
public record Measure(String key, String name, double value, double realVsReal, Optional<Target> target,
                      String meaning) {

    /** Whether the target is met; empty without a target. */
    public Optional<Boolean> met() {
        return target.map(t -> t.metBy(value));
    }

    /** Four significant digits, plain notation for the ranges met here, "—" for NaN. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
