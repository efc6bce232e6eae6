import io.gannotebooks.data.*;
import io.gannotebooks.metrics.*;
import io.gannotebooks.plot.ImageGrid;
import io.gannotebooks.train.ExportedGenerator;
import javax.imageio.ImageIO;
import java.io.File;

/**
 * The table and the picture of docs/convergence.md's "How crisp is crisp": the quality measures on real shapes
 * blurred by σ pixels (metrics.BlurLadder: the evaluator's second real set, whose σ = 0 row is the real-vs-real
 * column), with the generator in the box on the last row. Run from the repository after ./gan builds the jar:
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/BlurLadder.java 1000 [docs/images/blur-ladder.png]
 *
 * The optional picture shows the same 8 shapes at each σ, one row per σ.
 */
public class BlurLadder {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Evaluator evaluator = Evaluator.forDataset(Datasets.open("shapes", false, System.err), n);
        System.out.println("| images | Fréchet distance | precision | recall | confident"
                + " | classes with half their share | disc / square / triangle / ring / cross |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var rung : io.gannotebooks.metrics.BlurLadder.measure(evaluator, io.gannotebooks.metrics.BlurLadder.SIGMAS)) {
            System.out.println(row(rung.label(), rung.evaluation()));
        }
        var reference = ExportedGenerator.reference();
        System.out.println(row("the generator in the box", evaluator.withoutMemorisation().evaluate(reference.generator(), n, 1)));
        if (args.length > 1) {
            var images = io.gannotebooks.metrics.BlurLadder.images(evaluator, 8, 0, 0.5, 1, 1.5, 2, 3);
            ImageIO.write(ImageGrid.enlarged(ImageGrid.of(images, 8), 2), "png", new File(args[1]));
        }
    }

    static String row(String label, Evaluation e) {
        return String.format("| %s | %.2f | %.2f | %.2f | %.2f | %d of 5 | %.2f / %.2f / %.2f / %.2f / %.2f |", label,
                e.value("fd"), e.value("precision"), e.value("recall"), e.value("confident"),
                Math.round(5 * e.value("classes_covered")), e.value("share_disc"), e.value("share_square"),
                e.value("share_triangle"), e.value("share_ring"), e.value("share_cross"));
    }
}
