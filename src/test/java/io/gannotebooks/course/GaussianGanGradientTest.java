package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.testing.FiniteDifference;
import io.gannotebooks.util.Streams;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The toy GAN's hand-derived gradients (what notebook 1 teaches) against central finite differences of
 * the objectives they differentiate, at a trained state where D is far from zero and G from the data.
 */
class GaussianGanGradientTest {

    private static GaussianGan trained() {
        var toy = new GaussianGan(2.0, 0.75, 64, 3);
        for (int i = 0; i < 40; i++) {
            toy.step(2);
        }
        return toy;
    }

    private static double[] normals(long index, int n) {
        var r = Streams.of(5, 77, index);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextGaussian();
        }
        return out;
    }

    @Test
    void discriminatorGradientMatchesFiniteDifferences() {
        GaussianGan toy = trained();
        double[] real = normals(0, 64);
        double[] fake = normals(1, 64);
        for (int i = 0; i < 64; i++) {
            real[i] = 2.0 + 0.75 * real[i];
            fake[i] = toy.mu() + toy.sigma() * fake[i];
        }
        assertMatches(toy.discriminatorGradient(real, fake), toy.discriminatorParameters(),
                () -> toy.objectiveD(real, fake));
    }

    @Test
    void generatorGradientMatchesFiniteDifferences() {
        GaussianGan toy = trained();
        double[] z = normals(2, 64);
        assertMatches(toy.generatorGradient(z), toy.generatorParameters(), () -> toy.objectiveG(z));
    }

    private static void assertMatches(double[] analytic, double[] params, DoubleSupplier objective) {
        assertEquals(params.length, analytic.length);
        for (int j = 0; j < params.length; j++) {
            assertTrue(Math.abs(analytic[j]) > 1e-6, "parameter " + j + ": a vanishing gradient checks nothing");
        }
        var report = FiniteDifference.check(params, analytic, objective, 1e-6, 1e-12);
        assertEquals(params.length, report.checked());
        assertTrue(report.worstError() < 1e-6, report.toString());
    }
}
