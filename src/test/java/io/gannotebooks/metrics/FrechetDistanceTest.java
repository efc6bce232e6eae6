package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.util.Streams;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        // with diagonal covariances FD² = ‖μ₁ − μ₂‖² + Σ (σ₁ᵢ² + σ₂ᵢ² − 2 σ₁ᵢ σ₂ᵢ) = ‖μ₁ − μ₂‖² + Σ (σ₁ᵢ − σ₂ᵢ)²
        double[] mu1 = {0, 1, 2};
        double[] mu2 = {1, 1, 0};
        double[] var1 = {1, 4, 9};
        double[] var2 = {4, 4, 1};
        double expected = 1 + 0 + 4 + (1 - 2) * (1 - 2) + 0 + (3 - 1) * (3 - 1);
        assertEquals(10, expected);
        assertEquals(expected, FrechetDistance.between(diagonal(mu1, var1), diagonal(mu2, var2)), 1e-12);
    }

    @Test
    void oneDimensional() {
        // N(0, 1) and N(3, 4): (0 − 3)² + (1 − 2)² = 10
        assertEquals(10, FrechetDistance.between(diagonal(new double[]{0}, new double[]{1}),
                diagonal(new double[]{3}, new double[]{4})), 1e-12);
    }

    @Test
    void aFullCovarianceAgainstItsRotatedSelfIsTheRotationOfTheMean() {
        // the distance is invariant under a rotation of both Gaussians; here only the means differ
        double[][] cov = {{2, 0.5}, {0.5, 1}};
        var a = new GaussianFit(new double[]{0, 0}, cov, 100);
        var b = new GaussianFit(new double[]{3, 4}, cov, 100);
        assertEquals(25, FrechetDistance.between(a, b), 1e-10);
        assertEquals(0, FrechetDistance.between(a, a), 1e-10);
    }

    @Test
    void nonCommutingCovariances() {
        // Σ₁ = diag(1, 0), Σ₂ = [[1, 1], [1, 1]]: Σ₁^½ Σ₂ Σ₁^½ = diag(1, 0), so tr(...)^½ = 1 and
        // FD² = tr Σ₁ + tr Σ₂ − 2 = 1 + 2 − 2 = 1
        var a = new GaussianFit(new double[]{0, 0}, new double[][]{{1, 0}, {0, 0}}, 10);
        var b = new GaussianFit(new double[]{0, 0}, new double[][]{{1, 1}, {1, 1}}, 10);
        assertEquals(1, FrechetDistance.between(a, b), 1e-10);
        assertEquals(1, FrechetDistance.between(b, a), 1e-10, "symmetric in its arguments");
    }

    @Test
    void samplesOfOneDistributionAreCloserThanSamplesOfShiftedOnes() {
        double[][] x = gaussian(400, 8, 0, 1);
        double[][] y = gaussian(400, 8, 0, 2);
        double[][] shifted = gaussian(400, 8, 0.5, 3);
        double same = FrechetDistance.between(x, y);
        double different = FrechetDistance.between(x, shifted);
        assertTrue(same < 0.3, "same distribution: " + same);
        // the true value is 8 · 0.5² = 2
        assertEquals(2, different, 0.6);
    }

    private static GaussianFit diagonal(double[] mean, double[] variances) {
        double[][] cov = new double[mean.length][mean.length];
        for (int i = 0; i < mean.length; i++) {
            cov[i][i] = variances[i];
        }
        return new GaussianFit(mean, cov, 100);
    }

    static double[][] gaussian(int n, int d, double shift, long stream) {
        var random = Streams.of(42, stream, 0);
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = shift + random.nextGaussian();
            }
        }
        return out;
    }
}
