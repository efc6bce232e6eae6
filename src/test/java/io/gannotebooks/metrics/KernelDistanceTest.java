package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelDistanceTest {

    @Test
    void smallCaseByHand() {
        // d = 1, k(a, b) = (ab + 1)³. x = {0, 1}, y = {2, 3}:
        // within x: k(0,1) = 1, twice, / (2·1) = 1
        // within y: k(2,3) = 7³ = 343, twice, / 2 = 343
        // across:   k(0,2) + k(0,3) + k(1,2) + k(1,3) = 1 + 1 + 27 + 64 = 93, · 2 / 4 = 46.5
        double[][] x = {{0}, {1}};
        double[][] y = {{2}, {3}};
        assertEquals(1 + 343 - 46.5, KernelDistance.between(x, y), 1e-12);
    }

    @Test
    void sameDistributionAveragesToZeroBecauseTheEstimateIsUnbiased() {
        // 40 pairs of small independent samples of one distribution: the biased (V-statistic) estimate would
        // sit clearly above zero at this size; the unbiased one scatters around it
        int pairs = 40;
        double sum = 0;
        double biasedSum = 0;
        for (int p = 0; p < pairs; p++) {
            double[][] x = FrechetDistanceTest.gaussian(30, 4, 0, 100 + 2 * p);
            double[][] y = FrechetDistanceTest.gaussian(30, 4, 0, 101 + 2 * p);
            sum += KernelDistance.between(x, y);
            biasedSum += biased(x, y);
        }
        double mean = sum / pairs;
        double biasedMean = biasedSum / pairs;
        assertTrue(Math.abs(mean) < 0.25 * biasedMean, "unbiased mean " + mean + ", biased mean " + biasedMean);
    }

    @Test
    void shiftedDistributionsAreFar() {
        double[][] x = FrechetDistanceTest.gaussian(200, 4, 0, 1);
        double[][] y = FrechetDistanceTest.gaussian(200, 4, 0, 2);
        double[][] shifted = FrechetDistanceTest.gaussian(200, 4, 1, 3);
        double same = KernelDistance.between(x, y);
        double far = KernelDistance.between(x, shifted);
        assertTrue(far > 20 * Math.abs(same), "same " + same + ", shifted " + far);
    }

    /** The plug-in estimate, diagonal included: biased upwards. */
    private static double biased(double[][] x, double[][] y) {
        int d = x[0].length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (double[] a : x) {
            for (double[] b : x) {
                xx += KernelDistance.kernel(a, b, d);
            }
            for (double[] b : y) {
                xy += KernelDistance.kernel(a, b, d);
            }
        }
        for (double[] a : y) {
            for (double[] b : y) {
                yy += KernelDistance.kernel(a, b, d);
            }
        }
        return xx / (x.length * x.length) + yy / (y.length * y.length) - 2 * xy / (x.length * y.length);
    }
}
