package io.gannotebooks.train;

import io.gannotebooks.data.CachedImageDataset;
import io.gannotebooks.data.Datasets;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.SpectralProjection;
import io.gannotebooks.util.Files2;
import io.gannotebooks.util.Version;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A training run frozen between two iterations: both networks with their Adam state, the history, the
 * iteration, the configuration and the dataset it trains on. Randomness needs no state of its own:
 * every draw is a function of (seed, iteration) (see {@link io.gannotebooks.util.Streams}).
 *
 * <p>Layout of the folder: generator.zip, discriminator.zip (DL4J's format, updater included),
 * history.csv, generator-average.zip when the run keeps a {@linkplain GeneratorAverage running average of G},
 * spectral-norm.bin when D has {@linkplain SpectralProjection spectral normalisation}, and state.properties,
 * written last, holding the format version and the SHA-256 of the other files. A new checkpoint is assembled
 * in a sibling folder and swapped in by renames, so the previous one stays valid until the new one is complete.
 */
public final class Checkpoint {
    public static final int FORMAT = 1;
    static final String STATE = "state.properties";
    static final String[] FILES = {"generator.zip", "discriminator.zip", "history.csv"};
    /** The running average of G's weights, in runs that keep one. */
    static final String AVERAGE = "generator-average.zip";
    /** The power iteration's vectors of D's spectral normalisation, in runs that have it. */
    static final String SPECTRAL = "spectral-norm.bin";
    /** state.properties is about 2 KB; anything past this is not one. */
    static final long MAX_STATE_BYTES = 1 << 20;

    private final Path dir;
    private final Properties state;

    private Checkpoint(Path dir, Properties state) {
        this.dir = dir;
        this.state = state;
    }

    /** Saves {@code trainer} as {@code dir}, replacing any earlier checkpoint there only once complete. */
    public static void save(GanTrainer trainer, Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path fresh = parent.resolve(dir.getFileName() + ".new");
        Path old = parent.resolve(dir.getFileName() + ".old");
        Files2.deleteTree(fresh);
        Files.createDirectories(fresh);
        try {
            writeFiles(trainer, fresh);
        } catch (IOException | RuntimeException e) {
            Files2.deleteTree(fresh); // a full disk must not leave a half checkpoint behind
            throw e;
        }
        // swap: the old checkpoint stays whole until the new one is in place
        if (Files.exists(dir)) {
            Files2.deleteTree(old);
            Files2.move(dir, old);
        }
        Files2.move(fresh, dir);
        Files2.deleteTree(old);
    }

    private static void writeFiles(GanTrainer trainer, Path fresh) throws IOException {
        ModelSerializer.writeModel(trainer.generator().network(), fresh.resolve(FILES[0]).toFile(), true);
        ModelSerializer.writeModel(trainer.discriminator().network(), fresh.resolve(FILES[1]).toFile(), true);
        trainer.history().write(fresh.resolve(FILES[2]));
        if (trainer.average() != null) {
            ModelSerializer.writeModel(trainer.average().generator().network(), fresh.resolve(AVERAGE).toFile(), false);
        }
        SpectralProjection spectral = trainer.discriminator().spectralState();
        if (spectral != null) {
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(fresh.resolve(SPECTRAL))))) {
                spectral.write(out);
            }
        }

        Properties p = new Properties();
        trainer.config().toProperties().forEach((k, v) -> p.setProperty("config." + k, (String) v));
        p.setProperty("format", String.valueOf(FORMAT));
        p.setProperty("iteration", String.valueOf(trainer.iteration()));
        p.setProperty("dataset", trainer.data().spec());
        p.setProperty("dataset.name", trainer.data().name());
        p.setProperty("library.version", Version.library());
        p.setProperty("created", Instant.now().toString());
        for (String f : files(trainer.config().definition())) {
            p.setProperty("sha256." + f, Files2.sha256(fresh.resolve(f)));
        }
        Files2.writeAtomically(fresh.resolve(STATE), out -> p.store(out, "GAN notebooks checkpoint"));
    }

    /** Opens and verifies a checkpoint folder (or a run folder holding one in "checkpoint/"). */
    public static Checkpoint open(Path path) {
        Path dir = locate(path).orElseThrow(() -> new CheckpointException("no checkpoint at " + path
                + (Files.exists(path) ? " (no " + STATE + " in it or in its checkpoint/ folder)"
                : " (the path does not exist)")));
        Properties state = new Properties();
        try {
            long size = Files.size(dir.resolve(STATE));
            if (size > MAX_STATE_BYTES) {
                // read whole, a damaged multi-gigabyte file would end in "OutOfMemoryError: Java heap space"
                throw new CheckpointException(dir.resolve(STATE) + " is damaged: " + size + " bytes, where a "
                        + "checkpoint's state is a few kilobytes");
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(dir.resolve(STATE))) {
            state.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException("cannot read " + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
        String format = state.getProperty("format");
        if (format == null || state.getProperty("iteration") == null) {
            throw new CheckpointException(dir.resolve(STATE) + " is not a GAN notebooks checkpoint");
        }
        if (!format.equals(String.valueOf(FORMAT))) {
            throw new CheckpointException(dir.resolve(STATE) + " has format " + format + "; this version reads "
                    + FORMAT);
        }
        if (!state.getProperty("iteration").matches("\\d{1,18}")) {
            throw new CheckpointException(dir.resolve(STATE) + " has no valid iteration");
        }
        Checkpoint checkpoint = new Checkpoint(dir, state);
        for (String f : files(checkpoint.config().definition())) {
            Path file = dir.resolve(f);
            String expected = state.getProperty("sha256." + f);
            String actual;
            try {
                actual = Files2.sha256(file);
            } catch (NoSuchFileException e) {
                throw new CheckpointException("checkpoint file missing: " + file);
            } catch (IOException e) {
                throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (!actual.equals(expected)) {
                throw new CheckpointException("checkpoint file " + file + " is damaged (checksum mismatch)");
            }
        }
        return checkpoint;
    }

    /** The files a checkpoint of a {@code run} holds besides state.properties. */
    private static List<String> files(RunDefinition run) {
        List<String> files = new ArrayList<>(List.of(FILES));
        if (run.averageDecay() > 0) {
            files.add(AVERAGE);
        }
        if (run.discriminator().spectral()) {
            files.add(SPECTRAL);
        }
        return files;
    }

    /** Whether {@code path} holds a checkpoint (it may still fail verification in {@link #open}). */
    public static boolean exists(Path path) {
        return locate(path).isPresent();
    }

    /**
     * The checkpoint folder for a run folder or a checkpoint folder. A crash between the two renames of
     * {@link #save} leaves the previous checkpoint as "checkpoint.old": it is complete, so it is used.
     */
    private static java.util.Optional<Path> locate(Path path) {
        Path name = path.getFileName();
        List<Path> candidates = new java.util.ArrayList<>(List.of(path.resolve("checkpoint"), path,
                path.resolve("checkpoint.old")));
        if (name != null) {
            candidates.add(path.resolveSibling(name + ".old"));
        }
        return candidates.stream().filter(c -> Files.isRegularFile(c.resolve(STATE))).findFirst();
    }

    public Path dir() {
        return dir;
    }

    public long iteration() {
        return Long.parseLong(state.getProperty("iteration"));
    }

    /**
     * How the dataset was named when training started: "shapes", "emoji" or a folder path, with
     * {@value Datasets#FLIP} when mirror images were added. Checkpoints from before the spec carried the
     * mirrors said so only in the dataset's name ("... + mirrors ..."): that is read as {@value Datasets#FLIP}.
     */
    public String dataset() {
        String spec = state.getProperty("dataset");
        boolean mirrors = state.getProperty("dataset.name", "").contains(CachedImageDataset.MIRRORS);
        return mirrors ? Datasets.withFlip(spec, true) : spec;
    }

    public TrainingConfig config() {
        Properties p = new Properties();
        state.stringPropertyNames().stream().filter(k -> k.startsWith("config."))
                .forEach(k -> p.setProperty(k.substring("config.".length()), state.getProperty(k)));
        try {
            return TrainingConfig.fromProperties(p);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The generator that draws: the running average of G's weights when the run keeps one (what its sample
     * grids showed), else G. What {@code ./gan evaluate}, {@code ./gan sample} and notebook 4 read.
     */
    public Generator generator() {
        return config().definition().averageDecay() > 0 ? average().generator() : trainedGenerator();
    }

    /** ", drawn by the running average of G (decay 0.99)" when {@link #generator()} is that average, else "". */
    public String drawnBy() {
        double decay = config().definition().averageDecay();
        return decay > 0 ? ", drawn by the running average of G (decay " + decay + ")" : "";
    }

    /** G as training left it, with its Adam state: what a resumed run trains on. */
    private Generator trainedGenerator() {
        RunDefinition run = config().definition();
        return matching(FILES[0], () -> Generator.of(run.generator(), restore(FILES[0])));
    }

    private GeneratorAverage average() {
        RunDefinition run = config().definition();
        return GeneratorAverage.restored(matching(AVERAGE, () -> Generator.forInference(run.generator(),
                restore(AVERAGE))), run.averageDecay());
    }

    public Discriminator discriminator() {
        RunDefinition run = config().definition();
        Discriminator d = matching(FILES[1], () -> Discriminator.of(run.discriminator(), restore(FILES[1])));
        if (run.discriminator().spectral()) {
            Path file = dir.resolve(SPECTRAL);
            try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                d.spectralState(SpectralProjection.read(d.network(), run.discriminator().spectralNorm(), in));
            } catch (IOException e) {
                throw new CheckpointException("cannot load " + file + ": " + e.getMessage(), e);
            }
        }
        return d;
    }

    /** The network of {@code file}, or a one-line account of how it differs from what state.properties says. */
    private <T> T matching(String file, java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint file " + dir.resolve(file) + " does not match "
                    + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
    }

    public TrainingHistory history() {
        try {
            return TrainingHistory.read(dir.resolve(FILES[2]));
        } catch (IOException e) {
            throw new CheckpointException(e.getMessage(), e);
        }
    }

    /**
     * A trainer that continues this run on {@code data} under {@code requested}. The run's definition and
     * dataset must be those it was saved with, except for {@link RunDefinition#RESUMABLE_CHANGES} and the dataset
     * of the requested {@link Curriculum}'s next stage at the iteration where it begins; an
     * unchanged setting is fine, a changed one is refused naming the setting and both values. The schedule
     * is free; a run already past the requested iteration count is returned {@link GanTrainer#finished}.
     */
    public GanTrainer resume(ImageDataset data, TrainingConfig requested) {
        RunDefinition saved = config().definition();
        List<String> changed = new ArrayList<>();
        if (!Datasets.sameSpec(dataset(), data.spec())
                && !requested.schedule().curriculum().continues(iteration(), dataset(), data.spec())) {
            changed.add("dataset: " + dataset() + " in the checkpoint, " + data.spec() + " requested");
        }
        saved.differences(requested.definition(), "in the checkpoint", "requested").stream()
                .filter(d -> RunDefinition.RESUMABLE_CHANGES.stream().noneMatch(k -> d.startsWith(k + ":")))
                .forEach(changed::add);
        if (!changed.isEmpty()) {
            throw new ChangedSettingException("the run in " + dir + " cannot continue with other settings: "
                    + String.join("; ", changed) + " (only " + String.join(", ", RunDefinition.RESUMABLE_CHANGES)
                    + " may change on resume; start a new run for the others)");
        }
        TrainingHistory history = history();
        if (history.size() != iteration()) {
            throw new CheckpointException(dir.resolve(FILES[2]) + " has " + history.size() + " rows but the "
                    + "checkpoint is at iteration " + iteration());
        }
        Generator g = trainedGenerator();
        Discriminator d = discriminator();
        double gRate = requested.definition().optimiser().learningRate();
        if (gRate != saved.optimiser().learningRate()) {
            g.network().setLearningRate(gRate);
        }
        double dRate = requested.definition().dOptimiser().learningRate();
        if (dRate != saved.dOptimiser().learningRate()) {
            d.network().setLearningRate(dRate);
        }
        TrainingConfig config = requested.withIterations(Math.max(requested.iterations(), iteration()));
        GeneratorAverage average = saved.averageDecay() > 0 ? average() : null;
        return new GanTrainer(config, data, g, d, average, history, iteration());
    }

    private org.deeplearning4j.nn.multilayer.MultiLayerNetwork restore(String file) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(dir.resolve(file).toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot load " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }
}
