package io.gannotebooks.course;

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
 */
public record Profile(String name, int trainIterations, int batchSize, int refreshEvery, int toyIterations,
                      int evalSamples, int metricsEvery) {

    public static final String VARIABLE = "GAN_PROFILE";

    public static Profile smoke() {
        return new Profile("smoke", 24, 8, 6, 3000, 128, 12);
    }

    public static Profile quick() {
        return new Profile("quick", 1200, 16, 50, 4000, 500, 200);
    }

    public static Profile full() {
        return new Profile("full", 5000, 64, 100, 8000, 1000, 500);
    }

    /** The training notebook's run folder, relative to the notebooks: ../runs/course-NAME. */
    public java.nio.file.Path runDir() {
        return java.nio.file.Path.of("..", "runs", "course-" + name);
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
