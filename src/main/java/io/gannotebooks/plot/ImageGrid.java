package io.gannotebooks.plot;

import io.gannotebooks.data.ImageConversion;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** RGB images [n, 3, H, W] in [-1, 1] laid out as a grid with a 2-pixel gutter. */
public final class ImageGrid {
    private static final int GUTTER = 2;
    private static final Color GUTTER_COLOR = new Color(0x202020);

    private ImageGrid() {
    }

    /** A near-square grid. */
    public static BufferedImage of(INDArray images) {
        int n = (int) images.size(0);
        return of(images, (int) Math.ceil(Math.sqrt(n)));
    }

    public static BufferedImage of(INDArray images, int columns) {
        return of(tiles(images), columns);
    }

    /** Each image of the batch as a picture. */
    public static List<BufferedImage> tiles(INDArray images) {
        if (images.rank() != 4 || images.size(1) != 3 || images.size(2) != images.size(3)) {
            throw new IllegalArgumentException("expected square RGB images [n, 3, side, side], got "
                    + java.util.Arrays.toString(images.shape()));
        }
        int n = (int) images.size(0);
        int side = (int) images.size(2);
        float[] data = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> ImageConversion.toImage(data, i * 3 * side * side, side)).toList();
    }

    /** Pictures of equal size in rows of {@code columns}. */
    public static BufferedImage of(List<BufferedImage> tiles, int columns) {
        if (tiles.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one image and one column");
        }
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * (w + GUTTER) + GUTTER, rows * (h + GUTTER) + GUTTER,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(GUTTER_COLOR);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i), GUTTER + (i % columns) * (w + GUTTER), GUTTER + (i / columns) * (h + GUTTER), null);
        }
        g.dispose();
        return out;
    }

    /** The picture scaled by an integer factor with hard pixel edges, for display in a notebook. */
    public static BufferedImage enlarged(BufferedImage image, int factor) {
        BufferedImage out = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
