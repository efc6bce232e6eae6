package io.gannotebooks.metrics;

import io.gannotebooks.model.Generator;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingListener;
import io.gannotebooks.util.Files2;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Measures the generator every K iterations while it trains and appends a row to {@code metrics.csv} in
 * the run folder: iteration, then one column per measure key ("fd", "kid", "precision", ...), then the
 * seconds the measurement took. history.csv is left as it is.
 *
 * <p>What is measured is what draws the samples ({@link GanTrainer#sampler()}): the running average of G's
 * weights when the run keeps one. {@link #ofTrainedGenerator} measures G itself into {@code
 * metrics-trained.csv} beside it, so a run with an average has the same curve as the same run without one
 * (the average never changes training) and the average's gain reads off the two files.
 *
 * <p>Every row measures the same noise (seed of the run, {@link Evaluator#NOISE_STREAM}) against the same
 * real images, so the curve shows the generator changing, not the sample. Generating is inference only:
 * parameters, BatchNorm statistics and random streams of training are untouched, so a run with the recorder
 * trains exactly as one without. The pixel-space memorisation search is left out, being the slow part.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.forDataset(data, 256);
 * trainer.addListener(new MetricsRecorder(runDir, evaluator, 200, 256));
 * }</pre>
 */
public final class MetricsRecorder implements TrainingListener {
    public static final String FILE = "metrics.csv";
    /** The trained generator's measures, in a run whose samples come from the running average. */
    public static final String TRAINED_FILE = "metrics-trained.csv";

    private final Path file;
    private final Function<GanTrainer, Generator> subject;
    private final Evaluator evaluator;
    private final int every;
    private final int count;
    private String header;
    private BufferedWriter out;

    /**
     * @param every measure after every this many iterations (and after the last one)
     * @param count generated images per measurement: 256 take a few seconds on 2 cores, mostly G's forward pass
     */
    public MetricsRecorder(Path runDir, Evaluator evaluator, int every, int count) {
        this(runDir.resolve(FILE), GanTrainer::sampler, evaluator, every, count);
    }

    /** Measures the trained generator, not the average that draws the samples, into {@link #TRAINED_FILE}. */
    public static MetricsRecorder ofTrainedGenerator(Path runDir, Evaluator evaluator, int every, int count) {
        return new MetricsRecorder(runDir.resolve(TRAINED_FILE), GanTrainer::generator, evaluator, every, count);
    }

    private MetricsRecorder(Path file, Function<GanTrainer, Generator> subject, Evaluator evaluator, int every,
                            int count) {
        if (every < 1) {
            throw new IllegalArgumentException("measure every 1 or more iterations, got " + every);
        }
        this.file = file;
        this.subject = subject;
        this.evaluator = evaluator.withoutMemorisation();
        this.every = every;
        this.count = count;
    }

    public Path file() {
        return file;
    }

    /** A metrics.csv as a table, for notebooks. */
    public static Table read(Path metricsCsv) {
        try {
            return Table.read().csv(CsvReadOptions.builder(metricsCsv.toFile()).tableName("metrics").build());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read " + metricsCsv + ": " + e.getMessage(), e));
        }
    }

    /**
     * Keeps the rows up to the trainer's iteration: after a resume, later rows belong to a future that is
     * recomputed (and measured again). A run that resumes at a measurement's iteration without its row (the process
     * was killed between the checkpoint and the row) measures it first: the networks are those it would have measured.
     */
    @Override
    public void onStart(GanTrainer trainer) {
        long lastRow = -1;
        try {
            header = null;
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    header = lines.get(0);
                    List<String> kept = new ArrayList<>(List.of(header));
                    lines.stream().skip(1).filter(l -> !l.isBlank() && iterationOf(l) <= trainer.iteration())
                            .forEach(kept::add);
                    lastRow = kept.size() > 1 ? iterationOf(kept.get(kept.size() - 1)) : -1;
                    String text = kept.stream().map(l -> l + "\n").collect(Collectors.joining());
                    Files2.writeAtomically(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        long now = trainer.iteration();
        if (now > 0 && now % every == 0 && lastRow < now) {
            measure(trainer);
        }
    }

    @Override
    public void onStep(GanTrainer trainer, StepResult result) {
        if (trainer.iteration() % every == 0 || trainer.finished()) {
            measure(trainer);
        }
    }

    /** Measures what the trainer draws now and appends the row of its iteration. */
    private void measure(GanTrainer trainer) {
        long iteration = trainer.iteration();
        long start = System.nanoTime();
        Evaluation e = evaluator.evaluate(subject.apply(trainer), count, trainer.config().seed());
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> columns = new ArrayList<>(List.of("iteration"));
        List<String> values = new ArrayList<>(List.of(Long.toString(iteration)));
        e.measures().forEach(m -> {
            columns.add(m.key());
            values.add(Double.toString(m.value()));
        });
        columns.add("seconds");
        values.add(Double.toString(seconds));
        try {
            if (header == null) {
                header = String.join(",", columns);
                out.write(header);
                out.newLine();
            } else if (!header.equals(String.join(",", columns))) {
                widen(columns);
            }
            List<String> names = List.of(header.split(","));
            out.write(names.stream().map(c -> columns.contains(c) ? values.get(columns.indexOf(c)) : "")
                    .collect(Collectors.joining(",")));
            out.newLine();
            out.flush(); // a crash loses at most the measurement in progress
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void onEnd(GanTrainer trainer) {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the file the columns of both its header and {@code columns}, the rows so far blank in the new ones. A
     * curriculum's stages measure against their own images, and one class measures no class entropy where five do.
     */
    private void widen(List<String> columns) throws IOException {
        List<String> before = List.of(header.split(",", -1));
        List<String> after = new ArrayList<>(before.subList(0, before.size() - 1)); // "seconds" stays last
        columns.stream().filter(c -> !after.contains(c) && !c.equals("seconds")).forEach(after::add);
        after.add("seconds");
        out.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(String.join(",", after)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                List<String> cells = List.of(line.split(",", -1));
                text.append(after.stream().map(c -> before.contains(c) && before.indexOf(c) < cells.size()
                        ? cells.get(before.indexOf(c)) : "").collect(Collectors.joining(","))).append('\n');
            }
        }
        Files2.writeAtomically(file, o -> o.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        header = String.join(",", after);
    }

    private static long iterationOf(String line) {
        int comma = line.indexOf(',');
        return Long.parseLong(comma < 0 ? line : line.substring(0, comma));
    }
}
