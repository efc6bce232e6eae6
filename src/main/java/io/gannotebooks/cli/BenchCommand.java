package io.gannotebooks.cli;

import io.gannotebooks.bench.ReplayExport;
import io.gannotebooks.bench.TrainingBenchmark;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.train.DiscriminatorBatches;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./gan bench}: training throughput of the design note's networks on this machine. */
final class BenchCommand {
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--batch", "--iterations", "--warmup", "--d-batches", "--export-replay"),
                Set.of("--json"));
        int batch = a.intValue("--batch", 64, 1, 4096);
        int timed = a.intValue("--iterations", 10, 1, 100_000);
        int warmup = a.intValue("--warmup", 3, 0, 100_000);
        var mode = DiscriminatorBatches.parse(a.string("--d-batches", "separate"));
        if (a.has("--export-replay")) {
            // for bench/replay.py: the first --iterations steps of a run, to be replayed in PyTorch
            TrainingConfig replay = TrainingConfig.defaults(1, timed, batch).withDiscriminatorBatches(mode);
            Path folder = a.path("--export-replay", null);
            Files2.requireWritableFolder(folder); // before the steps are run
            try {
                ReplayExport.write(replay, ShapesDataset.standard(), folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the replay to " + folder + ": " + Files2.reason(e), e);
            }
            return 0;
        }
        TrainingConfig config = TrainingConfig.defaults(1, warmup + timed, batch).withDiscriminatorBatches(mode);
        var result = TrainingBenchmark.run(config, ShapesDataset.standard(), warmup, timed);
        out.println(a.has("--json") ? result.json() : result.report());
        return 0;
    }
}
