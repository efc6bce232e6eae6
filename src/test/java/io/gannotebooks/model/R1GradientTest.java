package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.testing.FiniteDifference;
import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.util.Streams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * R1's first-order parameter gradient (two ordinary backward passes at x ± εd) against the gradient of R1
 * itself: central differences of its value over D's parameters in double precision, and the same computation
 * in float against double on the design note's D.
 */
class R1GradientTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    static Discriminator discriminator(DiscriminatorSpec spec, long seed, DataType type) {
        return new Discriminator(spec.withBatchNorm(false),
                new NetworkSettings(seed, AdamSettings.NO_MOMENTUM, type));
    }

    /** Images in [−1, 1] of a pure function of the seed, [n, c, side, side]. */
    static INDArray images(long seed, int n, int c, int side, DataType type) {
        var r = Streams.of(seed, 7, 0);
        double[] v = new double[n * c * side * side];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.tanh(1.5 * r.nextGaussian());
        }
        return Nd4j.create(v, new long[]{n, c, side, side}, DataType.DOUBLE).castTo(type);
    }

    @Test
    void firstOrderGradientMatchesCentralDifferencesOfR1InDouble() {
        Discriminator d = discriminator(TinyGan.discriminator(), 12, DataType.DOUBLE);
        d.network().params().muli(25); // DCGAN's N(0, 0.02) start is nearly linear and its R1 gradient ≈ 1e-5
        INDArray x = images(3, 6, 3, 8, DataType.DOUBLE);
        int n = 6;
        // f = ½ Σ ‖∇ₓ sᵢ‖², which gradientPenalty reports as (γ/2)/N Σ with γ = 1; its gradient with weight 1
        INDArray analytic = d.gradientPenalty(x, 1, 1).parameterGradient();
        double scale = analytic.amaxNumber().doubleValue();
        assertTrue(scale > 1e-3, "R1's gradient is " + scale + " at most");
        var report = FiniteDifference.check(d.network().params(), analytic,
                () -> n * d.gradientPenalty(x, 1, 1).value(), 1e-6, 300, i -> false, 1e-12 * scale);
        assertTrue(report.checked() > 200, report.toString());
        assertTrue(report.worstError() < 1e-5, report.toString());
    }

    @Test
    void firstOrderGradientOfADiscriminatorThatPoolsMatchesCentralDifferences() {
        Discriminator d = discriminator(TinyGan.discriminator().withDownsampling(Downsampling.POOLED), 13,
                DataType.DOUBLE);
        d.network().params().muli(25);
        INDArray x = images(5, 4, 3, 8, DataType.DOUBLE);
        INDArray analytic = d.gradientPenalty(x, 1, 1).parameterGradient();
        double scale = analytic.amaxNumber().doubleValue();
        assertTrue(scale > 1e-3, "R1's gradient is " + scale + " at most");
        var report = FiniteDifference.check(d.network().params(), analytic,
                () -> 4 * d.gradientPenalty(x, 1, 1).value(), 1e-6, 300, i -> false, 1e-12 * scale);
        assertTrue(report.checked() > 100, report.toString());
        assertTrue(report.worstError() < 1e-5, report.toString());
    }

    @Test
    void theWeightScalesTheGradientAndGammaTheValue() {
        Discriminator d = discriminator(TinyGan.discriminator(), 12, DataType.DOUBLE);
        INDArray x = images(4, 4, 3, 8, DataType.DOUBLE);
        var one = d.gradientPenalty(x, 1, 1);
        var lazy = d.gradientPenalty(x, 2.5, 10);
        assertEquals(2.5 * one.value(), lazy.value(), 1e-12 * one.value());
        INDArray scaled = one.parameterGradient().mul(10);
        assertTrue(lazy.parameterGradient().equalsWithEps(scaled, 1e-9 * scaled.norm2Number().doubleValue()));
    }

    /**
     * On the design note's D (64×64×3, four blocks, no batch norm), float's first-order gradient against the
     * same computation in double on the same weights and images: the precision the training step gets.
     */
    @Test
    void floatGradientOfTheDesignNotesDiscriminatorIsWithin1e4OfDouble() {
        Discriminator f = discriminator(DiscriminatorSpec.dcgan(), 5, DataType.FLOAT);
        Discriminator d = discriminator(DiscriminatorSpec.dcgan(), 5, DataType.DOUBLE);
        d.network().params().assign(f.network().params().castTo(DataType.DOUBLE));
        INDArray xf = images(9, 4, 3, 64, DataType.FLOAT);
        var inFloat = f.gradientPenalty(xf, 1, 1);
        var inDouble = d.gradientPenalty(xf.castTo(DataType.DOUBLE), 1, 1);
        double error = inFloat.parameterGradient().castTo(DataType.DOUBLE).sub(inDouble.parameterGradient())
                .norm2Number().doubleValue() / inDouble.parameterGradient().norm2Number().doubleValue();
        assertTrue(error < 1e-4, "relative error of float against double: " + error); // 8e-7 measured
        assertEquals(inDouble.value(), inFloat.value(), 1e-4 * inDouble.value());
    }

    @Test
    void batchNormIsRefused() {
        Discriminator bn = new Discriminator(TinyGan.discriminator(),
                new NetworkSettings(1, AdamSettings.NO_MOMENTUM, DataType.FLOAT));
        var e = assertThrows(IllegalStateException.class,
                () -> bn.gradientPenalty(images(1, 2, 3, 8, DataType.FLOAT), 1, 1));
        assertTrue(e.getMessage().contains("batch norm"), e.getMessage());
    }
}
