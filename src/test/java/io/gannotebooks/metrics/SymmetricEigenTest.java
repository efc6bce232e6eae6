package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannotebooks.util.Streams;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void twoByTwoByHand() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, 1)/√2 and (1, −1)/√2
        var e = SymmetricEigen.of(new double[][]{{2, 1}, {1, 2}});
        assertArrayEquals(new double[]{3, 1}, e.values(), 1e-12);
        assertEquals(Math.sqrt(0.5), Math.abs(e.vectors()[0][0]), 1e-12);
        assertEquals(e.vectors()[0][0], e.vectors()[1][0], 1e-12);
        assertEquals(-e.vectors()[0][1], e.vectors()[1][1], 1e-12);
    }

    @Test
    void reconstructsARandomCovarianceAndItsSquareRoot() {
        int d = 40;
        double[][] rows = new double[60][d];
        var random = Streams.of(1, 0, 0);
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() * (1 + j % 5);
            }
        }
        double[][] cov = GaussianFit.of(rows).covariance();
        var e = SymmetricEigen.of(cov);
        double[][] back = e.map(lambda -> lambda);
        double[][] root = e.sqrt();
        double[][] squared = Matrices.multiply(root, root);
        for (int i = 0; i < d; i++) {
            assertArrayEquals(cov[i], back[i], 1e-10);
            assertArrayEquals(cov[i], squared[i], 1e-9);
        }
        for (int k = 1; k < d; k++) {
            assertEquals(true, e.values()[k - 1] >= e.values()[k], "largest first");
        }
    }
}
