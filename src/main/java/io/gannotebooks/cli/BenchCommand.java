package io.gannotebooks.cli;

import io.gannotebooks.bench.LayerComparison;
import io.gannotebooks.bench.ReplayExport;
import io.gannotebooks.bench.TrainingBenchmark;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.model.LayerEngine;
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
        if (argv.contains("--compare-layers")) {
            return compareLayers(argv);
        }
        Args a = Args.parse(argv, Set.of("--batch", "--iterations", "--warmup", "--export-replay", "--layers"),
                Set.of("--json", "--layer-times"));
        LayerEngine layers = layers(a);
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
        TrainingConfig config = TrainingConfig.dcgan(1, warmup + timed, batch);
        StringBuilder layerTimes = a.has("--layer-times") ? new StringBuilder() : null;
        var result = TrainingBenchmark.run(config, ShapesDataset.standard(), layers, warmup, timed, layerTimes);
        out.println(a.has("--json") ? result.json() : result.report());
        if (layerTimes != null) {
            // the native layers report to the clock; DL4J's layers show up only as "the rest"
            out.print(layerTimes);
        }
        return 0;
    }

    static LayerEngine layers(Args a) {
        try {
            return a.has("--layers") ? LayerEngine.parse(a.string("--layers", "")) : LayerEngine.configured();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    /** {@code --compare-layers}: the training step on DL4J's layers and on the native ones, interleaved. */
    private int compareLayers(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--batch", "--rounds", "--iterations", "--warmup"), Set.of("--compare-layers"));
        List<Integer> batches = new java.util.ArrayList<>();
        for (String b : a.string("--batch", "16,64").split(",")) {
            try {
                int n = Integer.parseInt(b.trim());
                if (n < 1 || n > 4096) {
                    throw new NumberFormatException();
                }
                batches.add(n);
            } catch (NumberFormatException e) {
                throw new UsageException("--batch takes batch sizes from 1 to 4096, e.g. 16,64; got '" + b + "'");
            }
        }
        int rounds = a.intValue("--rounds", 3, 1, 1000);
        int iterations = a.intValue("--iterations", 2, 1, 1000);
        int warmup = a.intValue("--warmup", 1, 0, 1000);
        out.printf(java.util.Locale.ROOT, "the training step on DL4J's layers and on the native ones, interleaved:"
                + " %d rounds of %d iterations each after %d warm-up; %s%n", rounds, iterations, warmup,
                io.gannotebooks.backend.Backend.describe().line());
        for (int batch : batches) {
            var row = LayerComparison.measure(ShapesDataset.standard(), batch, warmup, rounds, iterations);
            out.println(row.report());
            out.flush();
        }
        out.printf(java.util.Locale.ROOT, "peak resident memory of this process (both engines at once): %.0f MB%n",
                TrainingBenchmark.peakRss() / 1e6);
        out.println("on a shared machine only the ratios mean something: both engines run alternately under the same load");
        return 0;
    }
}
