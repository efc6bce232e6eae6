package io.gannotebooks.bench;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.LayerEngine;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.Statistics;
import java.util.Locale;

/**
 * The whole training step on DL4J's layers against the library's own, in one process and interleaved
 * (a round of one, a round of the other, the order swapped every round), so that whatever else the
 * machine runs weighs on both alike: on a shared machine only the ratio means something.
 */
public final class LayerComparison {
    private LayerComparison() {
    }

    /** Per-iteration wall-clock seconds of each engine at one batch size. */
    public record Row(int batch, double[] dl4jSeconds, double[] nativeSeconds, String nativeLayers) {
        public double dl4jMedian() {
            return Statistics.median(dl4jSeconds);
        }

        public double nativeMedian() {
            return Statistics.median(nativeSeconds);
        }

        /** How many times faster the native layers are: DL4J's median time over theirs. */
        public double speedup() {
            return dl4jMedian() / nativeMedian();
        }

        public String report() {
            return String.format(Locale.ROOT,
                    "batch %3d: DL4J layers %.3f s/it (%.1f img/s), native layers %.3f s/it (%.1f img/s):"
                            + " native %.2fx as fast (%d iterations each)",
                    batch, dl4jMedian(), batch / dl4jMedian(), nativeMedian(), batch / nativeMedian(), speedup(),
                    dl4jSeconds.length);
        }
    }

    /**
     * @param rounds     rounds of {@code iterations} timed steps per engine, after {@code warmup} steps each
     */
    public static Row measure(ImageDataset data, int batch, int warmup, int rounds, int iterations) {
        TrainingConfig config = TrainingConfig.dcgan(1, warmup + (long) rounds * iterations, batch);
        GanTrainer dl4j = new GanTrainer(config, data, LayerEngine.DL4J);
        GanTrainer own = new GanTrainer(config, data, LayerEngine.NATIVE);
        for (int i = 0; i < warmup; i++) {
            dl4j.iterate();
            own.iterate();
        }
        double[] a = new double[rounds * iterations];
        double[] b = new double[rounds * iterations];
        for (int r = 0; r < rounds; r++) {
            boolean dl4jFirst = r % 2 == 0;
            time(dl4jFirst ? dl4j : own, dl4jFirst ? a : b, r * iterations, iterations);
            time(dl4jFirst ? own : dl4j, dl4jFirst ? b : a, r * iterations, iterations);
        }
        return new Row(batch, a, b, TrainingBenchmark.layers(own));
    }

    private static void time(GanTrainer trainer, double[] into, int from, int count) {
        for (int i = from; i < from + count; i++) {
            long start = System.nanoTime();
            trainer.iterate();
            into[i] = (System.nanoTime() - start) / 1e9;
        }
    }
}
