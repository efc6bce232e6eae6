import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.metrics.Evaluation;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.plot.ImageGrid;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Does D's gradient carry the shapes' geometry? Takes a run's generated images and moves their pixels, not G,
 * up D's gradient (log D(x), normalised steps of L2 length STEP per image, pixels kept in [-1, 1]), measuring
 * them with the shape classifier along the way. If the blobs turn into shapes, D's signal holds what G does not
 * learn; if they turn into noise that D likes, D's gradient is adversarial and G learns only what its own
 * structure lets through.
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/PixelAscent.java RUN N STEPS STEP picture.png
 */
public class PixelAscent {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("checkpoint");
        int n = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        double step = Double.parseDouble(args[3]);
        MultiLayerNetwork d = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("discriminator.zip").toFile(), false);
        Path average = dir.resolve("generator-average.zip"); // the run's samples come from it when it has one
        Path drawing = java.nio.file.Files.exists(average) ? average : dir.resolve("generator.zip");
        MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(drawing.toFile(), false);
        ImageDataset data = ShapesDataset.standard();
        Evaluator evaluator = Evaluator.forDataset(data, n).withoutMemorisation();
        Nd4j.getRandom().setSeed(3);
        INDArray x = g.output(Nd4j.randn(DataType.FLOAT, n, 100), false);
        INDArray start = x.dup();
        INDArray ones = Nd4j.ones(DataType.FLOAT, n, 1);
        report(0, d, evaluator, x);
        INDArray middle = null;
        for (int s = 1; s <= steps; s++) {
            for (int from = 0; from < n; from += 64) {
                int to = Math.min(n, from + 64);
                INDArray part = x.get(NDArrayIndex.interval(from, to));
                // gradient of the cross-entropy against "real", -log D(x): descending it raises log D(x)
                INDArray gradient = d.calculateGradients(part, ones.get(NDArrayIndex.interval(from, to)), null, null)
                        .getSecond();
                INDArray norms = gradient.reshape(to - from, -1).norm2(1).addi(1e-12).reshape(to - from, 1, 1, 1);
                part.subi(gradient.divi(norms).muli(step));
                org.nd4j.linalg.ops.transforms.Transforms.min(part, 1.0, false);
                org.nd4j.linalg.ops.transforms.Transforms.max(part, -1.0, false);
            }
            if (s == steps / 4) {
                middle = x.dup();
            }
            if (s % Math.max(1, steps / 4) == 0) {
                report(s, d, evaluator, x);
            }
        }
        INDArray rows = Nd4j.concat(0, start.get(NDArrayIndex.interval(0, 12)), middle.get(NDArrayIndex.interval(0, 12)),
                x.get(NDArrayIndex.interval(0, 12)));
        ImageIO.write(ImageGrid.of(rows, 12), "png", new File(args[4]));
    }

    static void report(int s, MultiLayerNetwork d, Evaluator evaluator, INDArray x) {
        double meanD = 0;
        for (int from = 0; from < x.size(0); from += 64) {
            int to = (int) Math.min(x.size(0), from + 64);
            meanD += d.output(x.get(NDArrayIndex.interval(from, to)), false).sumNumber().doubleValue();
        }
        Evaluation e = evaluator.evaluate(x);
        System.out.printf(Locale.ROOT, "step %4d  mean D %.3f  FD %.2f  precision %.2f  recall %.2f  confident %.2f  classes %.0f%n",
                s, meanD / x.size(0), e.value("fd"), e.value("precision"), e.value("recall"), e.value("confident"),
                e.value("classes_covered"));
    }
}
