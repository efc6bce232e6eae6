package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ManifoldCoverageTest {

    @Test
    void kthNeighbourOnALine() {
        double[][] points = {{0}, {1}, {3}, {6}};
        // second-nearest other point: 0 -> 3, 1 -> 2 (to 3), 3 -> 3 (to 0 or 6), 6 -> 5 (to 1)
        assertArrayEquals(new double[]{9, 4, 9, 25}, ManifoldCoverage.kthNeighbourSquared(points, 2), 1e-12);
    }

    @Test
    void sameDistributionScoresHighOnAll() {
        var m = ManifoldCoverage.of(FrechetDistanceTest.gaussian(300, 4, 0, 1),
                FrechetDistanceTest.gaussian(300, 4, 0, 2));
        assertTrue(m.precision() > 0.75 && m.recall() > 0.75, m.toString());
        assertTrue(m.coverage() > 0.75 && Math.abs(m.density() - 1) < 0.3, m.toString());
    }

    @Test
    void aCollapsedGeneratorIsPreciseButRecallsNothing() {
        double[][] real = FrechetDistanceTest.gaussian(300, 4, 0, 1);
        double[][] collapsed = new double[300][];
        Arrays.fill(collapsed, new double[]{0.1, 0, 0, 0}); // one typical point, repeated
        var m = ManifoldCoverage.of(real, collapsed);
        assertEquals(1, m.precision(), 1e-12, "the one point is realistic");
        assertTrue(m.recall() < 0.01, m.toString());
        assertTrue(m.coverage() < 0.05, m.toString());
    }

    @Test
    void aShiftedGeneratorLosesPrecision() {
        var m = ManifoldCoverage.of(FrechetDistanceTest.gaussian(300, 4, 0, 1),
                FrechetDistanceTest.gaussian(300, 4, 3, 2));
        assertTrue(m.precision() < 0.2 && m.coverage() < 0.2, m.toString());
    }
}
