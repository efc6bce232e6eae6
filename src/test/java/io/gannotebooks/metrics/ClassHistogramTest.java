package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ShapeClass;
import java.util.EnumSet;

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

    @Test
    void aSelectionOfClassesIsMeasuredAgainstTheClassesItDraws() {
        // squares alone: 90 % squares covers the one class drawn; the triangles it strays into have no share to reach
        var squares = new ClassHistogram(new int[]{5, 90, 5, 0, 0}, 80, 0.9, EnumSet.of(ShapeClass.SQUARE));
        assertEquals(1, squares.classesCovered(), 1e-12);
        assertEquals(0.5, squares.halfShare(), 1e-12);
        assertTrue(Double.isNaN(squares.normalizedEntropy()), "no spread to measure with one class");
        assertEquals(0, new ClassHistogram(new int[]{60, 40, 0, 0, 0}, 0, 0.9, EnumSet.of(ShapeClass.SQUARE))
                .classesCovered(), 1e-12);
        // discs and rings: half of 1/2 each
        var two = new ClassHistogram(new int[]{30, 0, 0, 70, 0}, 0, 0.9, EnumSet.of(ShapeClass.DISC, ShapeClass.RING));
        assertEquals(1, two.classesCovered(), 1e-12);
        var starved = new ClassHistogram(new int[]{20, 0, 0, 80, 0}, 0, 0.9, EnumSet.of(ShapeClass.DISC, ShapeClass.RING));
        assertEquals(0.5, starved.classesCovered(), 1e-12);
        double h = -(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8));
        assertEquals(h / Math.log(2), starved.normalizedEntropy(), 1e-12);
    }
}
