package io.gannotebooks.course;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.metrics.MetricsRecorder;
import io.gannotebooks.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much work the notebooks do, from the environment variable GAN_PROFILE: "smoke" for CI (all four
 * notebooks in a few minutes), "quick" (the default: recognisable samples on 2 cores), "full" (real
 * training). Notebooks read sizes from here instead of hard-coding them, so one notebook serves all three.
 *
 * @param trainIterations iterations of the training notebook
 * @param batchSize       its batch size
 * @param refreshEvery    how often its live display redraws
 * @param toyIterations   iterations of the one-dimensional GAN in the maths notebook
 * @param evalSamples     generated images per quality evaluation (analysis notebook, metrics during training)
 * @param metricsEvery    iterations between two quality measurements during training
 * @param labIterations   iterations of each loss in the training notebook's step written out in a cell
 */
public record Profile(String name, int trainIterations, int batchSize, int refreshEvery, int toyIterations,
                      int evalSamples, int metricsEvery, int labIterations) {

    public static final String VARIABLE = "GAN_PROFILE";

    public static Profile smoke() {
        return new Profile("smoke", 24, 8, 6, 3000, 128, 12, 6);
    }

    public static Profile quick() {
        return new Profile("quick", 1200, 16, 50, 4000, 500, 200, 100);
    }

    public static Profile full() {
        return new Profile("full", 5000, 64, 100, 8000, 1000, 500, 100);
    }

    /** The training notebook's run folder, relative to the notebooks: ../runs/course-NAME. */
    public Path runDir() {
        return Path.of("..", "runs", "course-" + name);
    }

    /**
     * What notebook 03 trains in this profile: the library's default recipe, seed 1, sample grids four refreshes
     * apart, a checkpoint every 100 iterations. {@code ./gan train --profile NAME} trains the same, so anyone can
     * reproduce the README's numbers from the command line.
     */
    public TrainingConfig trainingConfig() {
        return TrainingConfig.recipe(1, trainIterations, batchSize).withIntervals(refreshEvery * 4, 100)
                .withMetrics(metricsEvery, evalSamples);
    }

    /** Notebook 03's measurements during training: evalSamples generated against as many real images. */
    public MetricsRecorder metricsRecorder(Path runDir, ImageDataset data) {
        return new MetricsRecorder(runDir, Evaluator.forDataset(data, evalSamples), metricsEvery, evalSamples);
    }

    /** The profile GAN_PROFILE names (default quick); an unknown name is an error, not a silent default. */
    public static Profile current() {
        return named(System.getenv(VARIABLE));
    }

    public static Profile named(String name) {
        if (name == null || name.isBlank()) {
            return quick();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "smoke" -> smoke();
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException(VARIABLE + " must be smoke, quick or full, not '" + name + "'");
        };
    }
}
