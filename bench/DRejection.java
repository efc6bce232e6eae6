import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.metrics.Evaluation;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.plot.ImageGrid;
import io.gannotebooks.train.Checkpoint;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Does a discriminator know which of its generator's images are shapes? Draws N × POOL images from a run's
 * generator (its running average when it has one), scores each with a discriminator (the same run's, or
 * another run's), keeps the N it rates most real and measures them as {@code ./gan evaluate} does, beside N
 * images drawn at random from the same pool. Rejection by D's verdict is Azadi et al.'s discriminator rejection
 * sampling (ICLR 2019) in its simplest form, a top-N cut. If the kept images are shapes, D holds the geometry
 * that G's training does not pass on; if they are the same blobs, D's verdict does not rank by geometry either.
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/DRejection.java G_RUN D_RUN N POOL grid.png
 */
public class DRejection {
    public static void main(String[] args) throws Exception {
        Generator g = Checkpoint.open(Path.of(args[0])).generator();   // the run's drawing generator, as evaluate's
        MultiLayerNetwork d = Checkpoint.open(Path.of(args[1])).discriminator().network();
        int n = Integer.parseInt(args[2]);
        int pool = Integer.parseInt(args[3]);
        Evaluator evaluator = Evaluator.forDataset(ShapesDataset.standard(), n).withoutMemorisation();
        Nd4j.getRandom().setSeed(3);
        int total = n * pool;
        INDArray images = Nd4j.create(DataType.FLOAT, total, 3, 64, 64);
        double[] scores = new double[total];
        for (int from = 0; from < total; from += 100) {
            int to = Math.min(total, from + 100);
            INDArray part = g.generate(Nd4j.randn(DataType.FLOAT, to - from, g.latentSize()));
            images.get(NDArrayIndex.interval(from, to)).assign(part);
            INDArray verdict = d.output(part, false);
            for (int i = from; i < to; i++) {
                scores[i] = verdict.getDouble(i - from, 0);
            }
        }
        int[] byScore = IntStream.range(0, total).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).mapToInt(Integer::intValue).toArray();
        int[] kept = Arrays.copyOf(byScore, n);
        int[] random = IntStream.range(0, n).map(i -> i * pool).toArray();   // noise is i.i.d.: every pool-th is a fair draw
        int[] rejected = Arrays.copyOfRange(byScore, total - n, total);
        report("random " + n + " of the pool", evaluator, images, random, scores);
        report("the " + n + " D rates most real", evaluator, images, kept, scores);
        report("the " + n + " D rates least real", evaluator, images, rejected, scores);
        INDArray rows = Nd4j.concat(0, pick(images, random, 12), pick(images, kept, 12), pick(images, rejected, 12));
        ImageIO.write(ImageGrid.of(rows, 12), "png", new File(args[4]));
    }

    static INDArray pick(INDArray images, int[] which, int count) {
        INDArray out = Nd4j.create(DataType.FLOAT, count, 3, 64, 64);
        for (int i = 0; i < count; i++) {
            out.putSlice(i, images.slice(which[i]));
        }
        return out;
    }

    static void report(String what, Evaluator evaluator, INDArray images, int[] which, double[] scores) {
        INDArray x = pick(images, which, which.length);
        double meanD = IntStream.of(which).mapToDouble(i -> scores[i]).average().orElse(0);
        Evaluation e = evaluator.evaluate(x);
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.0f of 5 |%n", what, meanD, e.value("fd"),
                e.value("precision"), e.value("recall"), e.value("confident"), 5 * e.value("classes_covered"));
    }
}
