package io.gannotebooks.data;

import io.gannotebooks.util.Streams;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The built-in dataset: coloured shapes drawn on the fly, no download, the default everywhere.
 *
 * <p>Every image is drawn from known {@link ShapeFactors}: one discrete factor (the {@link ShapeClass}) and
 * continuous position, size, rotation and colours. A sample grid therefore shows at a glance what a GAN has
 * learned (are all five classes there, in every colour, everywhere in the frame?) and a classifier trained
 * on {@link #label(int)} can score generated images.
 *
 * <p>Image {@code i} is a pure function of (seed, i): its factors come from a random stream keyed by both,
 * so any index can be drawn in any order, from any thread, with the same result.
 */
public final class ShapesDataset implements ImageDataset {
    public static final int IMAGE_SIZE = 64;

    /**
     * Smallest and largest radius of the shape's circle, as a fraction of the side: 10 to 20 px at 64 px.
     * At 10 px the ring's hole is still 8 px wide and the square's corners stand out from the disc.
     */
    static final double MIN_SIZE = 10.0 / IMAGE_SIZE;
    static final double MAX_SIZE = 20.0 / IMAGE_SIZE;
    /** Gap kept between the shape and the border, as a fraction of the side (1.5 px). */
    private static final double MARGIN = 1.5 / IMAGE_SIZE;

    private final long seed;
    private final int size;

    public ShapesDataset(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a shapes dataset needs at least one image: " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    /** The default dataset of the course: seed 1, 20000 images of 64x64. */
    public static ShapesDataset standard() {
        return new ShapesDataset(1, 20_000);
    }

    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return "shapes (seed " + seed + ", " + size + " images)";
    }

    /** "shapes" for the course's {@link #standard} set, which {@link Datasets#open} reopens; else the name. */
    @Override
    public String spec() {
        return seed == 1 && size == 20_000 ? Datasets.SHAPES : name();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int imageSize() {
        return IMAGE_SIZE;
    }

    /** Number of shape classes, the range of {@link #label(int)}. */
    public int classCount() {
        return ShapeClass.values().length;
    }

    /** The class of image {@code index}, as the ordinal of its {@link ShapeClass}. */
    public int label(int index) {
        return factors(index).shape().ordinal();
    }

    /** Everything that decides image {@code index}. */
    public ShapeFactors factors(int index) {
        Objects.checkIndex(index, size);
        var random = Streams.of(seed, Streams.SHAPES, index);
        ShapeClass[] classes = ShapeClass.values();
        ShapeClass shape = classes[random.nextInt(classes.length)];
        double radius = random.nextDouble(MIN_SIZE, MAX_SIZE);
        // the whole shape stays inside the frame: the centre ranges over what is left
        double low = radius + MARGIN;
        double high = 1 - radius - MARGIN;
        double x = random.nextDouble(low, high);
        double y = random.nextDouble(low, high);
        double rotation = random.nextDouble(0, 2 * Math.PI);
        double hue = random.nextDouble();
        // a quarter to three quarters of a turn away: never the same colour family as the shape
        double backgroundHue = (hue + random.nextDouble(0.25, 0.75)) % 1.0;
        double lightDirection = random.nextDouble(0, 2 * Math.PI);
        return new ShapeFactors(shape, x, y, radius, rotation, hue, backgroundHue, lightDirection);
    }

    @Override
    public void fill(int[] indices, float[] dest) {
        int imageLength = 3 * IMAGE_SIZE * IMAGE_SIZE;
        for (int k = 0; k < indices.length; k++) {
            ShapeRenderer.render(factors(indices[k]), IMAGE_SIZE, dest, k * imageLength);
        }
    }

    /** Image {@code index} as an RGB picture, for notebooks. */
    public BufferedImage image(int index) {
        float[] pixels = new float[3 * IMAGE_SIZE * IMAGE_SIZE];
        fill(new int[]{index}, pixels);
        return ImageConversion.toImage(pixels, 0, IMAGE_SIZE);
    }
}
