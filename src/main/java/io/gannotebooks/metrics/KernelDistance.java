package io.gannotebooks.metrics;

/**
 * The squared maximum mean discrepancy between two feature sets, estimated without bias, with the cubic
 * polynomial kernel k(x, y) = (x·y / d + 1)³: the measure of Bińkowski et al. (2018) known as KID when the
 * features come from Inception. Here they come from this project's own feature spaces.
 *
 * <pre>
 *   MMD²ᵤ = 1/(m(m−1)) Σ_{i≠j} k(xᵢ, xⱼ) + 1/(n(n−1)) Σ_{i≠j} k(yᵢ, yⱼ) − 2/(mn) Σ_{i,j} k(xᵢ, yⱼ)
 * </pre>
 *
 * <p>Unlike the Fréchet distance, the estimate has no bias: its mean over many samples is the true value,
 * 0 when both sets come from the same distribution, so a single estimate may be slightly negative. That
 * makes numbers from different sample sizes comparable, and small samples usable.
 */
public final class KernelDistance {
    private KernelDistance() {
    }

    /** The unbiased MMD² between all of {@code x} [m][d] and all of {@code y} [n][d], m, n ≥ 2. */
    public static double between(double[][] x, double[][] y) {
        int d = Matrices.columns(x, "the first feature set");
        if (Matrices.columns(y, "the second feature set") != d) {
            throw new IllegalArgumentException("feature sets differ in dimension: " + d + " and " + y[0].length);
        }
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException("the unbiased estimate needs at least 2 vectors per set");
        }
        double m = x.length;
        double n = y.length;
        return withinSum(x, d) / (m * (m - 1)) + withinSum(y, d) / (n * (n - 1)) - 2 * acrossSum(x, y, d) / (m * n);
    }

    static double kernel(double[] a, double[] b, int d) {
        double base = Matrices.dot(a, b) / d + 1;
        return base * base * base;
    }

    /** Σ_{i≠j} k(xᵢ, xⱼ): each pair once, doubled, no diagonal. */
    private static double withinSum(double[][] x, int d) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                sum += kernel(x[i], x[j], d);
            }
        }
        return 2 * sum;
    }

    private static double acrossSum(double[][] x, double[][] y, int d) {
        double sum = 0;
        for (double[] a : x) {
            for (double[] b : y) {
                sum += kernel(a, b, d);
            }
        }
        return sum;
    }
}
