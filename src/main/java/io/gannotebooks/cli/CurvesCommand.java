package io.gannotebooks.cli;

import io.gannotebooks.metrics.MetricsRecorder;
import io.gannotebooks.metrics.RunCurves;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.Curriculum;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.train.TrainingHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./gan curves --run DIR [--window 500]}: a run's measures over training and its game in windows, as
 * the Markdown tables of docs/convergence.md. Reads the run folder only (no networks), so it works while
 * the run trains.
 */
final class CurvesCommand {
    private final PrintStream out;

    CurvesCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--run", "--window"), Set.of());
        Path dir = a.path("--run", null);
        if (dir == null) {
            throw new UsageException("curves needs --run DIR (a folder ./gan train wrote)");
        }
        int window = a.intValue("--window", 500, 1, Integer.MAX_VALUE);
        Path historyFile = dir.resolve("history.csv");
        if (!Files.isRegularFile(historyFile)) {
            throw missing("no history.csv in " + dir + ": not a run folder");
        }
        TrainingConfig config = Checkpoint.open(dir).config(); // the state only: no network is loaded
        int batch = config.batchSize();
        Curriculum stages = config.schedule().curriculum();
        if (stages.active()) {
            out.println("data: " + stages.describe() + "; each row of the measures is against its stage's images");
            out.println();
        }
        for (String file : List.of(MetricsRecorder.FILE, MetricsRecorder.TRAINED_FILE)) {
            Path metrics = dir.resolve(file);
            if (Files.isRegularFile(metrics)) {
                out.println(file + " (batch " + batch + "):");
                out.println();
                out.print(RunCurves.measures(MetricsRecorder.read(metrics), batch));
                out.println();
            }
        }
        try {
            out.println("history.csv in windows of " + window + " iterations:");
            out.println();
            out.print(RunCurves.game(TrainingHistory.read(historyFile), window));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return 0;
    }

    private static UncheckedIOException missing(String why) {
        return new UncheckedIOException(why, new IOException(why));
    }
}
