import io.gannotebooks.data.*;
import io.gannotebooks.metrics.*;
import io.gannotebooks.model.*;
import io.gannotebooks.plot.ImageGrid;
import java.io.File;
import java.util.*;
import javax.imageio.ImageIO;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Can the design note's generator draw crisp shapes at all? A capacity check without a discriminator:
 * N real shapes, each given a fixed noise vector z_i, and G trained by regression, minimising the mean of
 * ‖G(z_i) − x_i‖² over minibatches (Adam, batch norm in training mode as in a GAN step). If G reproduces
 * the N images with straight sides and round arcs, the architecture can draw them and the GAN's blobs come
 * from D's signal; if not, from G. Run from the repository after ./gan builds the jar:
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/GeneratorCapacity.java 512 1200 build/capacity.png [G.zip]
 *
 * Prints the mean squared error per pixel every 100 steps, then the reconstructions' measures (drawn with
 * batch norm's running statistics, as every sample is) against the same number of real images, and writes
 * the first 32 targets above their reconstructions; with a fourth argument, saves the trained G there.
 */
public class GeneratorCapacity {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        String picture = args[2];
        int batch = 16;
        ImageDataset data = ShapesDataset.standard();
        int side = data.imageSize();
        int pixels = 3 * side * side;
        float[] buffer = new float[n * pixels];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        data.fill(all, buffer);
        INDArray targets = Nd4j.create(buffer, new long[]{n, 3, side, side});
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.randn(DataType.FLOAT, n, 100);
        var g = new Generator(GeneratorSpec.designNote(), new NetworkSettings(1, new AdamSettings(1e-3, 0.5, 0.999),
                DataType.FLOAT));
        Random order = new Random(1);
        List<Integer> indices = new ArrayList<>();
        double recent = 0;
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            if (indices.size() < batch) {
                indices.clear();
                for (int i = 0; i < n; i++) {
                    indices.add(i);
                }
                Collections.shuffle(indices, order);
            }
            long[] pick = new long[batch];
            for (int k = 0; k < batch; k++) {
                pick[k] = indices.remove(indices.size() - 1);
            }
            INDArray zb = z.get(NDArrayIndex.indices(pick), NDArrayIndex.all());
            INDArray tb = targets.get(NDArrayIndex.indices(pick), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray diff = g.forward(zb).sub(tb);
            recent += diff.norm2Number().doubleValue() * diff.norm2Number().doubleValue() / (batch * (double) pixels);
            INDArray gradient = g.backward(diff.muli(2)); // ∂/∂G(z) of Σ_pixels (G(z) − x)², per image
            g.update(gradient, batch, step, 0);
            if (step % 100 == 0) {
                System.out.printf(Locale.ROOT, "step %d  mse %.4f  (%.0f s)%n", step, recent / 100,
                        (System.nanoTime() - start) / 1e9);
                recent = 0;
            }
        }
        if (args.length > 3) { // the trained G, for bench/WarmStart.java
            ModelSerializer.writeModel(g.network(), new File(args[3]), false);
        }
        INDArray drawn = g.generate(z);
        double mse = drawn.sub(targets).norm2Number().doubleValue();
        System.out.printf(Locale.ROOT, "drawn with running statistics: mse %.4f%n", mse * mse / (n * (double) pixels));
        Evaluation e = Evaluator.forDataset(data, n).withoutMemorisation().evaluate(drawn);
        System.out.printf(Locale.ROOT, "reconstructions against %d real: FD %.2f (real vs real %.2f)  precision %.3f  recall %.3f"
                        + "  confident %.3f (real %.3f)  classes %.1f%n", n, e.value("fd"), e.measure("fd").realVsReal(),
                e.value("precision"), e.value("recall"), e.value("confident"), e.measure("confident").realVsReal(),
                e.value("classes_covered"));
        INDArray shown = Nd4j.concat(0, targets.get(NDArrayIndex.interval(0, 32)), drawn.get(NDArrayIndex.interval(0, 32)));
        ImageIO.write(ImageGrid.of(shown, 16), "png", new File(picture));

    }
}
