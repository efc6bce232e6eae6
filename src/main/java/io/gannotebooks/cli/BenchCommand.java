package io.gannotebooks.cli;

import io.gannotebooks.bench.ReplayExport;
import io.gannotebooks.bench.TrainingBenchmark;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.layers.Precision;
import io.gannotebooks.train.RunDefinition;
import io.gannotebooks.train.Schedule;
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
        Args a = Args.parse(argv, Set.of("--batch", "--iterations", "--warmup", "--export-replay", "--precision"),
                Set.of("--json", "--layer-times"));
        int batch = a.intValue("--batch", 64, 1, 4096);
        int timed = a.intValue("--iterations", 10, 1, 100_000);
        int warmup = a.intValue("--warmup", 3, 0, 100_000);
        if (a.has("--export-replay")) {
            // for bench/replay.py: the first --iterations steps of a run, to be replayed in PyTorch
            TrainingConfig replay = TrainingConfig.dcgan(1, timed, batch);
            Path folder = a.path("--export-replay", null);
            Files2.requireWritableFolder(folder); // before the steps are run
            try {
                ReplayExport.write(replay, ShapesDataset.standard(), folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the replay to " + folder + ": " + Files2.reason(e), e);
            }
            return 0;
        }
        Precision precision = a.parsed("--precision", Precision.forThisMachine(), Precision::parse);
        precision.requireAvailable();
        var definition = RunDefinition.dcgan().batchSize(batch).precision(precision).build();
        TrainingConfig config = new TrainingConfig(definition, Schedule.of(warmup + timed));
        StringBuilder layerTimes = a.has("--layer-times") ? new StringBuilder() : null;
        var result = TrainingBenchmark.run(config, ShapesDataset.standard(), warmup, timed, layerTimes);
        out.println(a.has("--json") ? result.json() : result.report());
        if (layerTimes != null) {
            // the native layers report to the clock; DL4J's layers show up only as "the rest"
            out.print(layerTimes);
        }
        return 0;
    }
}
