package io.gannotebooks.train;

import static io.gannotebooks.model.Discriminator.FAKE;
import static io.gannotebooks.model.Discriminator.REAL;
import static io.gannotebooks.model.Discriminator.Wanted.IMAGE;
import static io.gannotebooks.model.Discriminator.Wanted.PARAMETERS;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.Augmentation;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.model.LayerEngine;
import io.gannotebooks.util.Streams;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DCGAN training loop: each iteration is one D step and one G step on a minibatch.
 *
 * <p>{@link #step} is the design note's algorithm and nothing else: D's step on the real and the generated
 * batch (both through the run's augmentation, none by default, and R1 on the real one when the recipe has it),
 * then G's step from D's verdict on the generated batch (from the k images D rates most real, with top-k).
 * G's gradient comes out of D's backward pass (D's input gradient, which leaves D's parameters untouched)
 * through the augmentation's backward into G's backward pass: no third network, no parameter copies.
 * {@link #iterate} and {@link #trainUntil} are the loop around it: the session clock, the finite checks, the
 * history, listeners, sample grids, stop requests, and {@link ResidentMemory}'s collections.
 */
public final class GanTrainer {
    private final TrainingConfig config;
    private final RunDefinition run;
    private final Generator generator;
    private final Discriminator discriminator;
    /** The running average of G's weights that draws the samples, or null: G draws them. */
    private final GeneratorAverage average;
    private final ImageDataset data;
    private final DataOrder order;
    private final TrainingHistory history;
    private final INDArray fixedNoise;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private long iteration;
    private double secondsBefore;
    private long sessionStart;
    private final ResidentMemory memory = new ResidentMemory();
    private RuntimeException failure;
    private volatile boolean stopRequested;
    /** The calling thread was interrupted during this session: its flag is set again when the session ends. */
    private boolean interrupted;
    private boolean stoppedEarly;
    /** R1's value where it was last computed (a lazy penalty skips steps): the history's r1 column. */
    private double lastPenalty;

    /** A fresh run: networks initialised from the definition's seed. */
    public GanTrainer(TrainingConfig config, ImageDataset data) {
        this(config, data, new Generator(config.definition().generator(), config.definition().generatorSettings()),
                new Discriminator(config.definition().discriminator(), config.definition().discriminatorSettings()),
                new TrainingHistory(), 0);
    }

    /** A run from these networks, its running average of G (if the definition keeps one) starting at G's weights. */
    GanTrainer(TrainingConfig config, ImageDataset data, Generator generator, Discriminator discriminator,
               TrainingHistory history, long iteration) {
        this(config, data, generator, discriminator, config.definition().averageDecay() > 0
                ? GeneratorAverage.startingAt(generator, config.definition().averageDecay()) : null, history, iteration);
    }

    /** A run that continues from a checkpoint's networks, average of G (or null), history and iteration. */
    GanTrainer(TrainingConfig config, ImageDataset data, Generator generator, Discriminator discriminator,
               GeneratorAverage average, TrainingHistory history, long iteration) {
        MemoryEstimate.requireFits(config); // refuse in a second, not after minutes and an OutOfMemoryError
        this.config = config;
        this.run = config.definition();
        this.data = data.requireImages(run.generator().imageSize(), run.generator().imageChannels(), "the networks");
        this.generator = generator;
        this.discriminator = discriminator;
        this.average = average;
        this.history = history;
        this.iteration = iteration;
        this.secondsBefore = history.lastSeconds();
        this.lastPenalty = history.size() == 0 ? 0 : history.row(history.size() - 1).r1();
        if (run.r1().active() && discriminator.layerEngine() != LayerEngine.NATIVE) {
            throw new IllegalArgumentException("R1 is computed on the library's own layers, not on DL4J's ("
                    + (discriminator.layerEngineNote() != null ? discriminator.layerEngineNote() : "a D built on them") + ")");
        }
        generator.precision(run.precision());
        discriminator.precision(run.precision());
        this.order = new DataOrder(run.seed(), data.size(), run.batchSize());
        this.fixedNoise = noise(Streams.FIXED_NOISE, 0, run.fixedNoiseCount());
    }

    public GanTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    public TrainingConfig config() {
        return config;
    }

    public Generator generator() {
        return generator;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    /** The generator that draws samples: the running average of G's weights when the run keeps one, else G. */
    public Generator sampler() {
        return average != null ? average.generator() : generator;
    }

    /** The running average of G's weights, or null when the run keeps none. */
    GeneratorAverage average() {
        return average;
    }

    public ImageDataset data() {
        return data;
    }

    public TrainingHistory history() {
        return history;
    }

    /** Number of iterations completed so far (the next iteration's 0-based index). */
    public long iteration() {
        return iteration;
    }

    /** Asks {@link #train} to stop after the current iteration (safe from another thread, e.g. on Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Why the last {@link #train} call stopped early, or null: listeners must not save a broken state. */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * The last {@link #trainUntil} session was stopped (a stop request or an interrupt) before the iteration it
     * was to reach, without a failure; listeners may ask in {@link TrainingListener#onEnd}.
     */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    public boolean finished() {
        return iteration >= config.iterations();
    }

    /** The fixed noise batch [fixedNoiseCount, latent]: the same every run with this seed. */
    public INDArray fixedNoise() {
        return fixedNoise;
    }

    /** Trains until the schedule's iteration count, notifying listeners; returns the history. */
    public TrainingHistory train() {
        return trainUntil(config.iterations());
    }

    /**
     * Trains until {@code lastIteration} iterations are complete (capped at the schedule's total). An interrupt of
     * the calling thread stops it like {@link #requestStop}, after the iteration under way: a notebook's stop
     * button interrupts the cell's thread (rapaio, with the project's kernel fixes, then waits for the cell to
     * return; IJava and JJava may end the cell at once), and the listeners then end the session as usual (the run folder saves its checkpoint). Synchronized: a cell run
     * again right after the stop waits for that last iteration instead of training the same networks alongside.
     */
    public synchronized TrainingHistory trainUntil(long lastIteration) {
        long end = Math.min(lastIteration, config.iterations());
        sessionStart = System.nanoTime();
        secondsBefore = history.lastSeconds();
        failure = null;
        stopRequested = false;
        stoppedEarly = false;
        listeners.forEach(l -> l.onStart(this));
        try {
            while (iteration < end && !stopRequested) {
                StepResult result = iterate();
                // cleared before the listeners write the step: interruptible channels refuse to write while it is set
                if (Thread.interrupted()) {
                    stopRequested = true;
                    interrupted = true;
                }
                listeners.forEach(l -> l.onStep(this, result));
                int every = config.schedule().sampleEvery();
                if (finished() || (every > 0 && iteration % every == 0)) {
                    INDArray images = samples();
                    listeners.forEach(l -> l.onSamples(this, iteration, images));
                }
            }
            stoppedEarly = iteration < end;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            listeners.forEach(l -> l.onEnd(this));
            if (interrupted) {
                interrupted = false;
                Thread.currentThread().interrupt();   // the caller still sees that it was interrupted
            }
        }
        return history;
    }

    /** One iteration: {@link #step}, then the loop's book-keeping. Appends to the history and returns its row. */
    public StepResult iterate() {
        if (sessionStart == 0) {
            sessionStart = System.nanoTime();
        }
        long epoch = order.epoch(iteration);
        Losses losses = step(iteration, epoch);
        if (average != null) {
            average.follow(generator); // not part of the step: the average only draws, it is never trained
        }
        generator.forgetBatch();
        discriminator.forgetBatch();
        memory.afterIteration();
        double seconds = secondsBefore + (System.nanoTime() - sessionStart) / 1e9;
        StepResult result = losses.row(iteration, epoch, seconds);
        checkFinite(result);
        history.add(result);
        iteration++;
        return result;
    }

    /**
     * The design note's algorithm on iteration {@code t}'s minibatch. Gradients are sums over the batch;
     * each {@code update} divides by its size N = B, so both networks follow the minibatch means, the note's
     * 1/N Σ (G's over the k images it learns from, with top-k).
     */
    private Losses step(long t, long epoch) {
        int b = run.batchSize();
        int n = b;                                          // N: the minibatch means divide by B
        INDArray z = noise(Streams.TRAINING_NOISE, t, b);   // z: [B, 100], z ~ N(0, 1)
        INDArray real = realBatch(t);                       // real: [B, 3, 64, 64], pixels in [-1, 1]
        INDArray fake = generator.forward(z);               // fake = G(z): [B, 3, 64, 64]; G keeps its activations for (2)
        // what D sees: every image, real or generated, through the same random augmentation (none by default)
        Augmentation seen = run.augmentation();
        INDArray realSeen = seen.apply(real, augmentationDraws(t, 0)).images();   // [B, 3, 64, 64]
        INDArray fakeSeen = seen.apply(fake, augmentationDraws(t, 1)).images();   // [B, 3, 64, 64]

        // (1) Update D: maximise log D(x) + log(1 − D(G(z))) [− R1 = (γ/2)·(1/N) Σ ‖∇ₓ logit(x)‖² on the real batch]
        // [with --d-adversarial ε: on each image moved ε to where D errs most; D's verdicts reported as given]
        double radius = run.adversarialRadius();
        var hardReal = radius > 0 ? discriminator.hardest(realSeen, REAL, radius) : null;
        var hardFake = radius > 0 ? discriminator.hardest(fakeSeen, FAKE, radius) : null;
        INDArray realJudged = hardReal == null ? realSeen : hardReal.images();
        INDArray fakeJudged = hardFake == null ? fakeSeen : hardFake.images();
        var onReal = discriminator.backward(realJudged, REAL, PARAMETERS); // D(x): [N]; ∇θ_D of −Σ log D(x)
        var onFake = discriminator.backward(fakeJudged, FAKE, PARAMETERS); // D(G(z)): [N]; ∇θ_D of −Σ log(1 − D(G(z)))
        INDArray dGradient = onReal.parameterGradient().addi(onFake.parameterGradient());
        double r1Weight = run.r1().weightAt(t);                         // γ·K on every K-th step, else 0
        if (r1Weight > 0) {
            var r1 = discriminator.gradientPenalty(realSeen, run.r1().gamma(), r1Weight);
            dGradient.addi(r1.parameterGradient());                     // ∇θ_D of (γK/2) Σ ‖∇ₓ logit‖²
            lastPenalty = r1.value();
        }
        discriminator.update(dGradient, n, t, epoch);

        // (2) Update G: maximise log D(G(z))
        var fakeAgain = seen.apply(fake, augmentationDraws(t, 2));   // a fresh augmentation of G(z)
        var judged = discriminator.backward(fakeAgain.images(), REAL, IMAGE); // D(G(z)) by the updated D: [N]; D unchanged
        int k = run.topK().kept(t, n);                                 // top-k: G learns from the k most real (N by default)
        if (k < n) {
            TopK.keepMostReal(judged.imageGradient(), judged.probabilities(), k);
        }
        INDArray byImage = fakeAgain.backward(judged.imageGradient()); // ∂(−Σ log D(G(z)))/∂G(z): [B, 3, 64, 64]
        generator.update(generator.backward(byImage), k, t, epoch);    // chain rule through G: ∇θ_G, a mean over k

        // the minibatch estimates of L_d and L_g, negated into losses
        return new Losses(hardReal == null ? onReal.probabilities() : hardReal.probabilities(),
                hardFake == null ? onFake.probabilities() : hardFake.probabilities(), judged.probabilities(), lastPenalty);
    }

    /**
     * D's outputs of one step and the losses they give. {@code loss_d = −[1/B Σ log D(x) + 1/B Σ log(1 − D(G(z)))]}
     * is the negative of L_d's estimate; {@code loss_g = −1/B Σ log D(G(z))}, with D after its update, of L_g's;
     * {@code r1} the penalty at its latest computation (0 without one).
     */
    private record Losses(double[] dReal, double[] dFake, double[] dFakeAfter, double r1) {
        StepResult row(long t, long epoch, double seconds) {
            double lossD = -(meanLog(dReal) + meanLogOneMinus(dFake));
            double lossG = -meanLog(dFakeAfter);
            return new StepResult(t, epoch, lossD, lossG, mean(dReal), mean(dFake), mean(dFakeAfter), r1, seconds);
        }
    }

    private void checkFinite(StepResult r) {
        String[] names = {"loss_d", "loss_g", "D(x)", "D(G(z))"};
        double[] values = {r.lossD(), r.lossG(), r.dReal(), r.dFake()};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new TrainingDivergedException(r.iteration(), names[i]);
            }
        }
        if (!generator.finite()) {
            throw new TrainingDivergedException(iteration, "generator parameters");
        }
        if (!discriminator.finite()) {
            throw new TrainingDivergedException(iteration, "discriminator parameters");
        }
    }

    private Streams.Generator augmentationDraws(long t, int part) {
        return Streams.of(run.seed(), Streams.AUGMENTATION, t, part);
    }

    /** The real images of iteration {@code it}'s batch: like the noise, a pure function of seed and iteration. */
    public INDArray realBatch(long it) {
        return data.batch(order.batch(it)).castTo(run.dataType());
    }

    /** Standard normal noise [n, latent] of one (stream, index): a pure function of the seed. */
    public INDArray noise(long stream, long index, int n) {
        return LatentNoise.sample(run.seed(), stream, index, n, run.generator().latentSize(), run.dataType());
    }

    /**
     * The {@linkplain #sampler() sampler}'s images of the fixed noise, [fixedNoiseCount, C, H, W]. BatchNorm
     * runs in inference mode (running averages), so an image depends on its own z only; in the first ≈20
     * iterations those averages still remember their start values and the images are a flat grey.
     */
    public INDArray samples() {
        return sampler().generate(fixedNoise);
    }

    /** Mean of log p, p clamped to [1e-10, 1]: a sigmoid that rounded to 0 still reads finite. */
    static double meanLog(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += clampedLog(v);
        }
        return sum / p.length;
    }

    /** Mean of log(1 − p), clamped as {@link #meanLog}: a sigmoid that rounded to 1 still reads finite. */
    static double meanLogOneMinus(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += clampedLog(1 - v);
        }
        return sum / p.length;
    }

    private static double clampedLog(double q) {
        return Math.log(Math.min(1.0, Math.max(q, 1e-10)));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
