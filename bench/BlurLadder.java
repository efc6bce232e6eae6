import io.gannotebooks.data.*;
import io.gannotebooks.metrics.*;
import io.gannotebooks.plot.ImageGrid;
import io.gannotebooks.train.ExportedGenerator;
import org.nd4j.linalg.factory.Nd4j;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.*;

/**
 * What the quality measures read on real shapes whose edges are softened by a Gaussian blur of σ pixels: the
 * yardstick for "how crisp is crisp enough". Fresh shapes (seed 7, never in the training set) are measured
 * against the training shapes exactly as ./gan evaluate measures a generator, with the generator in the box
 * on the last row for comparison. docs/convergence.md quotes the table. Run from the repository after ./gan
 * builds the jar:
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/BlurLadder.java 1000 [docs/images/blur-ladder.png]
 *
 * The optional picture shows the same 8 shapes at each σ, one row per σ.
 */
public class BlurLadder {
    static final double[] SIGMAS = {0, 0.5, 0.75, 1, 1.5, 2, 3};
    static final int SIDE = 64;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        ImageDataset training = Datasets.open("shapes", false, System.err);
        Evaluator evaluator = Evaluator.forDataset(training, n).withoutMemorisation();
        float[] fresh = pixels(new ShapesDataset(7, n), n);
        System.out.println("| real shapes blurred by σ (px) | Fréchet distance | precision | recall | confident"
                + " | classes with half their share | disc / square / triangle / ring / cross |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<BufferedImage> tiles = new ArrayList<>();
        for (double sigma : SIGMAS) {
            float[] blurred = blur(fresh, n * 3, sigma);
            Evaluation e = evaluator.evaluate(Nd4j.create(blurred, new long[]{n, 3, SIDE, SIDE}));
            System.out.println(row(String.valueOf(sigma), e));
            tiles.addAll(ImageGrid.tiles(Nd4j.create(Arrays.copyOf(blurred, 8 * 3 * SIDE * SIDE),
                    new long[]{8, 3, SIDE, SIDE})));
        }
        var reference = ExportedGenerator.reference();
        System.out.println(row("the generator in the box", evaluator.evaluate(reference.generator(), n, 1)));
        if (args.length > 1) {
            ImageIO.write(ImageGrid.enlarged(ImageGrid.of(tiles, 8), 2), "png", new File(args[1]));
        }
    }

    static float[] pixels(ShapesDataset shapes, int n) {
        float[] out = new float[n * 3 * SIDE * SIDE];
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        shapes.fill(indices, out);
        return out;
    }

    /** A separable Gaussian blur of every SIDE × SIDE plane, borders clamped; σ = 0 returns a copy. */
    static float[] blur(float[] in, int planes, double sigma) {
        if (sigma == 0) {
            return in.clone();
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] rows = new float[in.length];
        float[] out = new float[in.length];
        for (int p = 0; p < planes; p++) {
            int base = p * SIDE * SIDE;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double h = 0;
                    for (int i = -r; i <= r; i++) {
                        h += k[i + r] * in[base + y * SIDE + clamp(x + i)];
                    }
                    rows[base + y * SIDE + x] = (float) h;
                }
            }
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double v = 0;
                    for (int i = -r; i <= r; i++) {
                        v += k[i + r] * rows[base + clamp(y + i) * SIDE + x];
                    }
                    out[base + y * SIDE + x] = (float) v;
                }
            }
        }
        return out;
    }

    static int clamp(int i) {
        return Math.max(0, Math.min(SIDE - 1, i));
    }

    static String row(String label, Evaluation e) {
        return String.format("| %s | %.2f | %.2f | %.2f | %.2f | %d of 5 | %.2f / %.2f / %.2f / %.2f / %.2f |", label,
                e.value("fd"), e.value("precision"), e.value("recall"), e.value("confident"),
                Math.round(5 * e.value("classes_covered")), e.value("share_disc"), e.value("share_square"),
                e.value("share_triangle"), e.value("share_ring"), e.value("share_cross"));
    }
}
