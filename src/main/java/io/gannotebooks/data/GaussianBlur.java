package io.gannotebooks.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softens images with a Gaussian blur of σ pixels: the yardstick for how crisp generated edges are
 * ({@code metrics.BlurLadder}). A real shape blurred by σ = 1 px is still plainly a shape to a person, yet
 * the quality measures read it far from the data: they reward edges as sharp as the renderer's.
 *
 * <pre>
 *   y[n, c, i, j] = Σ_{u, v} k(u) k(v) · x[n, c, clamp(i + u), clamp(j + v)],
 *   k(u) = exp(−u² / 2σ²) / Σ_w exp(−w² / 2σ²),  u ∈ [−⌈3σ⌉, ⌈3σ⌉]
 * </pre>
 * separable (a pass along the rows, then along the columns); pixels beyond the border repeat the edge pixel,
 * so a uniform image stays uniform.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** A blurred copy of {@code images} [N, C, H, W] (any floating type, kept); σ = 0 gives an unchanged copy. */
    public static INDArray apply(INDArray images, double sigma) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("images must be [N, C, H, W], got " + images.shapeInfoToString());
        }
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("the blur's sigma must be 0 or more pixels, got " + sigma);
        }
        if (sigma == 0) {
            return images.dup();
        }
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        int planes = (int) (images.size(0) * images.size(1));
        float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] kernel = kernel(sigma);
        int r = kernel.length / 2;
        float[] rows = new float[pixels.length];
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * height * width;
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    double sum = 0;
                    for (int u = -r; u <= r; u++) {
                        sum += kernel[u + r] * pixels[base + i * width + clamp(j + u, width)];
                    }
                    rows[base + i * width + j] = (float) sum;
                }
            }
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    double sum = 0;
                    for (int u = -r; u <= r; u++) {
                        sum += kernel[u + r] * rows[base + clamp(i + u, height) * width + j];
                    }
                    pixels[base + i * width + j] = (float) sum;
                }
            }
        }
        return Nd4j.create(pixels, images.shape(), 'c').castTo(images.dataType());
    }

    /** k(u) for u = −⌈3σ⌉ … ⌈3σ⌉, summing to 1. */
    public static double[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int u = -r; u <= r; u++) {
            k[u + r] = Math.exp(-u * u / (2 * sigma * sigma));
            total += k[u + r];
        }
        for (int u = 0; u < k.length; u++) {
            k[u] /= total;
        }
        return k;
    }

    private static int clamp(int i, int size) {
        return Math.max(0, Math.min(size - 1, i));
    }
}
