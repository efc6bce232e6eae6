package io.gannotebooks.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageConversionTest {

    @Test
    void mapsMinusOneToOneOntoByteRangeAndClips() {
        float[] chw = new float[3 * 2 * 2];
        chw[0] = -1f;            // R of (0, 0)
        chw[4] = 1f;             // G of (0, 0)
        chw[8] = 0f;             // B of (0, 0)
        chw[1] = 5f;             // R of (1, 0), clipped
        chw[5] = -3f;            // G of (1, 0), clipped
        BufferedImage image = ImageConversion.toImage(chw, 0, 2);
        assertEquals(0x00FF80, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF0080, image.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void bytesRoundTrip() {
        for (int level = 0; level < 256; level++) {
            float value = ImageConversion.fromByte(level);
            assertEquals(level, ImageConversion.toByte(value));
        }
        assertEquals(-1f, ImageConversion.fromByte(0));
        assertEquals(1f, ImageConversion.fromByte(255));
    }

    @Test
    void readsFromAnOffset() {
        float[] chw = new float[2 * 3];
        Arrays.fill(chw, -1f);
        chw[3] = 1f; // second 1x1 image, red channel
        assertEquals(0xFF0000, ImageConversion.toImage(chw, 3, 1).getRGB(0, 0) & 0xFFFFFF);
        assertThrows(IllegalArgumentException.class, () -> ImageConversion.toImage(chw, 4, 1));
    }
}
