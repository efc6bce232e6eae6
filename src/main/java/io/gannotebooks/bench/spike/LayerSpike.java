package io.gannotebooks.bench.spike;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.bench.TrainingBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code ./gan bench --spike}: one up-sampling block of the generator (transposed convolution + BatchNorm +
 * ReLU, forward and backward) timed in four implementations — (a) DL4J's layers as the project uses them,
 * the library's own layer over nd4j's custom ops (b) with libnd4j's batch-norm backward and (b') with one
 * written out from reductions and broadcasts, (c) SameDiff — for the design note's two largest blocks.
 *
 * <p>Rounds are interleaved (a, b, b', c, a, b, b', c, ...) so that load from other processes on a shared
 * machine falls on all of them alike; medians over all rounds are reported. One GC runs before every timed step,
 * outside the timing, as the trainer runs one per iteration. Fresh memory per step is counted in page
 * faults (see {@link #minorFaults()}): nd4j's own allocation counters stay at zero on the CPU backend.
 */
public final class LayerSpike {
    private static final long PAGE_BYTES = 4096;

    private LayerSpike() {
    }

    /** The timed steps of one implementation on one block. */
    public record Timing(String implementation, BlockShape shape, double[] seconds, double[] freshBytes,
                         double agreement) {
        public double medianSeconds() {
            return median(seconds);
        }

        public double imagesPerSecond() {
            return shape.batch() / medianSeconds();
        }

        /** FLOP rate of the transposed convolution's forward and backward passes. */
        public double gflopsPerSecond() {
            return shape.stepFlops() / medianSeconds() / 1e9;
        }
    }

    /** Per-part median times, in seconds, of an nd4j-ops block. */
    public record Breakdown(String implementation, List<String> parts, double[] medianSeconds) {
    }

    /** One block's measurements: the timings (DL4J's first) and the nd4j-ops blocks' per-part times. */
    public record BlockResult(BlockShape shape, List<Timing> timings, List<Breakdown> breakdowns) {
        public String report() {
            var out = new StringBuilder();
            double reference = timings.get(0).medianSeconds();
            out.append(String.format(Locale.ROOT, "%nblock %s: transposed conv 4x4 s2 + BatchNorm + ReLU, "
                    + "forward + backward, %.1f GFLOP per step (convolution only)%n", shape.label(),
                    shape.stepFlops() / 1e9));
            out.append(String.format(Locale.ROOT, "  %-20s %9s %8s %8s %9s %8s %9s %13s %10s%n", "", "median ms",
                    "min ms", "max ms", "images/s", "GFLOP/s", "vs DL4J", "fresh MB/step", "max diff"));
            for (Timing t : timings) {
                out.append(String.format(Locale.ROOT, "  %-20s %9.1f %8.1f %8.1f %9.1f %8.1f %8.2fx %13.0f %10.1e%n",
                        t.implementation(), t.medianSeconds() * 1e3, min(t.seconds()) * 1e3,
                        max(t.seconds()) * 1e3, t.imagesPerSecond(), t.gflopsPerSecond(),
                        reference / t.medianSeconds(), median(t.freshBytes()) / 1e6, t.agreement()));
            }
            for (Breakdown b : breakdowns) {
                out.append(String.format(Locale.ROOT, "  %s, per part (median ms):", b.implementation()));
                for (int k = 0; k < b.parts().size(); k++) {
                    out.append(String.format(Locale.ROOT, " %s %.1f%s", b.parts().get(k), b.medianSeconds()[k] * 1e3,
                            k < b.parts().size() - 1 ? "," : ""));
                }
                out.append(String.format(Locale.ROOT, " (sum %.1f)%n", Arrays.stream(b.medianSeconds()).sum() * 1e3));
            }
            return out.toString();
        }
    }

    /** What the numbers below it mean and how they were taken. */
    public static String header(int rounds, int iterations) {
        return String.format(Locale.ROOT, "backend:     %s%nmethod:      %d interleaved rounds x %d steps per "
                + "implementation (after warm-up), median; one GC before each step, untimed%n",
                Backend.describe().line(), rounds, iterations);
    }

    public static String footer() {
        long peak = TrainingBenchmark.peakRss();
        return String.format(Locale.ROOT, "%n\"vs DL4J\": DL4J's median time / this one's (higher is faster). "
                + "\"max diff\": largest |difference| / largest |value| against DL4J's output and gradients (float). "
                + "\"fresh MB/step\": pages the kernel had to zero and map during a step (minor page faults x 4 KiB).%n"
                + "peak memory: %s resident (the whole process)",
                peak < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peak / 1e6));
    }

    /**
     * Times the block {@code shape} in every implementation: one checked step each (also a warm-up), {@code
     * warmup} more, then {@code rounds} interleaved rounds of {@code iterations} steps each.
     */
    public static BlockResult measure(BlockShape shape, int rounds, int iterations, int warmup) {
        var data = shape.randomData(42, DataType.FLOAT);
        List<DeconvBlock> impls = List.of(new Dl4jLayerBlock(data), new NativeOpsBlock(data),
                new NativeOpsBlock(data, true), new SameDiffBlock(data));
        double[] agreement = new double[impls.size()];
        for (int k = 0; k < impls.size(); k++) {
            impls.get(k).step();
            agreement[k] = BlockComparison.worst(impls.get(k), impls.get(0));
        }
        for (int w = 0; w < warmup; w++) {
            impls.forEach(DeconvBlock::step);
        }
        int n = rounds * iterations;
        double[][] seconds = new double[impls.size()][n];
        double[][] freshBytes = new double[impls.size()][n];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < impls.size(); k++) {
                for (int i = 0; i < iterations; i++) {
                    System.gc();
                    long faultsBefore = minorFaults();
                    long start = System.nanoTime();
                    impls.get(k).step();
                    seconds[k][r * iterations + i] = (System.nanoTime() - start) / 1e9;
                    freshBytes[k][r * iterations + i] = (minorFaults() - faultsBefore) * PAGE_BYTES;
                }
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < impls.size(); k++) {
            timings.add(new Timing(impls.get(k).name(), shape, seconds[k], freshBytes[k], agreement[k]));
        }
        return new BlockResult(shape, timings, List.of(breakdown((NativeOpsBlock) impls.get(1), n),
                breakdown((NativeOpsBlock) impls.get(2), n)));
    }

    /** Per-part medians of an nd4j-ops block over {@code steps} further steps. */
    private static Breakdown breakdown(NativeOpsBlock block, int steps) {
        List<String> names = block.partNames();
        double[][] samples = new double[names.size()][steps];
        for (int i = 0; i < steps; i++) {
            long[] nanos = new long[names.size()];
            System.gc();
            block.step(nanos);
            for (int k = 0; k < names.size(); k++) {
                samples[k][i] = nanos[k] / 1e9;
            }
        }
        double[] medians = new double[names.size()];
        for (int k = 0; k < names.size(); k++) {
            medians[k] = median(samples[k]);
        }
        return new Breakdown(block.name(), names, medians);
    }

    /**
     * The process's minor page faults so far (/proc/self/stat, field 10), or 0 where there is no /proc. Each
     * one is a fresh 4 KiB page the kernel zeroed and mapped: memory allocated anew and touched. Freed native
     * memory that malloc hands back to the kernel faults again when reused, so this counts what a step costs
     * in fresh pages, whoever allocated them (nd4j's arrays, oneDNN's scratch, the JVM).
     */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]); // fields[0] is field 3 (state)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
