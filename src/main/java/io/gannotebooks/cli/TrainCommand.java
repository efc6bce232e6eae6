package io.gannotebooks.cli;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.course.Profile;
import io.gannotebooks.data.Datasets;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.metrics.MetricsRecorder;
import io.gannotebooks.plot.RunPictures;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.Curriculum;
import io.gannotebooks.train.R1Penalty;
import io.gannotebooks.train.TopK;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.MemoryEstimate;
import io.gannotebooks.train.RunDefinition;
import io.gannotebooks.layers.Precision;
import io.gannotebooks.model.Augmentation;
import io.gannotebooks.model.Downsampling;
import io.gannotebooks.model.SpectralNorm;
import java.util.Arrays;
import io.gannotebooks.train.RunFolder;
import io.gannotebooks.train.Schedule;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.train.TrainingDivergedException;
import io.gannotebooks.util.Files2;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ./gan train}: trains on the built-in shapes or an image folder, writing a run folder. */
final class TrainCommand {
    /** Defaults sized for the README's first command: a few minutes on 2 cores. */
    static final int DEFAULT_ITERATIONS = 200;
    static final int DEFAULT_BATCH = 32;
    /** Images per quality measurement during training (--metrics-every). */
    static final int METRICS_SAMPLES = 256;
    /** Each --d-norm value and the spectral normalisation it asks for (batch norm is "batchnorm" alone). */
    private static final Map<String, SpectralNorm> D_NORMS = Map.of("batchnorm", SpectralNorm.OFF, "none",
            SpectralNorm.OFF, "spectral", SpectralNorm.ALL, "spectral-conv", SpectralNorm.CONVOLUTIONS);

    private final PrintStream out;
    private final PrintStream err;

    TrainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Opened once this command has printed how the run ended. On Ctrl-C the JVM halts as soon as its
     * shutdown hooks return, so the stop hook waits for this, not merely for the training loop: otherwise
     * the "stopped at iteration …, continue with …" line is lost.
     */
    private final CountDownLatch reported = new CountDownLatch(1);

    int run(List<String> argv) {
        try {
            return train(argv);
        } finally {
            reported.countDown();
        }
    }

    /** "native" or "dl4j", mixed precision where it runs, and why DL4J's run where the native layers were asked for. */
    private static String layersLine(GanTrainer trainer) {
        String line = trainer.generator().layerEngine() + " (G), " + trainer.discriminator().layerEngine() + " (D)";
        if (trainer.config().definition().precision() == Precision.MIXED) {
            line += "; " + Precision.MIXED.description();
        } else if (Precision.forThisMachine() == Precision.FP32) {
            line += "; fp32 (this CPU has no AVX512_BF16 for mixed precision)";
        }
        for (String note : new String[]{trainer.generator().layerEngineNote(), trainer.discriminator().layerEngineNote()}) {
            if (note != null) {
                line += "; " + note;
            }
        }
        return line;
    }

    private int train(List<String> argv) {
        Args a = Args.parse(argv,
                Set.of("--data", "--sha256", "--iterations", "--epochs", "--batch", "--seed", "--out", "--sample-every",
                        "--checkpoint-every", "--lr", "--metrics-every", "--lr-g", "--lr-d", "--beta1", "--beta2",
                        "--augment", "--d-channels", "--d-norm", "--d-downsample", "--d-adversarial", "--ema", "--r1",
                        "--r1-every", "--top-k", "--curriculum",
                        "--precision", "--profile"),
                Set.of("--resume", "--flip"));
        if (a.has("--iterations") && a.has("--epochs")) {
            throw new UsageException("give --iterations or --epochs, not both");
        }
        // Every value is read before anything is created or loaded: a typo costs a second, not a start-up
        // and an empty run folder. The same helpers read them again below, over the run's own settings.
        a.string("--data", Datasets.SHAPES);
        Profile profile = profile(a);
        TrainingConfig defaults = profile != null ? profile.trainingConfig()
                : TrainingConfig.recipe(1, DEFAULT_ITERATIONS, DEFAULT_BATCH);
        metricsEvery(a);
        if (!a.has("--resume")) {
            // the values, checked before a folder is made; a resumed run's flags apply to its saved settings (its
            // D may differ), read once its checkpoint is open
            settings(a, defaults, 1, Curriculum.NONE);
        }
        Path outDir = a.path("--out", profile != null ? "runs/" + profile.name() : "runs/train");
        boolean resume = a.has("--resume");
        if (resume) {
            checkOutputFolder(outDir, true);
        }
        // a resumed run starts from its saved settings; a flag that repeats one is fine, one that changes it is not
        Checkpoint saved = resume ? Checkpoint.open(outDir) : null;
        TrainingConfig base = saved != null ? saved.config() : defaults;
        Curriculum savedStages = base.schedule().curriculum();
        String dataSpec = a.string("--data", saved == null ? Datasets.SHAPES
                : savedStages.active() ? savedStages.then() : saved.dataset());
        if (a.has("--flip")) {
            dataSpec = Datasets.withFlip(dataSpec, true);
        }
        Curriculum stages = curriculum(a, savedStages, dataSpec);
        if (stages.active() && a.has("--epochs")) {
            throw new UsageException("a run with a curriculum counts iterations: give --iterations, not --epochs");
        }
        RunDefinition definition = definition(a, base);
        // the one memory check of the command: before a fresh run's folder is made and before the data (a
        // folder may take minutes to decode, an archive to download); GanTrainer checks again for library users
        MemoryEstimate.requireFits(new TrainingConfig(definition, base.schedule()));
        definition.precision().requireAvailable();
        if (!resume) {
            checkOutputFolder(outDir, false);
        }
        long start = saved != null ? saved.iteration() : 0;
        ImageDataset data = open(stages.datasetAt(start, dataSpec), dataSpec, a);
        for (String later : stages.datasetsFrom(start)) {
            // the later stages' images open now too: a typo costs a second, not a stage change hours into the run
            if (!Datasets.sameSpec(later, data.spec())) {
                open(later, dataSpec, a);
            }
        }

        TrainingConfig config = settings(a, base, data.size(), stages);
        long iterations = config.iterations();

        GanTrainer trainer = RunFolder.openOrResume(outDir, data, config);
        if (trainer.finished()) {
            out.println("nothing to do: " + outDir + " is already at iteration " + trainer.iteration() + " of "
                    + iterations + " (give a larger --iterations to continue)");
            return 0;
        }
        err.println(Backend.describe().line());
        err.println("layers: " + layersLine(trainer));
        err.printf(Locale.ROOT, "training %s iterations %d..%d, batch %d, seed %d, output %s%n",
                trainer.iteration() > 0 ? "(resumed)" : "", trainer.iteration() + 1, iterations,
                definition.batchSize(), definition.seed(), outDir);

        Path checkpointDir = outDir.resolve("checkpoint");
        RunPictures pictures;
        while (true) {
            // one session per stage of the curriculum (one in all without): its data, its measures' real images
            long stageEnd = Math.min(stages.nextChange(trainer.iteration()), iterations);
            err.printf(Locale.ROOT, "data: %s%s%n", data.name(), stages.active()
                    ? String.format(Locale.ROOT, " (iterations %d..%d)", trainer.iteration() + 1, stageEnd) : "");
            pictures = attachListeners(trainer, data, outDir);
            try {
                trainWithStopOnSignal(trainer, stageEnd);
            } catch (TrainingDivergedException e) {
                throw e.withAdvice(lastGood(checkpointDir) + "; resume it with a lower rate: ./gan train --out "
                        + outDir + " --resume --lr " + definition.optimiser().learningRate() / 2);
            }
            if (trainer.iteration() < stageEnd || trainer.finished()) {
                break;
            }
            // the stage's end: its checkpoint is saved, and the run goes on from it on the next stage's images,
            // exactly as a stop there and a resume on those images would
            data = open(stages.datasetAt(trainer.iteration(), dataSpec), dataSpec, a);
            trainer = RunFolder.openOrResume(outDir, data, config);
        }

        if (!trainer.finished()) {
            err.println("stopped at iteration " + trainer.iteration() + "; checkpoint saved. Continue with: "
                    + "./gan train --out " + outDir + " --resume");
            return 130;
        }
        out.printf(Locale.ROOT, "done: %d iterations in %.0f s%n", trainer.iteration(),
                trainer.history().lastSeconds());
        out.println("samples:    " + pictures.samplePath(trainer.iteration()));
        out.println("loss plot:  " + outDir.resolve("loss.png"));
        out.println("history:    " + outDir.resolve("history.csv"));
        out.println("checkpoint: " + checkpointDir);
        return 0;
    }

    private static String lastGood(Path checkpointDir) {
        try {
            return "The last good checkpoint, at iteration " + Checkpoint.open(checkpointDir).iteration()
                    + ", is in " + checkpointDir;
        } catch (RuntimeException none) {
            return "No checkpoint was saved before it";
        }
    }

    /**
     * The images of {@code spec}: a stage's, or the run's own ({@code runSpec}), which alone may come with
     * --sha256 (a downloaded archive's checksum).
     */
    private ImageDataset open(String spec, String runSpec, Args a) {
        String sha256 = spec.equals(runSpec) ? a.string("--sha256", null) : null;
        return Datasets.open(spec, false, sha256, err);
    }

    /**
     * What measures and shows the run while it trains: sample grids and the loss plot, the quality measures
     * against {@code data} (the stage's images) when the run takes them, the status line.
     */
    private RunPictures attachListeners(GanTrainer trainer, ImageDataset data, Path outDir) {
        RunPictures pictures = new RunPictures(outDir);
        trainer.addListener(pictures);
        Schedule schedule = trainer.config().schedule();
        if (schedule.metricsEvery() > 0) {
            // cheap enough to run during training: 256 generated against 256 real images (a profile: its own count)
            Evaluator evaluator = Evaluator.forDataset(data, schedule.metricsSamples());
            trainer.addListener(new MetricsRecorder(outDir, evaluator, schedule.metricsEvery(), schedule.metricsSamples()));
            if (trainer.config().definition().averageDecay() > 0) { // the average's curve and G's, comparable with runs without one
                trainer.addListener(MetricsRecorder.ofTrainedGenerator(outDir, evaluator, schedule.metricsEvery(),
                        schedule.metricsSamples()));
            }
        }
        trainer.addListener(new ProgressLine(err, System.console() != null));
        return pictures;
    }

    /**
     * --curriculum SPEC@N[;SPEC@N…]: the stages before the run's data {@code dataSpec}; a resumed run keeps its
     * own stages (before a changed --data, if one is given).
     */
    private static Curriculum curriculum(Args a, Curriculum saved, String dataSpec) {
        try {
            if (a.has("--curriculum")) {
                return Curriculum.parse(a.string("--curriculum", ""), dataSpec);
            }
            return saved.active() ? new Curriculum(saved.stages(), Datasets.canonicalSpec(dataSpec)) : Curriculum.NONE;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--curriculum: " + e.getMessage());
        }
    }

    /** {@code base} (the defaults, or a resumed run's settings) with every flag of the command line applied. */
    private static TrainingConfig settings(Args a, TrainingConfig base, int datasetSize, Curriculum stages) {
        RunDefinition definition = definition(a, base);
        long iterations = iterations(a, datasetSize, definition.batchSize(), base.iterations());
        // measurements: the run's own (a resumed run keeps measuring as it did), or --metrics-every's 256 images
        Schedule saved = base.schedule();
        int metricsEvery = a.intValue("--metrics-every", saved.metricsEvery(), 0, Integer.MAX_VALUE);
        int metricsSamples = a.has("--metrics-every") || saved.metricsSamples() == 0 ? METRICS_SAMPLES
                : saved.metricsSamples();
        Schedule schedule = new Schedule(iterations,
                a.intValue("--sample-every", saved.sampleEvery(), 0, Integer.MAX_VALUE),
                a.intValue("--checkpoint-every", saved.checkpointEvery(), 0, Integer.MAX_VALUE))
                .withMetrics(metricsEvery, metricsSamples).withCurriculum(stages);
        return new TrainingConfig(definition, schedule);
    }

    private static RunDefinition definition(Args a, TrainingConfig base) {
        RunDefinition.Builder run = base.definition().toBuilder()
                .batchSize(a.intValue("--batch", base.batchSize(), 1, 4096))
                .seed(a.longValue("--seed", base.seed(), Long.MIN_VALUE, Long.MAX_VALUE));
        recipe(a, base.definition(), run);
        return run.build(); // checked once: settings that do not fit together are one line
    }

    /**
     * --profile smoke|quick|full: notebook 03's run in that profile (iterations, batch, seed 1, intervals and
     * measurements); any other flag still overrides its part. Null without the flag.
     */
    private static Profile profile(Args a) {
        if (!a.has("--profile")) {
            return null;
        }
        try {
            return Profile.named(a.string("--profile", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--profile takes smoke, quick or full, got '" + a.string("--profile", "") + "'");
        }
    }

    private static int metricsEvery(Args a) {
        return a.intValue("--metrics-every", 0, 0, Integer.MAX_VALUE);
    }

    private static long iterations(Args a, int datasetSize, int batch, long fallback) {
        if (a.has("--epochs")) {
            long epochs = a.longValue("--epochs", 1, 1, 1_000_000);
            long n = (epochs * datasetSize + batch - 1) / batch;
            if (n > Schedule.MAX_ITERATIONS) {
                throw new UsageException("--epochs " + epochs + " means " + n + " iterations, more than "
                        + Schedule.MAX_ITERATIONS);
            }
            return n;
        }
        return a.longValue("--iterations", fallback, 1, Schedule.MAX_ITERATIONS);
    }

    /**
     * The recipe flags onto {@code run} (which starts as {@code base}): --lr sets both networks' rate, --lr-g
     * and --lr-d one each; --beta1 and --beta2 are Adam's for both; --augment, --d-channels, --d-norm and --d-downsample
     * shape what D is and sees; --ema D draws the samples with a running average of G's weights of decay D;
     * --r1 GAMMA [--r1-every K] adds the R1 penalty to D's loss, on every K-th D step with its weight times K;
     * --top-k NU[,T] lets G learn from the images D rates most real; --d-adversarial EPS trains D on each image
     * moved EPS (L2) to where D errs most; --precision fp32|mixed is the arithmetic of
     * the convolutions of G and D (a new run's default: {@link Precision#forThisMachine}).
     */
    private static void recipe(Args a, RunDefinition base, RunDefinition.Builder run) {
        if (a.has("--lr")) {
            run.learningRate(a.doubleValue("--lr", base.optimiser().learningRate(), Double.MIN_NORMAL, 1.0));
        }
        if (a.has("--lr-g")) {
            run.gLearningRate(a.doubleValue("--lr-g", 0, Double.MIN_NORMAL, 1.0));
        }
        if (a.has("--lr-d")) {
            run.dLearningRate(a.doubleValue("--lr-d", 0, Double.MIN_NORMAL, 1.0));
        }
        if (a.has("--beta1")) {
            run.beta1(a.doubleValue("--beta1", 0, 0, 0.9999));
        }
        if (a.has("--beta2")) {
            run.beta2(a.doubleValue("--beta2", 0, 0, 0.9999));
        }
        if (a.has("--d-channels")) {
            try {
                run.dChannels(Arrays.stream(a.string("--d-channels", "").split(","))
                        .map(String::trim).map(Integer::valueOf).toList());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--d-channels takes one channel count per block, e.g. 64,128,256,512: "
                        + e.getMessage());
            }
        }
        if (a.has("--d-downsample")) {
            String how = a.string("--d-downsample", "strided");
            try {
                run.dDownsampling(Downsampling.ofKey(how));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--d-downsample takes strided (DCGAN's 4x4 stride-2 convolutions) or pooled"
                        + " (3x3 convolutions and 2x2 means), got '" + how + "'");
            }
        }
        boolean batchNorm = base.discriminator().batchNorm();
        if (a.has("--d-norm")) {
            String norm = a.string("--d-norm", "batchnorm");
            SpectralNorm spectral = D_NORMS.get(norm);
            if (spectral == null) {
                throw new UsageException("--d-norm takes batchnorm, none, spectral or spectral-conv, got '" + norm + "'");
            }
            batchNorm = norm.equals("batchnorm");
            run.dBatchNorm(batchNorm).dSpectralNorm(spectral);
        }
        run.augmentation(a.parsed("--augment", base.augmentation(), Augmentation::parse));
        run.average(a.doubleValue("--ema", base.averageDecay(), 0, 0.9999));
        R1Penalty r1 = new R1Penalty(a.doubleValue("--r1", base.r1().gamma(), 0, R1Penalty.MAX_GAMMA),
                (int) a.longValue("--r1-every", base.r1().every(), 1, R1Penalty.MAX_EVERY));
        if (r1.active() && batchNorm) {
            throw new UsageException("--r1 penalises each real image's gradient, and with batch norm D's verdict on an"
                    + " image depends on its batch: add --d-norm none");
        }
        run.r1(r1.gamma(), r1.every()).topK(topK(a, base.topK()));
        run.adversarialRadius(a.doubleValue("--d-adversarial", base.adversarialRadius(), 0,
                RunDefinition.MAX_ADVERSARIAL_RADIUS));
        run.precision(a.parsed("--precision", base.precision(), Precision::parse));
    }

    /** --top-k NU[,T]: G learns from the ⌈ν·N⌉ generated images D rates most real, reached after T iterations. */
    private static TopK topK(Args a, TopK base) {
        if (!a.has("--top-k")) {
            return base;
        }
        String[] parts = a.string("--top-k", "").split(",", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new TopK(Double.parseDouble(parts[0].trim()), parts.length == 2 ? Long.parseLong(parts[1].trim()) : 0);
        } catch (NumberFormatException e) {
            throw new UsageException("--top-k takes NU or NU,ITERATIONS (e.g. 0.5,2000), got '" + a.string("--top-k", "")
                    + "'");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--top-k: " + e.getMessage());
        }
    }

    /** Refuses to overwrite a run and fails early, before any training, on an unusable folder. */
    private static void checkOutputFolder(Path dir, boolean resume) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + dir + " is a file, not a folder");
        }
        // a folder with a history but no checkpoint was stopped before its first checkpoint: start it over
        if (!resume && Checkpoint.exists(dir)) {
            throw new UsageException(dir + " already holds a run; add --resume to continue it or choose another --out");
        }
        Files2.requireWritableFolder(dir);
    }

    /**
     * Ctrl-C (SIGINT/SIGTERM) finishes the current iteration, saves a checkpoint and the other run outputs,
     * and prints how to resume, all before the JVM exits.
     */
    private void trainWithStopOnSignal(GanTrainer trainer, long until) {
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                reported.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gan-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            trainer.trainUntil(until);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and waits for this thread: nothing to undo
            }
        }
    }
}
