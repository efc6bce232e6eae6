package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LatentNoiseTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void untruncatedNoiseIsThePlainDraw() {
        float[] plain = LatentNoise.sample(5, 2, 3, 50, 100, DataType.FLOAT).data().asFloat();
        float[] wide = LatentNoise.sample(5, 2, 3, 50, 100, DataType.FLOAT, LatentNoise.UNTRUNCATED).data().asFloat();
        assertArrayEquals(plain, wide);
    }

    @Test
    void truncatedNoiseStaysWithinPsiAndKeepsTheStandardNormalsShapeInside() {
        double psi = 1.0;
        float[] z = LatentNoise.sample(5, 2, 3, 200, 100, DataType.FLOAT, psi).data().asFloat();
        double sum = 0;
        double squares = 0;
        for (float v : z) {
            assertTrue(Math.abs(v) <= psi, "value " + v + " outside ±" + psi);
            sum += v;
            squares += v * v;
        }
        // N(0, 1) conditioned on |z| ≤ 1: mean 0, variance 1 − 2φ(1)/(2Φ(1) − 1) = 0.2911
        assertEquals(0, sum / z.length, 0.01);
        assertEquals(0.2911, squares / z.length, 0.01);
        assertThrows(IllegalArgumentException.class, () -> LatentNoise.sample(1, 1, 1, 1, 1, DataType.FLOAT, 0));
    }
}
