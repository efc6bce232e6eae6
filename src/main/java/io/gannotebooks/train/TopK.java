package io.gannotebooks.train;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Top-k generator updates (Sinha, Zhao, Goyal, Raffel and Odena, NeurIPS 2020): G's gradient comes only from
 * the k generated images that D rates most real; the others, which D already rejects, would pull G towards
 * what D likes on average, between the modes. k starts at the whole batch and falls linearly to ⌈ν·N⌉ over
 * {@code annealIterations} iterations (the paper anneals per epoch, by 0.99; an epoch of the shapes is
 * 1 250 iterations at batch 16, so a count of iterations is the readable knob here).
 *
 * @param fraction         ν ∈ (0, 1]: the share of D's N verdicts kept once annealed; 1 is no top-k (DCGAN)
 * @param annealIterations T ≥ 0: iterations from k = N down to ⌈ν·N⌉ (0: ⌈ν·N⌉ from the start)
 */
public record TopK(double fraction, long annealIterations) {
    /** Every image's gradient: DCGAN's G step. */
    public static final TopK NONE = new TopK(1, 0);

    public TopK {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("top-k's fraction must be above 0 and at most 1, got " + fraction);
        }
        if (annealIterations < 0) {
            throw new IllegalArgumentException("top-k's annealing must last 0 or more iterations, got " + annealIterations);
        }
    }

    public boolean active() {
        return fraction < 1;
    }

    /** k at iteration {@code t} for {@code n} verdicts: from n down to ⌈ν·n⌉, never below 1. */
    public int kept(long t, int n) {
        int floor = Math.max(1, (int) Math.ceil(fraction * n));
        if (annealIterations == 0 || t >= annealIterations) {
            return floor;
        }
        return (int) Math.round(n - (n - floor) * (double) t / annealIterations);
    }

    /**
     * Zeroes, in place, the image gradient of every verdict outside the k most real ones (ties by position).
     *
     * @param imageGradient [B, C, H, W], verdict i covering images i·m … i·m + m − 1 (m = B / N images a verdict)
     * @param probabilities D(G(z)) of each of the N verdicts
     */
    public static void keepMostReal(INDArray imageGradient, double[] probabilities, int k) {
        int n = probabilities.length;
        long m = imageGradient.size(0) / n;
        IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -probabilities[i]).thenComparing(i -> i))
                .skip(k)
                .forEach(i -> imageGradient.get(NDArrayIndex.interval(i * m, (i + 1) * m)).assign(0));
    }

    @Override
    public String toString() {
        return active() ? String.format(Locale.ROOT, "top-k %s after %d iterations", fraction, annealIterations)
                : "every image";
    }
}
