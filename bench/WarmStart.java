import io.gannotebooks.util.Files2;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Puts a generator's weights (bench/GeneratorCapacity.java's fourth argument: G trained by regression) into a
 * run's checkpoint, as G and as its running average, keeping the run's optimiser settings, so that
 * `./gan train --out RUN --resume` continues the GAN from that G. The question it serves: does the GAN keep
 * crisp shapes it is given, or does its discriminator's signal turn them into blobs?
 *
 *     ./gan train --iterations 1 ... --out RUN      # a run of one iteration, with the recipe to test
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/WarmStart.java RUN G.zip
 *     ./gan train --out RUN --resume --iterations N
 */
public class WarmStart {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("checkpoint");
        MultiLayerNetwork given = ModelSerializer.restoreMultiLayerNetwork(Path.of(args[1]).toFile(), false);
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("state.properties"))) {
            state.load(in);
        }
        for (String name : new String[]{"generator.zip", "generator-average.zip"}) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            boolean updater = name.equals("generator.zip"); // G keeps its Adam state; the average has none
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), updater);
            network.setParams(given.params());
            ModelSerializer.writeModel(network, file.toFile(), updater);
            state.setProperty("sha256." + name, Files2.sha256(file));
            System.out.println(name + " now holds the given generator's weights");
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("state.properties"))) {
            state.store(out, "GAN notebooks checkpoint, generator replaced by bench/WarmStart.java");
        }
    }
}
