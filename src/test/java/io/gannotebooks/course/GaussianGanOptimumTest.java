package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Notebook 1's test of an equilibrium: a D trained to its optimum against a frozen G beats −log 4 by
 * 2·JSD, so it cannot beat it when G matches the data, and clearly does when G does not; an untrained D
 * (the constant ½) scores −log 4 against any G.
 */
class GaussianGanOptimumTest {
    private static final double MINUS_LOG_4 = -Math.log(4);

    @Test
    void anUntrainedDiscriminatorScoresMinusLog4AgainstAnyGenerator() {
        var toy = new GaussianGan(2.0, 0.75, 256, 1);
        assertEquals(MINUS_LOG_4, toy.withGenerator(-1, 0.4).value(false), 1e-6);
        assertEquals(MINUS_LOG_4, toy.withGenerator(2, 0.75).value(false), 1e-6);
    }

    @Test
    void aDiscriminatorTrainedAgainstTheDataCannotBeatMinusLog4() {
        var matched = new GaussianGan(2.0, 0.75, 256, 1).withGenerator(2.0, 0.75).trainDiscriminator(2000);
        assertEquals(MINUS_LOG_4, matched.value(true), 1e-9, "D* is ½ when G is the data");
        assertTrue(matched.value(false) <= MINUS_LOG_4 + 1e-3, "V(D, G) = " + matched.value(false));
    }

    @Test
    void aDiscriminatorTrainedAgainstAWrongGeneratorBeatsMinusLog4() {
        var toy = new GaussianGan(2.0, 0.75, 256, 1);
        for (double[] g : new double[][]{{2.0, 0.1}, {1.0, 0.75}}) {
            var frozen = toy.withGenerator(g[0], g[1]);
            double optimum = frozen.value(true);
            double trained = frozen.trainDiscriminator(2000).value(false);
            assertTrue(optimum > MINUS_LOG_4 + 0.1, "2 JSD > 0.1 at " + g[0] + ", " + g[1]);
            assertTrue(trained > MINUS_LOG_4 + 0.05, "trained D beats -log 4: " + trained);
            assertTrue(trained <= optimum + 1e-9, "no D beats D*: " + trained + " vs " + optimum);
            assertEquals(g[0], frozen.mu(), 0, "G stays frozen");
            assertEquals(g[1], frozen.sigma(), 0);
        }
    }

    @Test
    void trainIsStepAfterStep() {
        var a = new GaussianGan(2.0, 0.75, 64, 7);
        var b = new GaussianGan(2.0, 0.75, 64, 7);
        var steps = a.train(30, 3);
        assertEquals(30, steps.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(b.step(3), steps.get(i));
        }
        assertEquals(30, steps.get(29).iteration());
    }

    @Test
    void aCopyLeavesTheOriginalAlone() {
        var toy = new GaussianGan(2.0, 0.75, 256, 1);
        for (int i = 0; i < 50; i++) {
            toy.step(1);
        }
        double mu = toy.mu();
        double before = toy.value(false);
        toy.withGenerator(0, 1).trainDiscriminator(100);
        assertEquals(mu, toy.mu(), 0);
        assertEquals(before, toy.value(false), 0);
        assertThrows(IllegalArgumentException.class, () -> toy.withGenerator(0, 0));
    }
}
