package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.course.DiracGan.GeneratorLoss;
import io.gannotebooks.course.DiracGan.Updates;
import io.gannotebooks.testing.FiniteDifference;
import org.junit.jupiter.api.Test;

/**
 * What notebook 1 says about the Dirac-GAN: without R1 the training circles the equilibrium (or spirals
 * out), with R1 it converges; the field's directions are the derivatives of the design note's objectives.
 */
class DiracGanTest {
    private static final double START = Math.sqrt(2); // (1, 1)

    @Test
    void withoutR1TheDistanceToTheEquilibriumDoesNotShrink() {
        var minimax = DiracGan.designNote().withLoss(GeneratorLoss.MINIMAX);
        var alternating = minimax.train(1, 1, 2000);
        // alternating steps circle: the distance stays within a few percent of the start
        for (double r : alternating.distance()) {
            assertEquals(START, r, 0.05 * START);
        }
        // simultaneous steps spiral out
        var simultaneous = minimax.withUpdates(Updates.SIMULTANEOUS).train(1, 1, 2000);
        assertTrue(simultaneous.finalDistance() > 1.5 * START, "spirals out: " + simultaneous.finalDistance());
        double[] r = simultaneous.distance();
        for (int i = 1; i < r.length; i++) {
            assertTrue(r[i] >= r[i - 1] - 1e-12, "the distance never shrinks, step " + i);
        }
    }

    @Test
    void withR1ItConverges() {
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            for (Updates order : Updates.values()) {
                var trajectory = DiracGan.designNote().withLoss(loss).withUpdates(order).withR1(1).train(1, 1, 2000);
                assertTrue(trajectory.finalDistance() < 1e-6 * START, loss + ", " + order + ": "
                        + trajectory.finalDistance());
            }
        }
    }

    @Test
    void theNonSaturatingLossShrinksTheCirclesOnlySlowly() {
        var plain = DiracGan.designNote().train(1, 1, 2000);
        var r1 = DiracGan.designNote().withR1(0.3).train(1, 1, 2000);
        double[] r = plain.distance();
        // it does move inwards, but after 2000 steps it is still far out; R1 gets there by orders of magnitude
        assertTrue(r[2000] < r[0], "some inward drift");
        assertTrue(r[2000] > 0.05, "no convergence without R1: " + r[2000]);
        // ever more slowly: the second thousand steps gain less than the first
        assertTrue(r[1000] - r[2000] < r[0] - r[1000]);
        assertTrue(r1.finalDistance() < 1e-4 * r[2000]);
    }

    @Test
    void theMinimaxFieldIsARotationWithoutR1() {
        var minimax = DiracGan.designNote().withLoss(GeneratorLoss.MINIMAX);
        for (double t = -2; t <= 2; t += 0.5) {
            for (double p = -2; p <= 2; p += 0.5) {
                double[] v = minimax.velocity(t, p);
                assertEquals(0, t * v[0] + p * v[1], 1e-12, "orthogonal to the radius at " + t + ", " + p);
            }
        }
        // with R1 the field points inwards everywhere off the θ axis
        var withR1 = minimax.withR1(1);
        double[] v = withR1.velocity(0.5, 1.5);
        assertTrue(0.5 * v[0] + 1.5 * v[1] < 0);
        assertArrayEquals(new double[]{0, 0}, minimax.velocity(0, 0), 0);
    }

    @Test
    void theDirectionsAreTheObjectivesDerivatives() {
        double h = 1e-6;
        double t = 0.7;
        double p = -1.3;
        double gamma = 0.4;
        var nonSaturating = DiracGan.designNote().withR1(gamma);
        var minimax = nonSaturating.withLoss(GeneratorLoss.MINIMAX);
        // L_d − R1 = f(0) + f(−ψθ) − (γ/2)ψ², f = log σ
        java.util.function.DoubleBinaryOperator ld = (th, ps) -> logSigmoid(0) + logSigmoid(-ps * th) - gamma / 2 * ps * ps;
        java.util.function.DoubleBinaryOperator lg = (th, ps) -> logSigmoid(ps * th);
        assertEquals(FiniteDifference.derivative(ps -> ld.applyAsDouble(t, ps), p, h),
                nonSaturating.discriminatorDirection(t, p), 1e-8);
        assertEquals(FiniteDifference.derivative(th -> lg.applyAsDouble(th, p), t, h),
                nonSaturating.generatorDirection(t, p), 1e-8);
        // the minimax G descends L_d (R1 does not depend on θ)
        assertEquals(-FiniteDifference.derivative(th -> ld.applyAsDouble(th, p), t, h),
                minimax.generatorDirection(t, p), 1e-8);
    }

    @Test
    void alternatingStepsUseTheUpdatedDiscriminator() {
        var gan = DiracGan.designNote().withRate(0.5);
        var one = gan.train(1, 1, 1);
        double psi = 1 + 0.5 * gan.discriminatorDirection(1, 1);
        assertEquals(psi, one.psi()[1], 1e-15);
        assertEquals(1 + 0.5 * gan.generatorDirection(1, psi), one.theta()[1], 1e-15);
        var simultaneous = gan.withUpdates(Updates.SIMULTANEOUS).train(1, 1, 1);
        assertEquals(1 + 0.5 * gan.generatorDirection(1, 1), simultaneous.theta()[1], 1e-15);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DiracGan.designNote().withRate(0));
        assertThrows(IllegalArgumentException.class, () -> DiracGan.designNote().withR1(-1));
        assertThrows(IllegalArgumentException.class, () -> DiracGan.designNote().train(0, 0, -1));
    }

    private static double logSigmoid(double v) {
        return -Math.log1p(Math.exp(-v));
    }
}
