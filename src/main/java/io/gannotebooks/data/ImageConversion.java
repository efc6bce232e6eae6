package io.gannotebooks.data;

import java.awt.image.BufferedImage;

/** Between the network's pixels (channel-first floats in [-1, 1]) and pictures (8-bit sRGB). */
public final class ImageConversion {
    private ImageConversion() {
    }

    /**
     * The RGB image stored at {@code chw[offset ..]} as 3 planes of side x side floats in [-1, 1]. Values
     * outside that range (an untrained generator can produce them) are clipped, not wrapped.
     */
    public static BufferedImage toImage(float[] chw, int offset, int side) {
        int plane = side * side;
        if (offset < 0 || chw.length - offset < 3 * plane) {
            throw new IllegalArgumentException("need 3 x " + side + " x " + side + " floats from offset " + offset
                    + ", the array has " + chw.length);
        }
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int at = offset + y * side + x;
                row[x] = toByte(chw[at]) << 16 | toByte(chw[at + plane]) << 8 | toByte(chw[at + 2 * plane]);
            }
            image.setRGB(0, y, side, 1, row, 0, side);
        }
        return image;
    }

    /** [-1, 1] to 0..255, the inverse of the 0..255 -> [-1, 1] scaling used when images are loaded. */
    static int toByte(float value) {
        int level = Math.round((value + 1) * 127.5f);
        return Math.max(0, Math.min(255, level));
    }

    /** 0..255 to [-1, 1]; exact at both ends (0 -> -1, 255 -> 1). */
    static float fromByte(int level) {
        return level / 127.5f - 1f;
    }
}
