import io.gannotebooks.data.*;
import io.gannotebooks.metrics.*;
import io.gannotebooks.model.*;
import io.gannotebooks.train.*;
import io.gannotebooks.model.LatentNoise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.nio.file.Path;
import java.util.*;

/**
 * Does drawing with batch statistics (G as it trains) instead of batch norm's running statistics change the
 * measures? docs/convergence.md quotes it. Run from the repository after ./gan builds the jar:
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/BatchStatistics.java reference 1000
 *
 * (or a run folder instead of reference).
 */
public class BatchStatistics {
    public static void main(String[] args) throws Exception {
        Generator g = args[0].equals("reference") ? ExportedGenerator.reference().generator()
                : Checkpoint.open(Path.of(args[0])).generator();
        ImageDataset data = Datasets.open("shapes", false, System.err);
        int n = Integer.parseInt(args[1]);
        Evaluator ev = Evaluator.forDataset(data, n).withoutMemorisation();
        int latent = g.spec().latentSize();
        System.out.println("running stats: " + line(ev.evaluate(g, n, 1)));
        for (int batch : new int[]{16, 64}) {
            List<INDArray> parts = new ArrayList<>();
            for (int i = 0; i < n / batch; i++) {
                INDArray z = LatentNoise.sample(1, Evaluator.NOISE_STREAM, i, batch, latent, g.dataType());
                parts.add(g.forward(z).dup());
            }
            INDArray images = Nd4j.concat(0, parts.toArray(new INDArray[0]));
            System.out.println("batch stats " + batch + ": " + line(ev.evaluate(images)));
        }
    }

    static String line(Evaluation e) {
        return String.format("FD %.2f  P %.3f  R %.3f  confident %.3f  classes %.1f  shares %.2f/%.2f/%.2f/%.2f/%.2f",
                e.value("fd"), e.value("precision"), e.value("recall"), e.value("confident"), e.value("classes_covered"),
                e.value("share_disc"), e.value("share_square"), e.value("share_triangle"), e.value("share_ring"), e.value("share_cross"));
    }
}
