package io.gannotebooks.course;

import java.util.Locale;

/**
 * What {@code ./gan run} says before it starts: how much training the profile asks for, and how long that
 * took on a machine where it was measured. Times depend on the machine far more than on anything here,
 * so the line gives iterations and the reference machine, not a promise.
 */
public final class RunEstimate {
    /**
     * Seconds per image of one training iteration (D step and G step) on the library's own layers, measured
     * on an idle 2-core AMD EPYC Zen 3 VM (AVX2) by {@code ./gan bench --vs-pytorch --batch 16}:
     * 0.645 s per iteration at batch 16 (DL4J's layers took 1.65 s there); the time grows with the batch.
     */
    static final double SECONDS_PER_IMAGE = 0.645 / 16;

    private RunEstimate() {
    }

    /** "GAN_PROFILE=quick: 1200 training iterations at batch 16, about 13 min of training on a 2-core Zen 3 …". */
    static String line(Profile profile) {
        double seconds = profile.trainIterations() * profile.batchSize() * SECONDS_PER_IMAGE;
        return String.format(Locale.ROOT, "%s=%s: %d training iterations at batch %d, about %s of training on a "
                        + "2-core Zen 3 VM (%.2f s/iteration there), plus the other notebooks' work",
                Profile.VARIABLE, profile.name(), profile.trainIterations(), profile.batchSize(), duration(seconds),
                profile.batchSize() * SECONDS_PER_IMAGE);
    }

    private static String duration(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** Prints the line for {@code $GAN_PROFILE}; called by {@code ./gan run}. */
    public static void main(String[] args) {
        System.out.println(line(Profile.current()));
    }
}
