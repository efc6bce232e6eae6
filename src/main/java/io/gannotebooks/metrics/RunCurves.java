package io.gannotebooks.metrics;

import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingHistory;
import io.gannotebooks.util.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.Table;

/**
 * A long run as the tables docs/convergence.md prints: its measures every K iterations ({@code metrics.csv})
 * and its game in windows of the history (medians of D(x), D(G(z)), the losses and R1, and how often a
 * single step swung far). Markdown, so the page's numbers come from {@code ./gan curves}, not from hand.
 */
public final class RunCurves {
    /** A step where D rated the real batch below this, or the generated one above {@link #SWING_FAKE}, swung. */
    static final double SWING_REAL = 0.3;
    static final double SWING_FAKE = 0.85;

    private RunCurves() {
    }

    /**
     * One row per measurement: iteration, images seen ({@code batch} per iteration), Fréchet distance,
     * precision, recall, the confident share, the classes with half their share and each class's share.
     */
    public static String measures(Table metrics, int batch) {
        List<String> shares = metrics.columnNames().stream().filter(c -> c.startsWith("share_")).toList();
        List<String> header = new ArrayList<>(List.of("iteration", "images", "Fréchet distance", "precision",
                "recall", "confident", "classes with half their share"));
        if (!shares.isEmpty()) {
            header.add(String.join(" / ", shares.stream().map(s -> s.substring("share_".length())).toList()));
        }
        StringBuilder s = row(header);
        s.append(row(header.stream().map(h -> "---").toList()));
        for (int r = 0; r < metrics.rowCount(); r++) {
            long iteration = (long) metrics.numberColumn("iteration").getDouble(r);
            List<String> cells = new ArrayList<>(List.of(thousands(iteration), thousands(iteration * batch),
                    fixed(metrics, "fd", r), fixed(metrics, "precision", r), fixed(metrics, "recall", r),
                    fixed(metrics, "confident", r)));
            if (metrics.columnNames().contains("classes_covered")) {
                double covered = metrics.numberColumn("classes_covered").getDouble(r);
                cells.add(Double.isNaN(covered) ? "–" : Math.round(covered * shares.size()) + " of " + shares.size());
            } else {
                cells.add("");
            }
            if (!shares.isEmpty()) {
                int row = r;
                cells.add(String.join(" / ", shares.stream().map(c -> fixed(metrics, c, row)).toList()));
            }
            s.append(row(cells));
        }
        return s.toString();
    }

    /** The history in windows of {@code window} iterations: medians, and the steps that swung. */
    public static String game(TrainingHistory history, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("a window needs 1 or more iterations, got " + window);
        }
        List<String> header = List.of("iterations", "median D(x)", "median D(G(z))", "median loss_d", "median loss_g",
                "median R1", "iterations with D(x) < " + SWING_REAL, "with D(G(z)) > " + SWING_FAKE);
        StringBuilder s = row(header);
        s.append(row(header.stream().map(h -> "---").toList()));
        List<StepResult> rows = history.rows();
        for (int start = 0; start < rows.size(); start += window) {
            List<StepResult> w = rows.subList(start, Math.min(rows.size(), start + window));
            s.append(row(List.of(thousands(w.get(0).iteration()) + "–" + thousands(w.get(w.size() - 1).iteration()),
                    median(w, StepResult::dReal), median(w, StepResult::dFake), median(w, StepResult::lossD),
                    median(w, StepResult::lossG), String.format(Locale.ROOT, "%.3f", medianOf(w, StepResult::r1)),
                    String.valueOf(w.stream().filter(x -> x.dReal() < SWING_REAL).count()),
                    String.valueOf(w.stream().filter(x -> x.dFake() > SWING_FAKE).count()))));
        }
        return s.toString();
    }

    private static String median(List<StepResult> rows, ToDoubleFunction<StepResult> value) {
        return String.format(Locale.ROOT, "%.2f", medianOf(rows, value));
    }

    private static double medianOf(List<StepResult> rows, ToDoubleFunction<StepResult> value) {
        return Statistics.median(rows.stream().mapToDouble(value).toArray());
    }

    /** Two decimals, or "–" where the row has no value (a curriculum's stage that did not measure it). */
    private static String fixed(Table t, String column, int row) {
        double v = t.numberColumn(column).getDouble(row);
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** 96 000, as the docs write counts. */
    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    private static StringBuilder row(List<String> cells) {
        return new StringBuilder("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
