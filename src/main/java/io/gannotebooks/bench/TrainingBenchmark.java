package io.gannotebooks.bench;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.layers.LayerClock;
import io.gannotebooks.model.LayerEngine;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.ResidentMemory;
import io.gannotebooks.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.gannotebooks.util.Statistics;
import java.util.Arrays;
import java.util.Locale;

/** Times whole training iterations after warm-up; reports throughput, FLOP rate and peak memory. */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    /**
     * @param seconds wall-clock seconds of each timed iteration
     * @param flopsPerIteration from {@link FlopCount#iteration}
     * @param peakRssBytes the process's peak resident memory (VmHWM), or -1 where /proc is absent
     */
    public record Result(TrainingConfig config, double[] seconds, double flopsPerIteration, long peakRssBytes,
                         String backend, String workspaces, String layers) {
        public double medianSeconds() {
            return Statistics.median(seconds);
        }

        public double imagesPerSecond() {
            return config.batchSize() / medianSeconds();
        }

        public double gflopsPerSecond() {
            return flopsPerIteration / medianSeconds() / 1e9;
        }

        /** One line of JSON, for bench/side_by_side.py. */
        public String json() {
            return String.format(Locale.ROOT, "{\"framework\": \"dl4j\", \"layers\": \"%s\", \"precision\": \"%s\", \"batch\": %d, "
                            + "\"median_s\": %.4f, \"images_per_s\": %.2f, \"gflops\": %.1f, "
                            + "\"gflop_per_iteration\": %.2f, \"peak_rss_mb\": %.0f, \"seconds\": %s}",
                    layers, config.definition().precision(), config.batchSize(), medianSeconds(), imagesPerSecond(), gflopsPerSecond(),
                    flopsPerIteration / 1e9, peakRssBytes / 1e6, Arrays.toString(seconds));
        }

        public String report() {
            double min = Arrays.stream(seconds).min().orElse(Double.NaN);
            double max = Arrays.stream(seconds).max().orElse(Double.NaN);
            int b = config.batchSize();
            return String.format(Locale.ROOT, String.join("%n",
                            "backend:     %s",
                            "layers:      %s",
                            "precision:   %s",
                            "workspaces:  %s",
                            "batch %d, %d timed iterations (after warm-up)",
                            "iteration:   median %.3f s (min %.3f, max %.3f)",
                            "images/s:    median %.1f (min %.1f, max %.1f)",
                            "compute:     %.1f GFLOP per iteration, %.1f GFLOP/s achieved",
                            "peak memory: %s resident"),
                    backend, layers, config.definition().precision().description(), workspaces, b, seconds.length,
                    medianSeconds(), min, max, imagesPerSecond(), b / max, b / min,
                    flopsPerIteration / 1e9, gflopsPerSecond(),
                    peakRssBytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peakRssBytes / 1e6));
        }
    }

    public static Result run(TrainingConfig config, ImageDataset data, int warmup, int timed) {
        return run(config, data, warmup, timed, null);
    }

    /**
     * The same; with {@code layerTimes} not null, a {@link LayerClock} runs over the timed iterations and its
     * table (milliseconds per iteration per layer) is appended there.
     */
    public static Result run(TrainingConfig config, ImageDataset data, int warmup, int timed,
                             StringBuilder layerTimes) {
        GanTrainer trainer = new GanTrainer(config.withIterations(warmup + timed), data);
        for (int i = 0; i < warmup; i++) {
            trainer.iterate();
        }
        LayerClock clock = layerTimes == null ? null : LayerClock.start();
        try {
            return timed(trainer, config, timed, clock, layerTimes);
        } finally {
            LayerClock.stop();
        }
    }

    private static Result timed(GanTrainer trainer, TrainingConfig config, int timed, LayerClock clock,
                                StringBuilder layerTimes) {
        double[] seconds = new double[timed];
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            trainer.iterate();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        if (clock != null) {
            layerTimes.append(clock.report(timed, Arrays.stream(seconds).sum()));
        }
        return new Result(config, seconds, FlopCount.iteration(config.definition().generator(), config.definition().discriminator(),
                config.batchSize()), peakRss(), Backend.describe().line(), workspaceModes(trainer), layers(trainer));
    }

    /** "native", or "dl4j" with the reason when the native layers were asked for but cannot run a network. */
    static String layers(GanTrainer trainer) {
        var g = trainer.generator();
        var d = trainer.discriminator();
        String text = g.layerEngine() == d.layerEngine() ? g.layerEngine().toString()
                : "G " + g.layerEngine() + ", D " + d.layerEngine();
        for (String note : new String[]{g.layerEngineNote(), d.layerEngineNote()}) {
            if (note != null) {
                text += " (" + note + ")";
            }
        }
        return text;
    }

    /** When the training loop collects garbage ({@link ResidentMemory#GARBAGE_ALLOWANCE}). */
    private static final String COLLECTION_RULE = "a GC when resident memory grew "
            + (ResidentMemory.GARBAGE_ALLOWANCE >> 20) + " MB";

    static String workspaceModes(GanTrainer trainer) {
        if (trainer.generator().layerEngine() == LayerEngine.NATIVE
                && trainer.discriminator().layerEngine() == LayerEngine.NATIVE) {
            return "none: the native layers allocate their buffers once per batch size; " + COLLECTION_RULE;
        }
        var g = trainer.generator().network().getLayerWiseConfigurations();
        var d = trainer.discriminator().network().getLayerWiseConfigurations();
        return String.format("training G %s, D %s; %s", g.getTrainingWorkspaceMode(), d.getTrainingWorkspaceMode(),
                COLLECTION_RULE);
    }

    /** VmHWM from /proc/self/status: the most resident memory this process ever had. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report unknown
        }
        return -1;
    }
}
