package io.gannotebooks.data;

/**
 * Draws {@link ShapeFactors} by direct pixel maths: a coloured shape over a dark two-tone gradient.
 *
 * <p>Pixel maths rather than Java2D because it is several times faster for 64x64 images and gives the
 * same floats on every JDK and platform; antialiasing comes from the signed distance (a pixel half inside
 * the outline is half covered). Trigonometry goes through {@link StrictMath} for the same reason.
 */
final class ShapeRenderer {
    // Bright, fairly saturated shape over a dark, less saturated background: contrast in both
    // lightness and hue, so the shape is visible whatever the two hues are.
    private static final double SHAPE_SATURATION = 0.8;
    private static final double SHAPE_VALUE = 0.95;
    private static final double BACKGROUND_SATURATION = 0.6;
    private static final double BACKGROUND_DARK = 0.10;
    private static final double BACKGROUND_LIGHT = 0.38;

    private ShapeRenderer() {
    }

    /**
     * Writes one image into {@code dest} from {@code offset}: channel-first (3, side, side), values in
     * [-1, 1].
     */
    static void render(ShapeFactors factors, int side, float[] dest, int offset) {
        double[] shape = hsvToRgb(factors.hue(), SHAPE_SATURATION, SHAPE_VALUE);
        double[] dark = hsvToRgb(factors.backgroundHue(), BACKGROUND_SATURATION, BACKGROUND_DARK);
        double[] light = hsvToRgb(factors.backgroundHue(), BACKGROUND_SATURATION, BACKGROUND_LIGHT);
        double gradientX = StrictMath.cos(factors.lightDirection());
        double gradientY = StrictMath.sin(factors.lightDirection());
        float[] coverage = coverage(factors, side);
        int plane = side * side;
        for (int py = 0; py < side; py++) {
            double fy = (py + 0.5) / side - 0.5;
            for (int px = 0; px < side; px++) {
                double fx = (px + 0.5) / side - 0.5;
                // projection on the light direction, in [-0.71, 0.71] -> background mix in [0, 1]
                double t = 0.5 + (fx * gradientX + fy * gradientY) / Math.sqrt(2);
                double alpha = coverage[py * side + px];
                int at = offset + py * side + px;
                for (int c = 0; c < 3; c++) {
                    double background = dark[c] + (light[c] - dark[c]) * t;
                    double value = background + (shape[c] - background) * alpha;
                    dest[at + c * plane] = (float) (2 * value - 1);
                }
            }
        }
    }

    /** How much of each pixel (row-major, side x side) the shape covers, in [0, 1]. */
    static float[] coverage(ShapeFactors factors, int side) {
        float[] coverage = new float[side * side];
        double cx = factors.x() * side;
        double cy = factors.y() * side;
        double radius = factors.size() * side;
        double cos = StrictMath.cos(factors.rotation());
        double sin = StrictMath.sin(factors.rotation());
        ShapeClass shape = factors.shape();
        for (int py = 0; py < side; py++) {
            double dy = py + 0.5 - cy;
            for (int px = 0; px < side; px++) {
                double dx = px + 0.5 - cx;
                if (dx * dx + dy * dy > (radius + 1) * (radius + 1)) {
                    continue; // outside the circumscribed circle: no need to ask the shape
                }
                // rotate the pixel into the shape's frame rather than the shape into the image
                double u = cos * dx + sin * dy;
                double v = -sin * dx + cos * dy;
                double distance = shape.distance(u, v, radius);
                coverage[py * side + px] = (float) Math.max(0, Math.min(1, 0.5 - distance));
            }
        }
        return coverage;
    }

    /** HSV in [0, 1] to linear-in-value RGB in [0, 1]. */
    static double[] hsvToRgb(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h % 6;
        double f = h - Math.floor(h);
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        return switch (sector) {
            case 0 -> new double[]{value, t, p};
            case 1 -> new double[]{q, value, p};
            case 2 -> new double[]{p, value, t};
            case 3 -> new double[]{p, q, value};
            case 4 -> new double[]{t, p, value};
            default -> new double[]{value, p, q};
        };
    }
}
