package io.gannotebooks.course;

import io.gannotebooks.backend.Machine;
import java.util.Locale;

/**
 * What {@code ./gan run} says before it starts: how much training the profile asks for, and how long that
 * took on a machine like this one where it was measured. Times depend on the machine far more than on anything
 * here, so the line gives iterations and the reference machine, not a promise.
 */
public final class RunEstimate {
    /**
     * Where it was measured, and the seconds per image of one training iteration (D step and G step) at batch 16
     * there, by {@code ./gan bench --vs-pytorch --batch 16}; the time grows with the batch.
     */
    record Reference(String machine, double secondsPerImage) {
        /**
         * A 2-core Zen 4 VM with AVX512_BF16, mixed precision (the default there): 0.284 s per iteration, from a
         * fresh clone on 2026-12-07 (README, "Speed").
         */
        static final Reference ZEN4_MIXED = new Reference("2-core Zen 4 VM in mixed precision", 0.284 / 16);
        /**
         * A 2-core Zen 3 VM (AVX2), FP32 on the library's own layers: 0.645 s per iteration (DL4J's layers took
         * 1.65 s there), measured before FP32 ran oneDNN's primitives directly, which took 1.1–1.3 times less
         * on an AVX2-limited run (docs/speed.md): an upper bound today.
         */
        static final Reference ZEN3_FP32 = new Reference("2-core Zen 3 VM", 0.645 / 16);

        /** The measurement of the kind of CPU this is: with AVX512_BF16 (mixed precision's default) or without. */
        static Reference forThisMachine() {
            return Machine.hasBf16() ? ZEN4_MIXED : ZEN3_FP32;
        }
    }

    private RunEstimate() {
    }

    /** "GAN_PROFILE=quick: 1200 training iterations at batch 16, about 13 min of training on a 2-core Zen 3 …". */
    static String line(Profile profile, Reference where) {
        double seconds = profile.trainIterations() * profile.batchSize() * where.secondsPerImage();
        return String.format(Locale.ROOT, "%s=%s: %d training iterations at batch %d, about %s of training on a "
                        + "%s (%.2f s/iteration there), plus the other notebooks' work",
                Profile.VARIABLE, profile.name(), profile.trainIterations(), profile.batchSize(), duration(seconds),
                where.machine(), profile.batchSize() * where.secondsPerImage());
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

    /** Prints the line for {@code $GAN_PROFILE} and this kind of CPU; called by {@code ./gan run}. */
    public static void main(String[] args) {
        System.out.println(line(Profile.current(), Reference.forThisMachine()));
    }
}
