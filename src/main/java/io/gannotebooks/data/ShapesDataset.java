package io.gannotebooks.data;

import io.gannotebooks.util.Streams;

import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 *
 * <p>A {@linkplain #select selection} keeps some classes of a set and may draw them upright (rotation 0):
 * {@code --data shapes:square,upright} is the standard set's 3 983 squares, each as it is there but unrotated.
 * The generator averages the factors it has not separated (docs/convergence.md): a square averaged over its
 * rotations is a disc, so these are the sets on which the course's GAN draws crisp shapes in a short run.
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

    /** The word of a selection that draws every shape at rotation 0. */
    public static final String UPRIGHT = "upright";

    private final long seed;
    /** Images of the whole set, before any selection. */
    private final int size;
    private final Set<ShapeClass> classes;
    private final boolean upright;
    /** Indices into the whole set of the images kept, in order; null when every class is kept. */
    private final int[] kept;

    public ShapesDataset(long seed, int size) {
        this(seed, size, EnumSet.allOf(ShapeClass.class), false);
    }

    private ShapesDataset(long seed, int size, Set<ShapeClass> classes, boolean upright) {
        if (size < 1) {
            throw new IllegalArgumentException("a shapes dataset needs at least one image: " + size);
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a shapes selection needs at least one class");
        }
        this.seed = seed;
        this.size = size;
        this.classes = Set.copyOf(EnumSet.copyOf(classes));
        this.upright = upright;
        this.kept = classes.size() == ShapeClass.values().length ? null
                : IntStream.range(0, size).filter(i -> classes.contains(drawn(i).shape())).toArray();
        if (kept != null && kept.length == 0) {
            throw new IllegalArgumentException("no image of " + classes + " among the " + size + " of seed " + seed);
        }
    }

    /** The default dataset of the course: seed 1, 20000 images of 64x64. */
    public static ShapesDataset standard() {
        return new ShapesDataset(1, 20_000);
    }

    /**
     * The images of {@code classes} among the whole set of this seed and size (a selection of a selection
     * selects from the whole set again), drawn {@code upright} (rotation 0) or at their own rotations; everything
     * else about each image (place, size, colours, light) as in the whole set.
     */
    public ShapesDataset select(Set<ShapeClass> classes, boolean upright) {
        return new ShapesDataset(seed, size, classes, upright);
    }

    /**
     * The standard set's selection that {@code words} name, as {@code --data shapes:WORDS} spells it:
     * comma-separated class names (disc, square, triangle, ring, cross; all five when none is named) and
     * {@value #UPRIGHT}. Unknown or repeated words are a one-line error.
     */
    public static ShapesDataset selection(String words) {
        Set<ShapeClass> named = EnumSet.noneOf(ShapeClass.class);
        boolean upright = false;
        for (String word : words.split(",", -1)) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            boolean repeated;
            if (w.equals(UPRIGHT)) {
                repeated = upright;
                upright = true;
            } else {
                ShapeClass c = ShapeClass.ofWord(w).orElseThrow(() -> new IllegalArgumentException("'" + word.strip()
                        + "' in --data " + Datasets.SHAPES_SELECTION + words + " is not a shape class ("
                        + ShapeClass.words() + ") nor '" + UPRIGHT + "'"));
                repeated = !named.add(c);
            }
            if (repeated) {
                throw new IllegalArgumentException("'" + w + "' is named twice in --data " + Datasets.SHAPES_SELECTION + words);
            }
        }
        return standard().select(named.isEmpty() ? EnumSet.allOf(ShapeClass.class) : named, upright);
    }

    /** The classes this set draws. */
    public Set<ShapeClass> classes() {
        return classes;
    }

    /** Whether every shape is drawn at rotation 0. */
    public boolean upright() {
        return upright;
    }

    private boolean selected() {
        return kept != null || upright;
    }

    /** "square,upright" for a selection of squares drawn upright: the words after "shapes:". */
    private String selectionWords() {
        String names = kept == null ? "" : EnumSet.copyOf(classes).stream().map(ShapeClass::word)
                .collect(Collectors.joining(","));
        return upright ? (names.isEmpty() ? UPRIGHT : names + "," + UPRIGHT) : names;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return selected() ? Datasets.SHAPES_SELECTION + selectionWords() + " (" + size() + " of the " + size
                + " images of seed " + seed + ")" : "shapes (seed " + seed + ", " + size + " images)";
    }

    /**
     * "shapes" for the course's {@link #standard} set and "shapes:WORDS" for its selections, which
     * {@link Datasets#open} reopens; else the name.
     */
    @Override
    public String spec() {
        if (seed != 1 || size != 20_000) {
            return name();
        }
        return selected() ? Datasets.SHAPES_SELECTION + selectionWords() : Datasets.SHAPES;
    }

    @Override
    public int size() {
        return kept == null ? size : kept.length;
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
        Objects.checkIndex(index, size());
        ShapeFactors f = drawn(kept == null ? index : kept[index]);
        return upright ? f.withRotation(0) : f;
    }

    /** The factors of image {@code index} of the whole set. */
    private ShapeFactors drawn(int index) {
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
