import io.gannotebooks.data.GaussianBlur;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.data.ShapesDataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What does a run's discriminator attend to? Scores D(x) of a checkpoint's D on images that differ from the
 * training images in one respect each:
 * <ul>
 *   <li>the training images themselves, and real shapes it never saw (another seed): a gap is memorisation;</li>
 *   <li>real shapes blurred by a Gaussian of σ px: edges softened, geometry kept;</li>
 *   <li>real shapes under a smooth random displacement of about A px: outlines wobble like a generator's
 *       blobs (sides not straight, corners rounded), colours, sizes, places and background unchanged;</li>
 *   <li>the run's generator and its running average on fresh noise.</li>
 * </ul>
 * If D rates wobbly real shapes as real as straight ones, its gradient cannot teach G the shapes' geometry.
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/DProbe.java RUN [N]
 */
public class DProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("checkpoint");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        MultiLayerNetwork d = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("discriminator.zip").toFile(), false);
        ImageDataset train = ShapesDataset.standard();
        ImageDataset unseen = new ShapesDataset(2, n);
        Random random = new Random(11);
        int[] picked = random.ints(n, 0, train.size()).toArray();
        int[] first = new int[n];
        Arrays.setAll(first, i -> i);
        INDArray real = train.batch(picked);
        row("training images", d, real);
        row("unseen real shapes (seed 2)", d, unseen.batch(first));
        for (double sigma : new double[]{0.5, 1, 2}) {
            row("training images blurred, σ = " + sigma + " px", d, GaussianBlur.apply(real, sigma));
        }
        for (double amplitude : new double[]{1, 2, 3}) {
            row("training images warped, ≈ " + amplitude + " px", d, warped(real, amplitude, new Random(5)));
        }
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.randn(DataType.FLOAT, n, 100);
        for (String name : new String[]{"generator.zip", "generator-average.zip"}) {
            if (!java.nio.file.Files.exists(dir.resolve(name))) {
                continue; // a run without --ema has no average
            }
            MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(name).toFile(), false);
            row("drawn by " + name, d, g.output(z, false));
        }
    }

    static void row(String what, MultiLayerNetwork d, INDArray images) {
        double[] scores = new double[(int) images.size(0)];
        for (int from = 0; from < scores.length; from += 64) {
            int to = Math.min(scores.length, from + 64);
            INDArray out = d.output(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)), false);
            for (int i = from; i < to; i++) {
                scores[i] = out.getDouble(i - from, 0);
            }
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(scores).average().orElse(0);
        System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f |%n", what, mean, sorted[sorted.length / 4],
                sorted[sorted.length / 2], sorted[3 * sorted.length / 4]);
    }

    /**
     * Each image resampled (bilinear, clamped borders) through a displacement field of three random plane waves
     * per axis, wavelengths 12-32 px, so outlines bend over a shape's width while the smooth background barely moves.
     */
    static INDArray warped(INDArray images, double amplitude, Random random) {
        long n = images.size(0);
        int c = (int) images.size(1);
        int side = (int) images.size(2);
        float[] src = images.dup('c').data().asFloat();
        float[] dst = new float[src.length];
        int plane = side * side;
        for (int k = 0; k < n; k++) {
            double[][] waves = new double[6][];
            for (int w = 0; w < 6; w++) {
                double angle = random.nextDouble() * 2 * Math.PI;
                double frequency = 2 * Math.PI / (12 + 20 * random.nextDouble());
                waves[w] = new double[]{Math.cos(angle) * frequency, Math.sin(angle) * frequency,
                        random.nextDouble() * 2 * Math.PI};
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double dx = 0;
                    double dy = 0;
                    for (int w = 0; w < 3; w++) {
                        dx += Math.sin(waves[w][0] * x + waves[w][1] * y + waves[w][2]);
                        dy += Math.sin(waves[w + 3][0] * x + waves[w + 3][1] * y + waves[w + 3][2]);
                    }
                    double sx = clamp(x + amplitude * dx / Math.sqrt(1.5), side);
                    double sy = clamp(y + amplitude * dy / Math.sqrt(1.5), side);
                    int x0 = (int) Math.floor(sx);
                    int y0 = (int) Math.floor(sy);
                    int x1 = Math.min(side - 1, x0 + 1);
                    int y1 = Math.min(side - 1, y0 + 1);
                    double fx = sx - x0;
                    double fy = sy - y0;
                    for (int ch = 0; ch < c; ch++) {
                        int base = (int) (k * c + ch) * plane;
                        double top = src[base + y0 * side + x0] * (1 - fx) + src[base + y0 * side + x1] * fx;
                        double bottom = src[base + y1 * side + x0] * (1 - fx) + src[base + y1 * side + x1] * fx;
                        dst[base + y * side + x] = (float) (top * (1 - fy) + bottom * fy);
                    }
                }
            }
        }
        return Nd4j.create(dst, images.shape(), 'c');
    }

    static double clamp(double v, int side) {
        return Math.max(0, Math.min(side - 1, v));
    }
}
