package io.gannotebooks.plot;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Images [n, C, H, W] in [-1, 1] laid out as a near-square grid with a 2-pixel gutter. */
public final class ImageGrid {
    private static final int GUTTER = 2;
    private static final int GUTTER_RGB = 0x202020;

    private ImageGrid() {
    }

    public static BufferedImage of(INDArray images) {
        int n = (int) images.size(0);
        return of(images, (int) Math.ceil(Math.sqrt(n)));
    }

    public static BufferedImage of(INDArray images, int columns) {
        int n = (int) images.size(0);
        int channels = (int) images.size(1);
        int side = (int) images.size(2);
        int rows = (n + columns - 1) / columns;
        float[] data = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int cell = side + GUTTER;
        BufferedImage out = new BufferedImage(columns * cell + GUTTER, rows * cell + GUTTER, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, GUTTER_RGB);
            }
        }
        int plane = side * side;
        for (int i = 0; i < n; i++) {
            int ox = GUTTER + (i % columns) * cell;
            int oy = GUTTER + (i / columns) * cell;
            int base = i * channels * plane;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int p = base + y * side + x;
                    int r = level(data[p]);
                    int g = channels > 1 ? level(data[p + plane]) : r;
                    int b = channels > 2 ? level(data[p + 2 * plane]) : r;
                    out.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    /** [-1, 1] to 0..255, rounding to nearest. */
    static int level(float v) {
        int l = Math.round((v + 1f) * 127.5f);
        return Math.max(0, Math.min(255, l));
    }
}
