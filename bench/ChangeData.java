import io.gannotebooks.data.Datasets;
import io.gannotebooks.data.ImageDataset;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Points a run's checkpoint at another dataset, everything else kept (G, D, their Adam moments, the average, the
 * history), so that `./gan train --out RUN --resume` continues the same game on other images: one stage of a
 * curriculum. The question it serves: the squares drawn upright come out crisp; does a generator that draws them
 * keep its outlines when the rotations come back, or does it average them into discs again?
 *
 *     cp -a runs/upright-s3 runs/curriculum-s3
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/ChangeData.java runs/curriculum-s3 shapes:square
 *     ./gan train --out runs/curriculum-s3 --resume --iterations 12000
 *
 * From one class to several the quality measures gain a column (the class entropy), and the run refuses to append to
 * its metrics.csv and metrics-trained.csv with their old columns: move them aside first (e.g. to metrics-stage1.csv).
 */
public class ChangeData {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).resolve("checkpoint").resolve("state.properties");
        ImageDataset data = Datasets.open(args[1], false, System.err);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        }
        String before = p.getProperty("dataset");
        p.setProperty("dataset", data.spec());
        p.setProperty("dataset.name", data.name());
        try (OutputStream out = Files.newOutputStream(state)) {
            p.store(out, "GAN notebooks checkpoint, dataset changed by bench/ChangeData.java from " + before);
        }
        System.out.println(args[0] + " now trains on " + data.name() + " (was " + before + ")");
    }
}
