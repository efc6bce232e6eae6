package io.gannotebooks.course;

import io.gannotebooks.util.Streams;

/**
 * The design note replaces each expectation by a minibatch mean. This measures how good that estimate is:
 * for x ~ N(1, 1) and a fixed discriminator D(x) = sigmoid(x), the exact E[log D(x)] (by numerical
 * integration) against means over N samples, repeated to get the root-mean-square error for each N.
 */
public final class LawOfLargeNumbers {
    private LawOfLargeNumbers() {
    }

    /** log D(x) for the fixed discriminator D = sigmoid. */
    public static double logD(double x) {
        return -Math.log1p(Math.exp(-x));
    }

    /** E[log D(x)] for x ~ N(1, 1), by the trapezoid rule over ±10 standard deviations. */
    public static double exact() {
        int n = 100_000;
        double lo = -9;
        double h = 20.0 / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * h;
            double w = (i == 0 || i == n) ? 0.5 : 1;
            sum += w * h * GaussianGan.normalDensity(x, 1, 1) * logD(x);
        }
        return sum;
    }

    /** The minibatch estimate (1/N) Σ log D(x_i) for one batch. */
    public static double estimate(int n, long seed, long batch) {
        var random = Streams.of(seed, Streams.LAW_OF_LARGE_NUMBERS, batch);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += logD(1 + random.nextGaussian());
        }
        return sum / n;
    }

    /** Root-mean-square error of the N-sample estimate over {@code repeats} batches. */
    public static double rmsError(int n, int repeats, long seed) {
        double truth = exact();
        double sq = 0;
        for (int r = 0; r < repeats; r++) {
            double e = estimate(n, seed + n, r) - truth;
            sq += e * e;
        }
        return Math.sqrt(sq / repeats);
    }
}
