package io.gannotebooks.train;

import io.gannotebooks.backend.Machine;
import io.gannotebooks.model.Generator;
import io.gannotebooks.util.Files2;
import io.gannotebooks.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A generator kept for drawing alone: its weights without Adam's state (generator.zip, ≈ 8 MB for the design
 * note's G) and where they come from (provenance.properties: the run definition, dataset, iterations and
 * images seen, training time and machine, the command that trains it again, and the weights' SHA-256, which
 * every load checks). The library ships three, trained by the course's own code, which {@code ./gan sample
 * --checkpoint WORD}, {@code ./gan evaluate --checkpoint WORD} and notebook 04 draw with without training
 * anything: {@link #reference()} ("reference"), the best generator measured on the five classes,
 * {@link #uprightSquares()} ("reference-upright-squares"), which draws crisp squares, and {@link #rotatedSquares()}
 * ("reference-rotated-squares"), which draws them at many angles.
 */
public final class ExportedGenerator {
    static final String WEIGHTS = "generator.zip";
    static final String PROVENANCE = "provenance.properties";
    /** The word that names the shipped reference where a checkpoint folder is expected. */
    public static final String REFERENCE_NAME = "reference";
    /** The word that names the shipped generator of upright squares ({@code --data shapes:square,upright}). */
    public static final String UPRIGHT_SQUARES_NAME = "reference-upright-squares";
    /** The word that names the shipped generator of squares at their rotations ({@code --data shapes:square}). */
    public static final String ROTATED_SQUARES_NAME = "reference-rotated-squares";
    /** Where each shipped generator lies on the classpath, by the word that names it. */
    static final Map<String, String> SHIPPED = Map.of(
            REFERENCE_NAME, "/io/gannotebooks/reference/",
            UPRIGHT_SQUARES_NAME, "/io/gannotebooks/reference-upright-squares/",
            ROTATED_SQUARES_NAME, "/io/gannotebooks/reference-rotated-squares/");

    private final Generator generator;
    private final Properties provenance;

    private ExportedGenerator(Generator generator, Properties provenance) {
        this.generator = generator;
        this.provenance = provenance;
    }

    /** The generator, on DL4J's layers (it only draws). */
    public Generator generator() {
        return generator;
    }

    /** Where it comes from, as {@link #export} wrote it. */
    public Properties provenance() {
        Properties copy = new Properties();
        copy.putAll(provenance);
        return copy;
    }

    public String get(String key) {
        return provenance.getProperty(key, "");
    }

    /** The run definition it was trained with. */
    public RunDefinition definition() {
        return RunDefinition.fromProperties(prefixed(provenance, "run."));
    }

    /** The dataset it was trained on, as {@code --data} names it ("shapes"). */
    public String dataset() {
        return get("dataset");
    }

    /** One line: "iteration 6000 (96 000 images) of seed 1, R1 gamma 10.0 every 4, trained 1h25m on …". */
    public String summary() {
        return String.format(Locale.ROOT, "iteration %s (%s images) of seed %s, %s, trained %s on %s", get("iteration"),
                get("images_seen"), definition().seed(), definition().r1(),
                StatusLine.duration(Double.parseDouble(get("training_seconds"))), get("machine"));
    }

    /**
     * Writes {@code checkpoint}'s drawing generator (the running average of G when the run keeps one) to
     * {@code dir} with its provenance; {@code extra} adds keys (the command that reproduces it, measurements).
     */
    public static void export(Checkpoint checkpoint, Path dir, Map<String, String> extra) throws IOException {
        Files.createDirectories(dir);
        Path weights = dir.resolve(WEIGHTS);
        ModelSerializer.writeModel(checkpoint.generator().network(), weights.toFile(), false);
        TrainingConfig config = checkpoint.config();
        TrainingHistory history = checkpoint.history();
        Properties p = new Properties();
        config.definition().toProperties().forEach((k, v) -> p.setProperty("run." + k, (String) v));
        p.setProperty("dataset", checkpoint.dataset());
        p.setProperty("iteration", String.valueOf(checkpoint.iteration()));
        p.setProperty("images_seen", String.valueOf(checkpoint.iteration() * config.batchSize()));
        p.setProperty("training_seconds", String.valueOf(history.lastSeconds()));
        p.setProperty("drawn_by", checkpoint.drawnBy().isEmpty() ? "G" : checkpoint.drawnBy().replaceFirst("^, drawn by ", ""));
        p.setProperty("machine", Machine.describe());
        p.setProperty("library.version", Version.library());
        p.setProperty("exported", Instant.now().toString());
        extra.forEach(p::setProperty);
        p.setProperty("sha256", Files2.sha256(weights));
        Files2.writeAtomically(dir.resolve(PROVENANCE), out -> p.store(out, "GAN notebooks exported generator"));
    }

    /** Opens an exported generator's folder, checking its weights against the SHA-256 of its provenance. */
    public static ExportedGenerator open(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PROVENANCE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no exported generator at " + dir + " (no " + PROVENANCE + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException("cannot read " + dir.resolve(PROVENANCE) + ": " + e.getMessage(), e);
        }
        byte[] weights;
        try {
            weights = Files.readAllBytes(dir.resolve(WEIGHTS));
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + dir.resolve(WEIGHTS) + ": " + e.getMessage(), e);
        }
        return verified(weights, p, dir.toString());
    }

    /** The reference generator shipped with the library (docs/convergence.md says how it was trained). */
    public static ExportedGenerator reference() {
        return shipped(REFERENCE_NAME);
    }

    /** The shipped generator of upright squares: crisp squares, trained on {@code shapes:square,upright}. */
    public static ExportedGenerator uprightSquares() {
        return shipped(UPRIGHT_SQUARES_NAME);
    }

    /**
     * The shipped generator of squares at their rotations, taught upright first ({@code --curriculum
     * shapes:square,upright@6000 --data shapes:square}): squares at many angles.
     */
    public static ExportedGenerator rotatedSquares() {
        return shipped(ROTATED_SQUARES_NAME);
    }

    /** Whether {@code word} names a generator the library ships ({@link #SHIPPED}'s words). */
    public static boolean isShipped(String word) {
        return SHIPPED.containsKey(word);
    }

    /** The shipped generator that {@code word} names ({@link #isShipped}). */
    public static ExportedGenerator shipped(String word) {
        String folder = SHIPPED.get(word);
        if (folder == null) {
            throw new IllegalArgumentException("no shipped generator is called " + word + "; there are "
                    + String.join(", ", new java.util.TreeSet<>(SHIPPED.keySet())));
        }
        Properties p = new Properties();
        byte[] weights;
        try (InputStream props = ExportedGenerator.class.getResourceAsStream(folder + PROVENANCE);
             InputStream zip = ExportedGenerator.class.getResourceAsStream(folder + WEIGHTS)) {
            if (props == null || zip == null) {
                throw new CheckpointException("this build has no " + word + " generator (" + folder + " is not on the"
                        + " classpath)");
            }
            p.load(new java.io.InputStreamReader(props, StandardCharsets.ISO_8859_1));
            weights = zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + word + " generator: " + e.getMessage(), e);
        }
        return verified(weights, p, "the " + word + " generator");
    }

    private static ExportedGenerator verified(byte[] weights, Properties p, String where) {
        String actual = java.util.HexFormat.of().formatHex(Files2.sha256Digest().digest(weights));
        if (!actual.equals(p.getProperty("sha256"))) {
            throw new CheckpointException(where + ": " + WEIGHTS + " is damaged (SHA-256 " + actual + ", expected "
                    + p.getProperty("sha256") + ")");
        }
        RunDefinition run;
        try {
            run = RunDefinition.fromProperties(prefixed(p, "run."));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": " + PROVENANCE + ": " + e.getMessage(), e);
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new java.io.ByteArrayInputStream(weights), false);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot load " + where + ": " + e.getMessage(), e);
        }
        return new ExportedGenerator(Generator.forInference(run.generator(), net), p);
    }

    private static Properties prefixed(Properties p, String prefix) {
        Properties out = new Properties();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.setProperty(k.substring(prefix.length()), p.getProperty(k)));
        return out;
    }
}
