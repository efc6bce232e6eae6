package io.gannotebooks.metrics;

/**
 * Precision and recall of a generated distribution against a real one, estimated with k-nearest-neighbour
 * manifolds (Kynkäänniemi et al., 2019), and the density and coverage of Naeem et al. (2020), all from
 * the same distances.
 *
 * <p>Each sample is surrounded by a ball reaching its k-th nearest neighbour in its own set; the union of
 * a set's balls is its estimated manifold.
 * <ul>
 *   <li><b>precision</b>: share of generated samples inside the real manifold (are they realistic?);</li>
 *   <li><b>recall</b>: share of real samples inside the generated manifold (is all the variety there?).
 *       A collapsed generator has tiny balls and reaches few real samples;</li>
 *   <li><b>density</b>: how many real balls hold each generated sample, divided by k: about 1 when both
 *       sets match, above 1 when samples crowd where real data is densest; unbounded;</li>
 *   <li><b>coverage</b>: share of real balls holding at least one generated sample. Unlike recall it uses
 *       only real balls, so a few outlying generated samples cannot inflate it.</li>
 * </ul>
 * All four depend on k and on the sample sizes; compare them with the same measure between two real sets of
 * the same sizes, which gives the values a perfect generator would reach (about 0.8 to 0.9 for k = 3 at
 * a few hundred samples, not 1).
 *
 * @param k the neighbour whose distance sets a ball's radius
 */
public record ManifoldCoverage(double precision, double recall, double density, double coverage, int k) {
    /** Kynkäänniemi et al.'s choice: small enough to follow the manifold, large enough to ignore noise. */
    public static final int DEFAULT_K = 3;

    /** The four measures for {@code real} [n][d] and {@code generated} [m][d], with k = 3. */
    public static ManifoldCoverage of(double[][] real, double[][] generated) {
        return of(real, generated, DEFAULT_K);
    }

    public static ManifoldCoverage of(double[][] real, double[][] generated, int k) {
        int d = Matrices.columns(real, "the real feature set");
        if (Matrices.columns(generated, "the generated feature set") != d) {
            throw new IllegalArgumentException("feature sets differ in dimension: " + d + " and "
                    + generated[0].length);
        }
        if (k < 1 || k >= real.length || k >= generated.length) {
            throw new IllegalArgumentException("k must be at least 1 and less than each set's size, got k = " + k
                    + " for " + real.length + " real and " + generated.length + " generated samples");
        }
        // squared distances throughout: comparing them is comparing distances, without n·m square roots
        double[] realRadius = kthNeighbourSquared(real, k);
        double[] fakeRadius = kthNeighbourSquared(generated, k);
        int n = real.length;
        int m = generated.length;
        boolean[] realCovered = new boolean[n]; // inside some real ball: a generated sample lands in it
        boolean[] realRecalled = new boolean[n]; // inside some generated ball
        int precise = 0;
        long ballsHolding = 0;
        for (int j = 0; j < m; j++) {
            boolean inReal = false;
            for (int i = 0; i < n; i++) {
                double dist = Matrices.squaredDistance(real[i], generated[j]);
                if (dist <= realRadius[i]) {
                    inReal = true;
                    ballsHolding++;
                    realCovered[i] = true;
                }
                if (dist <= fakeRadius[j]) {
                    realRecalled[i] = true;
                }
            }
            if (inReal) {
                precise++;
            }
        }
        return new ManifoldCoverage((double) precise / m, share(realRecalled), (double) ballsHolding / ((double) k * m),
                share(realCovered), k);
    }

    /** For each row, the squared distance to its k-th nearest other row (duplicates count as neighbours). */
    static double[] kthNeighbourSquared(double[][] rows, int k) {
        int n = rows.length;
        double[] out = new double[n];
        double[] nearest = new double[k]; // the k smallest so far, ascending
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dist = Matrices.squaredDistance(rows[i], rows[j]);
                if (dist < nearest[k - 1]) {
                    int at = k - 1;
                    while (at > 0 && nearest[at - 1] > dist) {
                        nearest[at] = nearest[at - 1];
                        at--;
                    }
                    nearest[at] = dist;
                }
            }
            out[i] = nearest[k - 1];
        }
        return out;
    }

    private static double share(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            if (f) {
                count++;
            }
        }
        return (double) count / flags.length;
    }
}
