package io.gannotebooks.data;

import java.awt.image.Raster;

/**
 * The raw samples of a 4-component JPEG (CMYK or YCCK) as three planes of sRGB values in [0, 255].
 *
 * <p>ImageIO's decoder refuses Adobe CMYK/YCCK JPEGs ("Unsupported Image Type") and mis-converts untagged
 * CMYK (black lifted to about 64/255, a red rose turning pink), so the decoder reads the raster without any
 * colour conversion and converts here. The conventions are libjpeg's and Photoshop's:
 * <ul>
 *   <li>no Adobe APP14 marker: plain CMYK, 0 = no ink;</li>
 *   <li>Adobe marker, transform 0: CMYK stored inverted, 255 = no ink;</li>
 *   <li>Adobe marker, transform 2: YCCK: the inks C, M, Y encoded as if they were R, G, B in JPEG's YCbCr,
 *       and K stored inverted (libjpeg's YCCK -> CMYK step followed by Photoshop's inversion, as libjpeg
 *       users such as PIL decode it).</li>
 * </ul>
 * Inks become light with the simple model R = (1 - C)(1 - K): Java ships no CMYK ICC profile, and print
 * profiles differ anyway; the colours land close to what viewers show without colour management.
 */
final class CmykPlanes {
    private CmykPlanes() {
    }

    /** Planes R, G, B of width x height values from a 4-band raster of 8-bit samples. */
    static float[] of(Raster raster, JpegHeader header) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int plane = width * height;
        float[] planes = new float[3 * plane];
        boolean inverted = header.hasAdobeMarker();
        boolean ycck = header.adobeTransform() == 2;
        int[] sample = new int[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, sample);
                float c;
                float m;
                float ye;
                if (ycck) {
                    // libjpeg's YCCK encoder stores 255 - C as "R" (and so on), and Photoshop feeds it inverted
                    // inks: the YCbCr channels decode to the inks themselves, JFIF's YCbCr -> RGB formulas
                    float luma = sample[0];
                    float cb = sample[1] - 128f;
                    float cr = sample[2] - 128f;
                    c = clamp(luma + 1.402f * cr);
                    m = clamp(luma - 0.344136f * cb - 0.714136f * cr);
                    ye = clamp(luma + 1.772f * cb);
                } else {
                    c = sample[0];
                    m = sample[1];
                    ye = sample[2];
                }
                float k = sample[3];
                if (inverted && !ycck) {
                    c = 255f - c;
                    m = 255f - m;
                    ye = 255f - ye;
                }
                if (inverted) {
                    k = 255f - k;
                }
                float light = (255f - k) / 255f;
                int at = y * width + x;
                planes[at] = (255f - c) * light;
                planes[at + plane] = (255f - m) * light;
                planes[at + 2 * plane] = (255f - ye) * light;
            }
        }
        return planes;
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(255f, value));
    }
}
