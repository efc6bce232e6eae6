package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ClassHistogramTest {

    @Test
    void countsTheMostProbableClassAndTheConfidentOnes() {
        var h = ClassHistogram.of(Nd4j.createFromArray(new double[][]{
                {0.95, 0.05, 0, 0, 0},
                {0.5, 0.4, 0.1, 0, 0},
                {0, 0, 0, 0.1, 0.9},
                {0, 0, 0, 0.2, 0.8}}));
        assertArrayEquals(new int[]{2, 0, 0, 0, 2}, h.counts());
        assertEquals(0.5, h.confidentShare(), 1e-12);
        assertArrayEquals(new double[]{0.5, 0, 0, 0, 0.5}, h.shares(), 1e-12);
        assertEquals(0.4, h.classesCovered(), 1e-12);
        assertEquals(Math.log(2) / Math.log(5), h.normalizedEntropy(), 1e-12);
    }

    @Test
    void anEvenSpreadCoversEverythingAndAStarvedClassDoesNotCount() {
        assertEquals(1, new ClassHistogram(new int[]{10, 10, 10, 10, 10}, 50, 0.9).normalizedEntropy(), 1e-12);
        // 0.1 is exactly half of 1/5: still covered; 0.08 is not
        assertEquals(1, new ClassHistogram(new int[]{10, 25, 25, 20, 20}, 0, 0.9).classesCovered(), 1e-12);
        assertEquals(0.8, new ClassHistogram(new int[]{8, 25, 27, 20, 20}, 0, 0.9).classesCovered(), 1e-12);
        assertEquals(0, new ClassHistogram(new int[]{0, 7, 0, 0, 0}, 7, 0.9).normalizedEntropy(), 1e-12);
    }
}
