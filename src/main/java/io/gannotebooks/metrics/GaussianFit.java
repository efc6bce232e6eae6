package io.gannotebooks.metrics;

/**
 * The mean and covariance of a set of feature vectors: the Gaussian N(μ, Σ) with the same first two
 * moments, which is all the Fréchet distance looks at.
 *
 * @param mean       μ, one value per feature
 * @param covariance Σ, the unbiased sample covariance (divided by n − 1)
 * @param count      how many vectors it was fitted to
 */
public record GaussianFit(double[] mean, double[][] covariance, int count) {

    /** Fits rows of {@code features} [n][d], n ≥ 2. */
    public static GaussianFit of(double[][] features) {
        int d = Matrices.columns(features, "the feature set");
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
        }
        double[] mean = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                for (int j = i; j < d; j++) {
                    cov[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new GaussianFit(mean, cov, n);
    }

    public int dimension() {
        return mean.length;
    }
}
