package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void argminIsTheFirstSmallest() {
        assertEquals(2, Series.argmin(new double[]{3, 1, -4, 5, -4}));
        assertEquals(0, Series.argmin(new double[]{7}));
        assertThrows(IllegalArgumentException.class, () -> Series.argmin(new double[0]));
    }

    @Test
    void aDampedOscillationSwingsLessInEachWindow() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(-i / 300.0) * Math.sin(i / 10.0);
        }
        double[] swings = Series.swings(v, 0, 200);
        assertEquals(5, swings.length);
        for (int w = 1; w < swings.length; w++) {
            assertEquals(Math.exp(-200 / 300.0), swings[w] / swings[w - 1], 0.05);
        }
    }

    @Test
    void windowsStartWhereAskedAndDropAShortTail() {
        double[] v = {0, 1, 5, 2, 9, 3, 3};
        // windows of 2 from index 1: [1, 5] [2, 9] [3, 3]
        assertArrayEquals(new double[]{4, 7, 0}, Series.swings(v, 1, 2), 0);
        // windows of 4 from 0: [0 1 5 2] and [9 3 3] (3 of 4 values, kept)
        assertArrayEquals(new double[]{5, 6}, Series.swings(v, 0, 4), 0);
        // windows of 5 from 0: [0 1 5 2 9], then 2 values (< half of 5) left out
        assertArrayEquals(new double[]{9}, Series.swings(v, 0, 5), 0);
    }
}
