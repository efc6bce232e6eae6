package io.gannotebooks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianBlurTest {

    @Test
    void theKernelIsANormalisedSymmetricGaussianOutToThreeSigma() {
        double[] k = GaussianBlur.kernel(1.2);
        assertEquals(2 * 4 + 1, k.length); // ⌈3 · 1.2⌉ = 4 on each side
        double sum = 0;
        for (int u = 0; u < k.length; u++) {
            sum += k[u];
            assertEquals(k[u], k[k.length - 1 - u], 1e-15);
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(Math.exp(-1 / (2 * 1.44)), k[5] / k[4], 1e-12); // k(1) / k(0)
    }

    @Test
    void agreesWithTheTwoDimensionalSumWithClampedBorders() {
        int n = 2, c = 3, h = 7, w = 9;
        double sigma = 0.8;
        Random random = new Random(3);
        double[] x = new double[n * c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 2 - 1;
        }
        INDArray images = Nd4j.create(x, new long[]{n, c, h, w}, 'c');
        INDArray blurred = GaussianBlur.apply(images, sigma);
        assertEquals(DataType.DOUBLE, blurred.dataType());
        double[] k = GaussianBlur.kernel(sigma);
        int r = k.length / 2;
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double expected = 0;
                    for (int u = -r; u <= r; u++) {
                        for (int v = -r; v <= r; v++) {
                            int ii = Math.max(0, Math.min(h - 1, i + u));
                            int jj = Math.max(0, Math.min(w - 1, j + v));
                            expected += k[u + r] * k[v + r] * x[plane * h * w + ii * w + jj];
                        }
                    }
                    assertEquals(expected, blurred.getDouble(plane / c, plane % c, i, j), 1e-5);
                }
            }
        }
    }

    @Test
    void aUniformImageStaysUniformAndAStepEdgeIsSoftenedSymmetrically() {
        INDArray uniform = Nd4j.valueArrayOf(new long[]{1, 3, 16, 16}, 0.25f);
        assertEquals(0, GaussianBlur.apply(uniform, 2).sub(0.25).amaxNumber().doubleValue(), 1e-6);

        INDArray step = Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 16);
        step.get(all(), all(), all(), interval(0, 8)).assign(-1);   // left half dark, right half bright
        step.get(all(), all(), all(), interval(8, 16)).assign(1);
        INDArray soft = GaussianBlur.apply(step, 1);
        assertEquals(-soft.getDouble(0, 0, 4, 7), soft.getDouble(0, 0, 4, 8), 1e-6);  // symmetric about the edge
        assertTrue(soft.getDouble(0, 0, 4, 8) > 0.3 && soft.getDouble(0, 0, 4, 8) < 0.9, soft.toString());
        assertEquals(-1, soft.getDouble(0, 0, 4, 0), 1e-6);                          // far from the edge: unchanged
        assertEquals(1, soft.getDouble(0, 0, 4, 15), 1e-6);
    }

    @Test
    void sigmaZeroCopiesAndBadInputIsRefused() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        INDArray copy = GaussianBlur.apply(images, 0);
        assertNotSame(images, copy);
        assertEquals(images, copy);
        var negative = assertThrows(IllegalArgumentException.class, () -> GaussianBlur.apply(images, -1));
        assertTrue(negative.getMessage().contains("sigma"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianBlur.apply(Nd4j.rand(DataType.FLOAT, 3, 4, 4), 1));
    }
}
