package io.gannotebooks.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResamplerTest {

    @Test
    void shrinkingAveragesTheCoveredArea() {
        // 4x4 of one channel -> 2x2: each output pixel is the mean of a 2x2 block
        float[] in = {
                0, 2, 10, 10,
                4, 6, 10, 10,
                1, 1, 0, 0,
                1, 1, 0, 8};
        assertArrayEquals(new float[]{3, 10, 1, 2}, Resampler.resize(in, 1, 4, 2), 1e-5f);
    }

    @Test
    void shrinkingByAFractionKeepsTheMean() {
        float[] in = new float[3 * 100 * 100];
        for (int i = 0; i < in.length; i++) {
            in[i] = i % 7 * 10;
        }
        float[] out = Resampler.resize(in, 3, 100, 64);
        assertEquals(mean(in), mean(out), 0.5);
    }

    @Test
    void constantPlanesStayConstantAtAnySize() {
        for (int from : new int[]{1, 2, 3, 63, 64, 65, 1000}) {
            float[] in = new float[2 * from * from];
            Arrays.fill(in, 0, from * from, 200f);
            Arrays.fill(in, from * from, in.length, 17f);
            float[] out = Resampler.resize(in, 2, from, 64);
            for (int i = 0; i < out.length; i++) {
                assertEquals(i < 64 * 64 ? 200f : 17f, out[i], 1e-3f, "from " + from + " at " + i);
            }
        }
    }

    @Test
    void sameSizeIsTheIdentity() {
        float[] in = new float[16];
        for (int i = 0; i < in.length; i++) {
            in[i] = i * i;
        }
        assertArrayEquals(in, Resampler.resize(in, 1, 4, 4), 1e-4f);
    }

    @Test
    void enlargingInterpolatesBetweenPixels() {
        float[] out = Resampler.resize(new float[]{0, 100, 0, 100}, 1, 2, 4);
        // each row: edges keep the end values, the inner pixels lie a quarter and three quarters between
        assertArrayEquals(new float[]{0, 25, 75, 100}, Arrays.copyOf(out, 4), 1e-4f);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
