package io.gannotebooks.model;

import io.gannotebooks.data.GaussianBlur;
import io.gannotebooks.util.Streams;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable augmentation of what D sees (Zhao et al. 2020, "DiffAugment"): every image shown to D,
 * real or generated, in D's step and in G's step, is first randomly recoloured, shifted and partly masked.
 * D can no longer win on details no augmented image keeps, and because each transform is differentiable,
 * G still gets its gradient: {@link Applied#backward} maps the gradient with respect to the augmented
 * images back to the images G drew.
 *
 * <p>All transforms are linear in the image, so each backward is the transpose of its forward:
 * <ul>
 *   <li>brightness: y = x + b, b ~ U[−½, ½) per image; ∂x = ∂y</li>
 *   <li>saturation: y = s (x − m) + m, m the mean over the 3 channels of each pixel, s ~ U[0, 2);
 *       ∂x = s ∂y + (1 − s)/3 Σ_c ∂y</li>
 *   <li>contrast: y = c (x − M) + M, M the mean of the whole image, c ~ U[½, 3/2);
 *       ∂x = c ∂y + (1 − c)/(3HW) Σ ∂y</li>
 *   <li>translation by up to ⅛ of the side in each direction, zeros shifted in; ∂x is ∂y shifted back</li>
 *   <li>cutout: a square of half the side set to 0; ∂x = ∂y outside it, 0 inside</li>
 *   <li>blur, last and not random: a Gaussian of σ = {@value #BLUR_SIGMA} px, zeros beyond the border. Its
 *       matrix is symmetric (the kernel is, and zero padding keeps every row the mirror of its column), so
 *       ∂x is the same blur of ∂y. Not DiffAugment's: it answers bench/PixelAscent.java, where D's gradient,
 *       followed in pixel space, grows spikes and texture finer than a pixel before it straightens an
 *       outline; through the blur G gets only D's gradient at the scale of outlines.</li>
 * </ul>
 * Draws are a pure function of (seed, iteration, which batch), so a resumed run augments as the
 * uninterrupted one did.
 *
 * @param colour      brightness, saturation and contrast
 * @param translation shifts of up to side/8
 * @param cutout      a masked square of side/2
 * @param blur        a Gaussian blur of σ = {@value #BLUR_SIGMA} px
 */
public record Augmentation(boolean colour, boolean translation, boolean cutout, boolean blur) {
    public static final Augmentation NONE = new Augmentation(false, false, false, false);
    /** DiffAugment's policy: colour, translation and cutout. */
    public static final Augmentation ALL = new Augmentation(true, true, true, false);
    static final double BLUR_SIGMA = 1.0;
    /** The blur's taps, w(d) ∝ exp(−d²/2σ²) for |d| ≤ 3σ, summing to 1. */
    private static final double[] BLUR_TAPS = GaussianBlur.kernel(BLUR_SIGMA);

    public boolean isNone() {
        return !colour && !translation && !cutout && !blur;
    }

    /** "colour,translation,cutout", "blur", "none", or any comma-separated subset. */
    public static Augmentation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.isEmpty()) {
            return NONE;
        }
        boolean c = false, tr = false, cu = false, bl = false;
        for (String part : t.split(",")) {
            switch (part.trim()) {
                case "colour", "color" -> c = true;
                case "translation" -> tr = true;
                case "cutout" -> cu = true;
                case "blur" -> bl = true;
                default -> throw new IllegalArgumentException("unknown augmentation '" + part.trim()
                        + "' (choose from colour, translation, cutout, blur, none)");
            }
        }
        return new Augmentation(c, tr, cu, bl);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        if (colour) s.append("colour,");
        if (translation) s.append("translation,");
        if (cutout) s.append("cutout,");
        if (blur) s.append("blur,");
        return s.substring(0, s.length() - 1);
    }

    /** Augments {@code images} [B, 3, S, S] with draws from {@code random}; the input is not changed. */
    public Applied apply(INDArray images, Streams.Generator random) {
        if (isNone()) {
            return new Applied(images, null, 0, 0); // D sees the images themselves; the gradient passes unchanged
        }
        int b = (int) images.size(0);
        int channels = (int) images.size(1);
        int side = (int) images.size(2);
        Draws draws = new Draws(b, side, random);
        double[] x = images.dup('c').data().asDouble(); // double: exact in the double-precision gradient tests
        double[] y = forward(x, b, channels, side, draws);
        return new Applied(Nd4j.create(y, images.shape(), 'c').castTo(images.dataType()), draws, channels, side);
    }

    /** Augmented images and what it takes to send a gradient back through the augmentation. */
    public final class Applied {
        private final INDArray images;
        private final Draws draws;
        private final int channels;
        private final int side;

        private Applied(INDArray images, Draws draws, int channels, int side) {
            this.images = images;
            this.draws = draws;
            this.channels = channels;
            this.side = side;
        }

        /** The augmented images [B, 3, S, S]. */
        public INDArray images() {
            return images;
        }

        /** ∂L/∂x from ∂L/∂y, y the augmented images: the transpose of each step, in reverse order. */
        public INDArray backward(INDArray gradient) {
            if (draws == null) {
                return gradient;
            }
            int b = (int) gradient.size(0);
            double[] g = gradient.dup('c').data().asDouble();
            int plane = side * side;
            int image = channels * plane;
            for (int n = 0; n < b; n++) {
                int o = n * image;
                if (blur) {
                    blur(g, o, channels, side); // symmetric: its own transpose
                }
                if (cutout) {
                    cut(g, o, channels, side, draws.cutX[n], draws.cutY[n], draws.cutSide);
                }
                if (translation) {
                    shift(g, o, channels, side, -draws.shiftX[n], -draws.shiftY[n]);
                }
                if (colour) {
                    // contrast, transposed: c ∂y + (1 − c)/N Σ ∂y
                    double total = 0;
                    for (int i = 0; i < image; i++) {
                        total += g[o + i];
                    }
                    double c = draws.contrast[n];
                    double add = (1 - c) * total / image;
                    for (int i = 0; i < image; i++) {
                        g[o + i] = c * g[o + i] + add;
                    }
                    // saturation, transposed: s ∂y + (1 − s)/C Σ_c ∂y
                    double s = draws.saturation[n];
                    for (int p = 0; p < plane; p++) {
                        double sum = 0;
                        for (int ch = 0; ch < channels; ch++) {
                            sum += g[o + ch * plane + p];
                        }
                        double shared = (1 - s) * sum / channels;
                        for (int ch = 0; ch < channels; ch++) {
                            g[o + ch * plane + p] = s * g[o + ch * plane + p] + shared;
                        }
                    }
                    // brightness adds a constant: its gradient passes unchanged
                }
            }
            return Nd4j.create(g, gradient.shape(), 'c').castTo(gradient.dataType());
        }
    }

    private double[] forward(double[] x, int b, int channels, int side, Draws draws) {
        int plane = side * side;
        int image = channels * plane;
        for (int n = 0; n < b; n++) {
            int o = n * image;
            if (colour) {
                double bright = draws.brightness[n];
                for (int i = 0; i < image; i++) {
                    x[o + i] += bright;
                }
                double s = draws.saturation[n];
                for (int p = 0; p < plane; p++) {
                    double mean = 0;
                    for (int ch = 0; ch < channels; ch++) {
                        mean += x[o + ch * plane + p];
                    }
                    mean /= channels;
                    for (int ch = 0; ch < channels; ch++) {
                        int i = o + ch * plane + p;
                        x[i] = s * (x[i] - mean) + mean;
                    }
                }
                double total = 0;
                for (int i = 0; i < image; i++) {
                    total += x[o + i];
                }
                double mean = total / image;
                double c = draws.contrast[n];
                for (int i = 0; i < image; i++) {
                    x[o + i] = c * (x[o + i] - mean) + mean;
                }
            }
            if (translation) {
                shift(x, o, channels, side, draws.shiftX[n], draws.shiftY[n]);
            }
            if (cutout) {
                cut(x, o, channels, side, draws.cutX[n], draws.cutY[n], draws.cutSide);
            }
            if (blur) {
                blur(x, o, channels, side);
            }
        }
        return x;
    }

    /** In place, each plane: the separable Gaussian along rows, then along columns, zeros beyond the border. */
    private static void blur(double[] a, int offset, int channels, int side) {
        double[] plane = new double[side * side];
        for (int ch = 0; ch < channels; ch++) {
            int base = offset + ch * side * side;
            gaussianLines(a, base, plane, 0, side, 1, side);  // along each row into the scratch plane
            gaussianLines(plane, 0, a, base, side, side, 1);  // along each column back into the image
        }
    }

    /**
     * One pass of the separable blur over the side lines of a side × side plane: pixel i of line l sits at
     * {@code base + l·lineStep + i·step} (rows: step 1, lineStep side; columns: step side, lineStep 1).
     */
    private static void gaussianLines(double[] from, int fromBase, double[] to, int toBase, int side, int step,
                                      int lineStep) {
        int radius = BLUR_TAPS.length / 2;
        for (int line = 0; line < side; line++) {
            for (int i = 0; i < side; i++) {
                double sum = 0;
                for (int k = Math.max(-radius, -i); k <= Math.min(radius, side - 1 - i); k++) {
                    sum += BLUR_TAPS[k + radius] * from[fromBase + line * lineStep + (i + k) * step];
                }
                to[toBase + line * lineStep + i * step] = sum;
            }
        }
    }

    /** In place: pixel (r, c) takes the value of (r − dy, c − dx), zero where that is outside. */
    private static void shift(double[] a, int offset, int channels, int side, int dx, int dy) {
        double[] copy = new double[side * side];
        for (int ch = 0; ch < channels; ch++) {
            int base = offset + ch * side * side;
            System.arraycopy(a, base, copy, 0, copy.length);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int sr = r - dy;
                    int sc = c - dx;
                    a[base + r * side + c] = sr >= 0 && sr < side && sc >= 0 && sc < side ? copy[sr * side + sc] : 0;
                }
            }
        }
    }

    private static void cut(double[] a, int offset, int channels, int side, int x0, int y0, int size) {
        for (int ch = 0; ch < channels; ch++) {
            int base = offset + ch * side * side;
            for (int r = y0; r < y0 + size; r++) {
                for (int c = x0; c < x0 + size; c++) {
                    a[base + r * side + c] = 0;
                }
            }
        }
    }

    /** One batch's random draws, made up front so forward and backward use the same ones. */
    private static final class Draws {
        final float[] brightness;
        final float[] saturation;
        final float[] contrast;
        final int[] shiftX;
        final int[] shiftY;
        final int[] cutX;
        final int[] cutY;
        final int cutSide;

        Draws(int b, int side, Streams.Generator random) {
            brightness = new float[b];
            saturation = new float[b];
            contrast = new float[b];
            shiftX = new int[b];
            shiftY = new int[b];
            cutX = new int[b];
            cutY = new int[b];
            int maxShift = side / 8;
            cutSide = side / 2;
            // always the same number of draws per image, whatever the policy: the streams stay aligned
            for (int n = 0; n < b; n++) {
                brightness[n] = (float) random.nextDouble(-0.5, 0.5);
                saturation[n] = (float) random.nextDouble(0, 2);
                contrast[n] = (float) random.nextDouble(0.5, 1.5);
                shiftX[n] = random.nextInt(2 * maxShift + 1) - maxShift;
                shiftY[n] = random.nextInt(2 * maxShift + 1) - maxShift;
                cutX[n] = random.nextInt(side - cutSide + 1);
                cutY[n] = random.nextInt(side - cutSide + 1);
            }
        }
    }
}
