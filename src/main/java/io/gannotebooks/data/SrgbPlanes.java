package io.gannotebooks.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Any decoded picture as three planes of sRGB values in [0, 255], transparency flattened onto white.
 *
 * <p>Colour images go through {@link BufferedImage#getRGB}, which already converts every colour model
 * ImageIO produces (palettes, 16-bit channels, premultiplied alpha) to 8-bit sRGB. Grayscale is read from
 * the raster instead: Java tags gray images with a linear colour space, so getRGB would brighten a PNG's
 * mid-grey 128 to 188, while PNG and JPEG gray values are already gamma-encoded like sRGB.
 */
final class SrgbPlanes {
    /**
     * Transparent pixels become white: the convention of the icon and sprite sets that carry alpha.
     * Changing it changes decoded pixels, so {@link CacheHeader#FORMAT_VERSION} must change with it.
     */
    static final float BACKGROUND = 255f;

    private SrgbPlanes() {
    }

    /** Planes R, G, B of width x height values each, one after another. */
    static float[] of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        boolean gray = model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        return gray ? fromGray(image, model) : fromRgb(image);
    }

    private static float[] fromRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] planes = new float[3 * plane];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // non-premultiplied ARGB, whatever the source
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                float alpha = (argb >>> 24) / 255f;
                int at = y * width + x;
                planes[at] = over((argb >> 16) & 0xFF, alpha);
                planes[at + plane] = over((argb >> 8) & 0xFF, alpha);
                planes[at + 2 * plane] = over(argb & 0xFF, alpha);
            }
        }
        return planes;
    }

    private static float[] fromGray(BufferedImage image, ColorModel model) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] planes = new float[3 * plane];
        Raster raster = image.getRaster();
        // 8- or 16-bit samples (and 1, 2, 4-bit ones) are scaled to 0..255 by their own maximum
        float grayMax = (1 << model.getComponentSize(0)) - 1;
        boolean hasAlpha = model.hasAlpha();
        float alphaMax = hasAlpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float value = raster.getSample(x, y, 0) * 255f / grayMax;
                float alpha = hasAlpha ? raster.getSample(x, y, 1) / alphaMax : 1f;
                if (model.isAlphaPremultiplied()) {
                    value = alpha > 0 ? value / alpha : 0;
                }
                float level = over(value, alpha);
                int at = y * width + x;
                planes[at] = level;
                planes[at + plane] = level;
                planes[at + 2 * plane] = level;
            }
        }
        return planes;
    }

    private static float over(float value, float alpha) {
        return value * alpha + BACKGROUND * (1 - alpha);
    }
}
