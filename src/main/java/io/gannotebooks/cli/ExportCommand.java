package io.gannotebooks.cli;

import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.ExportedGenerator;
import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./gan export}: a run's drawing generator for inference alone, with its provenance
 * ({@link ExportedGenerator}). The measures of the run's latest {@code ./gan evaluate} go with it, so the
 * numbers quoted for the generator travel with its weights.
 */
final class ExportCommand {
    private final PrintStream out;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--checkpoint", "--out", "--command"), Set.of());
        Path dir = a.path("--checkpoint", null);
        Path target = a.path("--out", null);
        if (dir == null || target == null) {
            throw new UsageException("export needs --checkpoint DIR and --out FOLDER");
        }
        Files2.requireWritableFolder(target);
        Checkpoint checkpoint = Checkpoint.open(dir);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("command", a.string("--command", "./gan train --out " + dir + " …"));
        extra.putAll(evaluation(checkpoint.dir().toAbsolutePath().getParent().resolve("evaluation.csv")));
        try {
            ExportedGenerator.export(checkpoint, target, extra);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + target + ": " + e.getMessage(), e);
        }
        out.println("exported the generator of " + checkpoint.dir() + " at iteration " + checkpoint.iteration()
                + " to " + target + (extra.size() > 1 ? ", with its evaluation" : ""));
        return 0;
    }

    /** evaluation.csv's values as "evaluation.KEY" = value (none when the run was not evaluated). */
    private static Map<String, String> evaluation(Path csv) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return values;
        }
        try {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                // key, measure (quoted when it holds commas), value, …: split on the commas outside quotes
                String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
                if (f.length > 2 && f[0].matches("[a-z_0-9]+")) {
                    values.put("evaluation." + f[0], f[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return values;
    }
}
