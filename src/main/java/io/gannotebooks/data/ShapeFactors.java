package io.gannotebooks.data;

/**
 * The generating factors of one {@link ShapesDataset} image: everything needed to draw it.
 *
 * <p>Positions and sizes are fractions of the image side, so the factors read the same at any resolution.
 *
 * @param shape          the class, the one discrete factor
 * @param x              centre of the shape, from the left edge, in [0, 1]
 * @param y              centre of the shape, from the top edge, in [0, 1]
 * @param size           radius of the shape's circumscribed circle, as a fraction of the side
 * @param rotation       rotation of the shape in radians, in [0, 2π)
 * @param hue            hue of the shape, in [0, 1) (0 red, 1/3 green, 2/3 blue)
 * @param backgroundHue  hue of the background, at least a quarter turn away from {@code hue}
 * @param lightDirection direction in radians in which the dark background gets lighter, in [0, 2π)
 */
public record ShapeFactors(ShapeClass shape, double x, double y, double size, double rotation, double hue,
                           double backgroundHue, double lightDirection) {

    public ShapeFactors {
        if (shape == null) {
            throw new IllegalArgumentException("shape class is required");
        }
        if (!(size > 0)) {
            throw new IllegalArgumentException("shape size must be positive: " + size);
        }
    }

    /** The same image with the shape turned to {@code radians}. */
    public ShapeFactors withRotation(double radians) {
        return new ShapeFactors(shape, x, y, size, radians, hue, backgroundHue, lightDirection);
    }
}
