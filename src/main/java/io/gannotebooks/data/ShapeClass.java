package io.gannotebooks.data;

/**
 * The discrete factor of {@link ShapesDataset}: which outline is drawn.
 *
 * <p>Each class is a signed distance function in the shape's own frame (centred, unrotated), in pixels:
 * negative inside, positive outside. The renderer turns the distance into antialiased coverage, so every
 * class shares one drawing routine. The classes were picked to stay distinct at the smallest size drawn
 * even when rotated: a ring has a hole, a cross has concave corners, a triangle fills far less of its
 * circle than a square, a disc is the only one without corners.
 */
public enum ShapeClass {
    DISC {
        @Override
        double distance(double u, double v, double radius) {
            return Math.sqrt(u * u + v * v) - radius;
        }
    },
    SQUARE {
        @Override
        double distance(double u, double v, double radius) {
            // half-side r / √2: the corners touch the circle
            return box(u, v, radius * HALF_SQRT2, radius * HALF_SQRT2);
        }
    },
    TRIANGLE {
        @Override
        double distance(double u, double v, double radius) {
            return equilateralTriangle(u, v, radius);
        }
    },
    RING {
        @Override
        double distance(double u, double v, double radius) {
            // a band between 0.4 r and r: the hole is 8 px wide at the smallest size
            return Math.abs(Math.sqrt(u * u + v * v) - 0.7 * radius) - 0.3 * radius;
        }
    },
    CROSS {
        @Override
        double distance(double u, double v, double radius) {
            // arms 0.6 r wide, as long as the circle allows: corners at (0.954 r, 0.3 r) touch it
            double halfWidth = 0.3 * radius;
            double halfLength = Math.sqrt(radius * radius - halfWidth * halfWidth);
            return Math.min(box(u, v, halfLength, halfWidth), box(u, v, halfWidth, halfLength));
        }
    };

    private static final double HALF_SQRT2 = Math.sqrt(0.5);

    /** The class as commands and tables name it: "disc", "square", … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The class that {@link #word} names, if any. */
    public static java.util.Optional<ShapeClass> ofWord(String word) {
        return java.util.Arrays.stream(values()).filter(c -> c.word().equals(word)).findFirst();
    }

    /** Every class's word, as a list in a sentence: "disc, square, triangle, ring, cross". */
    public static String words() {
        return String.join(", ", java.util.Arrays.stream(values()).map(ShapeClass::word).toList());
    }

    /**
     * Signed distance in pixels from the point (u, v), in the shape's frame, to the outline of a shape
     * that just fits in a circle of the given radius (every class touches that circle, none leaves it).
     */
    abstract double distance(double u, double v, double radius);

    /** Exact distance to an axis-aligned box with half-sides (hu, hv). */
    private static double box(double u, double v, double hu, double hv) {
        double du = Math.abs(u) - hu;
        double dv = Math.abs(v) - hv;
        double outside = length(Math.max(du, 0), Math.max(dv, 0));
        return outside + Math.min(Math.max(du, dv), 0);
    }

    // Math.hypot guards against overflow we cannot have here, and is several times slower.
    private static double length(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    /**
     * Exact distance to an equilateral triangle with circumradius {@code radius}, apex towards -v, centroid at
     * the origin (the construction by Inigo Quilez: fold onto one edge by symmetry, then measure to a segment).
     */
    private static double equilateralTriangle(double u, double v, double radius) {
        double k = Math.sqrt(3);
        double halfSide = radius * k / 2;
        double x = Math.abs(u) - halfSide;
        double y = -v + halfSide / k;
        if (x + k * y > 0) {
            double fx = (x - k * y) / 2;
            double fy = (-k * x - y) / 2;
            x = fx;
            y = fy;
        }
        x -= Math.max(-2 * halfSide, Math.min(x, 0));
        return -length(x, y) * Math.signum(y);
    }
}
