package io.gannotebooks.metrics;

import io.gannotebooks.util.Files2;
import io.gannotebooks.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The measures of one set of generated images: what {@code ./gan evaluate} prints and writes, and what a
 * notebook displays. {@link #table()} for reading, {@link #writeTo(Path)} for evaluation.csv and .json.
 *
 * @param subject        what was evaluated, e.g. "checkpoint runs/shapes/checkpoint at iteration 600"
 * @param dataset        the real data's name
 * @param featureSpace   the features the distances were measured in
 * @param generatedCount generated images measured
 * @param realCount      real images per reference set
 * @param measures       the rows, in reading order
 * @param classes        how the generated images spread over the shape classes (shapes dataset only)
 */
public record Evaluation(String subject, String dataset, String featureSpace, int generatedCount, int realCount,
                         List<Measure> measures, Optional<ClassHistogram> classes) {

    public Evaluation {
        measures = List.copyOf(measures);
    }

    public Evaluation withSubject(String newSubject) {
        return new Evaluation(newSubject, dataset, featureSpace, generatedCount, realCount, measures, classes);
    }

    /** The row with this key. */
    public Measure measure(String key) {
        return measures.stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no measure '" + key + "' in this evaluation; "
                        + "it has " + measures.stream().map(Measure::key).collect(Collectors.joining(", "))));
    }

    public double value(String key) {
        return measure(key).value();
    }

    /** One row per measure: its name, value, the real-vs-real yardstick, the target and whether it is met. */
    public Table table() {
        Table t = Table.create(subject + " vs " + realCount + " real images of " + dataset,
                StringColumn.create("measure"), DoubleColumn.create("value"), DoubleColumn.create("real vs real"),
                StringColumn.create("target"), StringColumn.create("met"));
        for (Measure m : measures) {
            t.stringColumn("measure").append(m.name());
            t.doubleColumn("value").append(round(m.value()));
            t.doubleColumn("real vs real").append(round(m.realVsReal()));
            t.stringColumn("target").append(m.target().map(Target::text).orElse(""));
            t.stringColumn("met").append(m.met().map(ok -> ok ? "yes" : "NO").orElse(""));
        }
        return t;
    }

    /** key,measure,value,real_vs_real,target,met,meaning; numbers as {@link Double#toString}, empty for none. */
    public String csv() {
        StringBuilder out = new StringBuilder("key,measure,value,real_vs_real,target,met,meaning\n");
        for (Measure m : measures) {
            out.append(String.join(",", m.key(), csvText(m.name()), number(m.value()), number(m.realVsReal()),
                    csvText(m.target().map(Target::text).orElse("")), m.met().map(String::valueOf).orElse(""),
                    csvText(m.meaning()))).append('\n');
        }
        return out.toString();
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"subject\": ").append(Json.text(subject)).append(",\n");
        out.append("  \"dataset\": ").append(Json.text(dataset)).append(",\n");
        out.append("  \"feature_space\": ").append(Json.text(featureSpace)).append(",\n");
        out.append("  \"generated_images\": ").append(generatedCount).append(",\n");
        out.append("  \"real_images_per_set\": ").append(realCount).append(",\n");
        classes.ifPresent(h -> {
            List<String> names = ClassHistogram.classNames();
            int[] counts = h.counts();
            out.append("  \"class_counts\": {");
            for (int c = 0; c < counts.length; c++) {
                out.append(c == 0 ? "" : ", ").append(Json.text(names.get(c))).append(": ").append(counts[c]);
            }
            out.append("},\n");
        });
        out.append("  \"measures\": [\n");
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            out.append("    {\"key\": ").append(Json.text(m.key()))
                    .append(", \"name\": ").append(Json.text(m.name()))
                    .append(", \"value\": ").append(jsonNumber(m.value()))
                    .append(", \"real_vs_real\": ").append(jsonNumber(m.realVsReal()));
            m.target().ifPresent(t -> out.append(", \"target\": {\"")
                    .append(t.direction() == Target.Direction.AT_LEAST ? "at_least" : "at_most")
                    .append("\": ").append(jsonNumber(t.limit())).append("}"));
            m.met().ifPresent(ok -> out.append(", \"met\": ").append(ok));
            out.append(", \"meaning\": ").append(Json.text(m.meaning())).append("}")
                    .append(i + 1 < measures.size() ? ",\n" : "\n");
        }
        out.append("  ]\n}\n");
        return out.toString();
    }

    /** Writes evaluation.csv and evaluation.json into {@code dir}, each atomically. */
    public void writeTo(Path dir) {
        write(dir.resolve("evaluation.csv"), csv());
        write(dir.resolve("evaluation.json"), json());
    }

    private static void write(Path file, String text) {
        try {
            Files2.writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Four significant digits: enough to read, few enough for a table. */
    private static double round(double v) {
        return Double.isFinite(v) && v != 0 ? Double.parseDouble(Measure.format(v)) : v;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
