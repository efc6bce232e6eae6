package io.gannotebooks.cli;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.Datasets;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.metrics.MetricsRecorder;
import io.gannotebooks.model.NetworkSettings;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.DiscriminatorBatches;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.MemoryEstimate;
import io.gannotebooks.train.RunOutputs;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.train.TrainingDivergedException;
import io.gannotebooks.util.Files2;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    private int train(List<String> argv) {
        Args a = Args.parse(argv,
                Set.of("--data", "--iterations", "--epochs", "--batch", "--seed", "--out", "--sample-every",
                        "--checkpoint-every", "--d-batches", "--lr", "--metrics-every"),
                Set.of("--resume", "--flip"));
        if (a.has("--iterations") && a.has("--epochs")) {
            throw new UsageException("give --iterations or --epochs, not both");
        }
        // Every value is read before anything is created or loaded: a typo costs a second, not a start-up
        // and an empty run folder. The same helpers read them again below, where they are used.
        TrainingConfig fresh = fresh(a);
        TrainingConfig requested = withIntervals(a, fresh.withIterations(iterations(a, 1, 1, fresh.iterations())));
        metricsEvery(a);
        if (!a.has("--resume")) {
            MemoryEstimate.requireFits(requested);
        }
        Path outDir = a.path("--out", "runs/train");
        checkOutputFolder(outDir, a.has("--resume"));
        Checkpoint checkpoint = a.has("--resume") ? Checkpoint.open(outDir) : null;

        String dataSpec = a.string("--data", checkpoint != null ? checkpoint.dataset() : "shapes");
        if (checkpoint != null && a.has("--data") && !Datasets.sameSpec(dataSpec, checkpoint.dataset())) {
            throw new UsageException("--resume continues on the run's dataset (" + checkpoint.dataset()
                    + "); drop --data or use another --out");
        }
        TrainingConfig config = checkpoint != null ? checkpoint.config() : requested;
        MemoryEstimate.requireFits(config); // before the data: a folder may take minutes to decode
        boolean flip = a.has("--flip");
        ImageDataset data = Datasets.open(dataSpec, flip, err);

        if (checkpoint != null) {
            for (String fixed : List.of("--batch", "--seed", "--d-batches")) {
                if (a.has(fixed)) {
                    throw new UsageException(fixed + " cannot change on --resume (the checkpoint fixes it)");
                }
            }
        }
        long iterations = iterations(a, data.size(), config.batchSize(), config.iterations());
        if (checkpoint != null && a.has("--lr")) {
            config = config.withLearningRate(a.doubleValue("--lr", 0, Double.MIN_NORMAL, 1.0));
        }
        config = withIntervals(a, config.withIterations(iterations));

        GanTrainer trainer = checkpoint != null ? checkpoint.resume(data, config) : new GanTrainer(config, data);
        if (trainer.finished()) {
            out.println("nothing to do: " + outDir + " is already at iteration " + trainer.iteration() + " of "
                    + iterations + " (give a larger --iterations to continue)");
            return 0;
        }
        err.println(Backend.describe().line());
        err.printf(Locale.ROOT, "data: %s%n", data.name());
        err.printf(Locale.ROOT, "training %s iterations %d..%d, batch %d, seed %d, D batches %s, output %s%n",
                checkpoint != null ? "(resumed)" : "", trainer.iteration() + 1, iterations, config.batchSize(),
                config.seed(), config.dBatches().name().toLowerCase(Locale.ROOT), outDir);

        RunOutputs outputs = new RunOutputs(outDir, Datasets.canonicalSpec(dataSpec));
        trainer.addListener(outputs);
        int metricsEvery = metricsEvery(a);
        if (metricsEvery > 0) {
            // cheap enough to run during training: 256 generated against 256 real images
            trainer.addListener(new MetricsRecorder(outDir, Evaluator.forDataset(data, METRICS_SAMPLES),
                    metricsEvery, METRICS_SAMPLES));
        }
        trainer.addListener(new ProgressLine(err, System.console() != null));
        try {
            trainWithStopOnSignal(trainer);
        } catch (TrainingDivergedException e) {
            throw e.withAdvice(lastGood(outputs) + "; resume it with a lower rate: ./gan train --out " + outDir
                    + " --resume --lr " + config.networks().learningRate() / 2);
        }

        if (!trainer.finished()) {
            err.println("stopped at iteration " + trainer.iteration() + "; checkpoint saved. Continue with: "
                    + "./gan train --out " + outDir + " --resume");
            return 130;
        }
        out.printf(Locale.ROOT, "done: %d iterations in %.0f s%n", trainer.iteration(),
                trainer.history().lastSeconds());
        out.println("samples:    " + outputs.samplesDir().resolve(String.format("iter_%06d.png", trainer.iteration())));
        out.println("loss plot:  " + outDir.resolve("loss.png"));
        out.println("history:    " + outDir.resolve("history.csv"));
        out.println("checkpoint: " + outputs.checkpointDir());
        return 0;
    }

    private static String lastGood(RunOutputs outputs) {
        try {
            return "The last good checkpoint, at iteration " + Checkpoint.open(outputs.checkpointDir()).iteration()
                    + ", is in " + outputs.checkpointDir();
        } catch (RuntimeException none) {
            return "No checkpoint was saved before it";
        }
    }

    private TrainingConfig fresh(Args a) {
        long seed = a.longValue("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int batch = a.intValue("--batch", DEFAULT_BATCH, 1, 4096);
        DiscriminatorBatches dBatches = DiscriminatorBatches.parse(a.string("--d-batches", "separate"));
        TrainingConfig defaults = TrainingConfig.defaults(seed, DEFAULT_ITERATIONS, batch);
        NetworkSettings n = defaults.networks();
        double lr = a.doubleValue("--lr", n.learningRate(), Double.MIN_NORMAL, 1.0);
        return new TrainingConfig(defaults.generator(), defaults.discriminator(),
                new NetworkSettings(seed, lr, n.beta1(), n.dataType()), DEFAULT_ITERATIONS, batch, dBatches,
                defaults.sampleEvery(), defaults.checkpointEvery(), defaults.fixedNoiseCount());
    }

    private static TrainingConfig withIntervals(Args a, TrainingConfig config) {
        return config.withIntervals(a.intValue("--sample-every", config.sampleEvery(), 0, Integer.MAX_VALUE),
                a.intValue("--checkpoint-every", config.checkpointEvery(), 0, Integer.MAX_VALUE));
    }

    private static int metricsEvery(Args a) {
        return a.intValue("--metrics-every", 0, 0, Integer.MAX_VALUE);
    }

    private static long iterations(Args a, int datasetSize, int batch, long fallback) {
        if (a.has("--epochs")) {
            long epochs = a.longValue("--epochs", 1, 1, 1_000_000);
            long n = (epochs * datasetSize + batch - 1) / batch;
            if (n > TrainingConfig.MAX_ITERATIONS) {
                throw new UsageException("--epochs " + epochs + " means " + n + " iterations, more than "
                        + TrainingConfig.MAX_ITERATIONS);
            }
            return n;
        }
        return a.longValue("--iterations", fallback, 1, TrainingConfig.MAX_ITERATIONS);
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
    private void trainWithStopOnSignal(GanTrainer trainer) {
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
            trainer.train();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and waits for this thread: nothing to undo
            }
        }
    }
}
