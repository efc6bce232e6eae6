package io.gannotebooks.cli;

import io.gannotebooks.bench.ReplayExport;
import io.gannotebooks.bench.TrainingBenchmark;
import io.gannotebooks.bench.spike.BlockShape;
import io.gannotebooks.bench.spike.LayerSpike;
import io.gannotebooks.data.ShapesDataset;
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
        if (argv.contains("--spike")) {
            return spike(argv);
        }
        Args a = Args.parse(argv, Set.of("--batch", "--iterations", "--warmup", "--export-replay"),
                Set.of("--json"));
        int batch = a.intValue("--batch", 64, 1, 4096);
        int timed = a.intValue("--iterations", 10, 1, 100_000);
        int warmup = a.intValue("--warmup", 3, 0, 100_000);
        if (a.has("--export-replay")) {
            // for bench/replay.py: the first --iterations steps of a run, to be replayed in PyTorch
            TrainingConfig replay = TrainingConfig.defaults(1, timed, batch);
            Path folder = a.path("--export-replay", null);
            Files2.requireWritableFolder(folder); // before the steps are run
            try {
                ReplayExport.write(replay, ShapesDataset.standard(), folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the replay to " + folder + ": " + Files2.reason(e), e);
            }
            return 0;
        }
        TrainingConfig config = TrainingConfig.defaults(1, warmup + timed, batch);
        var result = TrainingBenchmark.run(config, ShapesDataset.standard(), warmup, timed);
        out.println(a.has("--json") ? result.json() : result.report());
        return 0;
    }

    /** {@code --spike}: one generator block in several implementations (issue 13), see {@link LayerSpike}. */
    private int spike(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--batch", "--rounds", "--iterations", "--warmup", "--blocks"),
                Set.of("--spike"));
        int batch = a.intValue("--batch", 64, 1, 4096);
        int rounds = a.intValue("--rounds", 3, 1, 1000);
        int iterations = a.intValue("--iterations", 3, 1, 1000);
        int warmup = a.intValue("--warmup", 1, 0, 1000);
        List<BlockShape> blocks = switch (a.string("--blocks", "both")) {
            case "first" -> List.of(BlockShape.first(batch));
            case "second" -> List.of(BlockShape.second(batch));
            case "both" -> List.of(BlockShape.first(batch), BlockShape.second(batch));
            default -> throw new UsageException("--blocks must be first, second or both, got '"
                    + a.string("--blocks", "") + "'");
        };
        out.print(LayerSpike.header(rounds, iterations));
        for (BlockShape block : blocks) {
            // each block's table as soon as it is measured: a run takes minutes on a shared machine
            out.print(LayerSpike.measure(block, rounds, iterations, warmup).report());
            out.flush();
        }
        out.println(LayerSpike.footer());
        return 0;
    }
}
