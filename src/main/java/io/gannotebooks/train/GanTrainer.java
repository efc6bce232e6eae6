package io.gannotebooks.train;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.plot.ImageGrid;
import io.gannotebooks.util.Streams;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DCGAN training loop: each iteration is one D step and one G step on a minibatch.
 *
 * <p>(1) D step: maximise log D(x) + log(1 − D(G(z))), i.e. minimise binary cross-entropy with label 1
 * on real images and 0 on generated ones. (2) G step: maximise log D(G(z)) (the non-saturating loss),
 * i.e. minimise cross-entropy with label 1 on generated images. The gradient of that loss with respect
 * to the generated images comes out of D's backward pass ({@code calculateGradients}, which does not
 * touch D's parameters) and is fed into G's backward pass ({@code backpropGradient}): no third network,
 * no parameter copies. DL4J gradients are sums over the batch; the updater divides by the batch size
 * we pass, so every step follows the minibatch mean, the design note's 1/N Σ estimate.
 */
public final class GanTrainer {
    private final TrainingConfig config;
    private final Generator generator;
    private final Discriminator discriminator;
    private final ImageDataset data;
    private final DataOrder order;
    private final TrainingHistory history;
    private final INDArray fixedNoise;
    private final OutputCapture dOutputs = new OutputCapture();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private long iteration;
    private double secondsBefore;
    private long sessionStart;
    private RuntimeException failure;
    private volatile boolean stopRequested;

    /** A fresh run: networks initialised from the config's seed. */
    public GanTrainer(TrainingConfig config, ImageDataset data) {
        this(config, data, new Generator(config.generator(), config.networks()),
                new Discriminator(config.discriminator(), config.networks()), new TrainingHistory(), 0);
    }

    /** A run that continues from a checkpoint's networks, history and iteration. */
    GanTrainer(TrainingConfig config, ImageDataset data, Generator generator, Discriminator discriminator,
               TrainingHistory history, long iteration) {
        if (data.imageSize() != config.generator().imageSize() || data.channels() != config.generator().imageChannels()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.imageSize() + "px images "
                    + "with " + data.channels() + " channels; the networks expect " + config.generator().imageSize()
                    + "px with " + config.generator().imageChannels());
        }
        MemoryEstimate.requireFits(config); // refuse in a second, not after minutes and an OutOfMemoryError
        this.config = config;
        this.data = data;
        this.generator = generator;
        this.discriminator = discriminator;
        this.history = history;
        this.iteration = iteration;
        this.secondsBefore = history.lastSeconds();
        this.order = new DataOrder(config.seed(), data.size(), config.batchSize());
        this.fixedNoise = noise(Streams.FIXED_NOISE, 0, config.fixedNoiseCount());
        discriminator.network().setListeners(dOutputs);
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

    public boolean finished() {
        return iteration >= config.iterations();
    }

    /** The fixed noise batch [fixedNoiseCount, latent]: the same every run with this seed. */
    public INDArray fixedNoise() {
        return fixedNoise;
    }

    /** Trains until the config's iteration count, notifying listeners; returns the history. */
    public TrainingHistory train() {
        return trainUntil(config.iterations());
    }

    /** Trains until {@code lastIteration} iterations are complete (capped at the config's total). */
    public TrainingHistory trainUntil(long lastIteration) {
        long end = Math.min(lastIteration, config.iterations());
        sessionStart = System.nanoTime();
        secondsBefore = history.lastSeconds();
        failure = null;
        stopRequested = false;
        listeners.forEach(l -> l.onStart(this));
        try {
            while (iteration < end && !stopRequested) {
                StepResult result = step();
                listeners.forEach(l -> l.onStep(this, result));
                boolean last = iteration == config.iterations();
                if (last || (config.sampleEvery() > 0 && iteration % config.sampleEvery() == 0)) {
                    BufferedImage grid = sampleGrid();
                    listeners.forEach(l -> l.onSamples(this, iteration, grid));
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            listeners.forEach(l -> l.onEnd(this));
        }
        return history;
    }

    /** One D step and one G step; appends to the history and returns its row. */
    public StepResult step() {
        if (sessionStart == 0) {
            sessionStart = System.nanoTime();
        }
        int b = config.batchSize();
        DataType type = config.networks().dataType();
        long epoch = order.epoch(iteration);
        MultiLayerNetwork g = generator.network();
        MultiLayerNetwork d = discriminator.network();

        INDArray z = noise(Streams.TRAINING_NOISE, iteration, b);
        INDArray real = realBatch(iteration);
        // G's forward pass in training mode; its layers keep their inputs for G's backward pass in (2)
        g.setInput(z);
        List<INDArray> activations = g.feedForward(true, false);
        INDArray fake = activations.get(activations.size() - 1);

        // (1) Update D: maximise log D(x) + log(1 - D(G(z)))
        double[] pReal;
        double[] pFake;
        Gradient dGradient;
        // MIXED: one shuffled batch of real and generated images, shown to D in both steps
        MixedBatch mix = config.dBatches() == DiscriminatorBatches.MIXED
                ? new MixedBatch(real, fake, mixedOrder(b)) : null;
        if (config.dBatches() == DiscriminatorBatches.SEPARATE) {
            Gradient onReal = d.calculateGradients(real, Nd4j.ones(type, b, 1), null, null).getFirst();
            pReal = dOutputs.take();
            INDArray realPart = onReal.gradient().dup(); // the next call overwrites D's gradient view
            dGradient = d.calculateGradients(fake, Nd4j.zeros(type, b, 1), null, null).getFirst();
            pFake = dOutputs.take();
            dGradient.gradient().addi(realPart);
        } else {
            dGradient = d.calculateGradients(mix.images(), mix.labels(), null, null).getFirst();
            double[] p = dOutputs.take();
            pReal = mix.realRows(p);
            pFake = mix.fakeRows(p);
        }
        // dividing by B (not 2B in MIXED) makes both modes follow the same objective: mean over reals + mean over fakes
        apply(d, dGradient, b, epoch);

        // (2) Update G: maximise log D(G(z)). D's gradient w.r.t. its input is G's output error.
        Gradient gGradient;
        double[] pFakeAfter;
        if (config.dBatches() == DiscriminatorBatches.SEPARATE) {
            gGradient = generatorGradient(g, d, fake);
            pFakeAfter = dOutputs.take();
        } else {
            // D must see the same kind of batch as in its own step: a pure batch of generated images would
            // be normalised by other BatchNorm statistics, and D's verdict on it would say nothing (measured:
            // D(x) = 1, D(G(z)) = 0 in D's step, yet "real" for every generated image in G's step)
            gGradient = generatorGradient(g, d, mix);
            pFakeAfter = mix.fakeRows(dOutputs.take());
        }
        apply(g, gGradient, b, epoch);
        forgetBatch(g);
        forgetBatch(d);
        releaseGarbage();

        double lossD = -(meanLog(pReal, false) + meanLog(pFake, true));
        double lossG = -meanLog(pFakeAfter, false);
        double seconds = secondsBefore + (System.nanoTime() - sessionStart) / 1e9;
        StepResult result = new StepResult(iteration, epoch, lossD, lossG, mean(pReal), mean(pFake),
                mean(pFakeAfter), seconds);
        checkFinite(result);
        checkFinite("generator parameters", g.params());
        checkFinite("discriminator parameters", d.params());
        history.add(result);
        iteration++;
        return result;
    }

    /**
     * G's gradient (summed over the batch) of −Σ log D(G(z)), for images {@code fake} = G(z) from G's latest
     * training-mode forward pass, whose layer inputs G still holds. D's parameters, BatchNorm statistics
     * and optimiser state are left exactly as they were: calculateGradients only fills D's gradient view.
     */
    static Gradient generatorGradient(MultiLayerNetwork g, MultiLayerNetwork d, INDArray fake) {
        INDArray realLabels = Nd4j.ones(fake.dataType(), fake.size(0), 1);
        INDArray dLossByImage = d.calculateGradients(fake, realLabels, null, null).getSecond();
        return g.backpropGradient(dLossByImage, LayerWorkspaceMgr.noWorkspaces()).getFirst();
    }

    /** As {@link #generatorGradient(MultiLayerNetwork, MultiLayerNetwork, INDArray)}, with D shown a mixed batch. */
    static Gradient generatorGradient(MultiLayerNetwork g, MultiLayerNetwork d, MixedBatch mix) {
        INDArray images = mix.images();
        INDArray byImage = d.calculateGradients(images, Nd4j.ones(images.dataType(), images.size(0), 1), null,
                mix.generatedMask()).getSecond();
        return g.backpropGradient(mix.fakeRows(byImage), LayerWorkspaceMgr.noWorkspaces()).getFirst();
    }

    private void apply(MultiLayerNetwork net, Gradient gradient, int batchSize, long epoch) {
        // Adam turns the gradient into the step in place; DL4J's convention is params -= step
        net.getUpdater().update(net, gradient, (int) iteration, (int) epoch, batchSize,
                LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(gradient.gradient());
        net.getLayerWiseConfigurations().setIterationCount((int) iteration + 1);
        net.getLayerWiseConfigurations().setEpochCount((int) epoch);
    }

    /**
     * Drops the references a network keeps to this iteration's input, labels and activations, so the GC can
     * free them. Not {@code MultiLayerNetwork.clear()}: that also throws away the updater, i.e. Adam's
     * moment estimates, and every step would start Adam afresh (measured: a sign-like step of 1–16 times
     * the learning rate, and D's outputs swinging between 0 and 1 every other iteration).
     */
    private static void forgetBatch(MultiLayerNetwork net) {
        net.clearLayersStates();
        net.setInput(null);
        net.setLabels(null);
    }

    private void checkFinite(StepResult r) {
        String[] names = {"loss_d", "loss_g", "D(x)", "D(G(z))"};
        double[] values = {r.lossD(), r.lossG(), r.dReal(), r.dFake()};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new TrainingDivergedException(r.iteration(), names[i]);
            }
        }
    }

    /**
     * Bounds resident memory. G's forward and backward passes allocate their activations and errors
     * outside DL4J's workspaces (≈7 MB per image of the batch, every iteration), and nd4j returns
     * off-heap memory only when the Java GC finds the arrays unreachable. With a small heap the GC rarely
     * runs, so resident memory climbed by gigabytes; one collection per iteration (tens of milliseconds
     * against an iteration of about a second at batch 32) keeps it at the live set plus one iteration.
     */
    private static void releaseGarbage() {
        System.gc();
    }

    private void checkFinite(String what, INDArray params) {
        // one reduction over the flat parameter vector: NaN or ±inf anywhere makes the sum non-finite
        if (!Double.isFinite(params.sumNumber().doubleValue())) {
            throw new TrainingDivergedException(iteration, what);
        }
    }

    /** The real images of iteration {@code it}'s batch: like the noise, a pure function of seed and iteration. */
    public INDArray realBatch(long it) {
        return data.batch(order.batch(it)).castTo(config.networks().dataType());
    }

    /** Standard normal noise [n, latent] of one (stream, index): a pure function of the seed. */
    public INDArray noise(long stream, long index, int n) {
        return LatentNoise.sample(config.seed(), stream, index, n, config.generator().latentSize(),
                config.networks().dataType());
    }

    /**
     * G's images of the fixed noise, as a grid. BatchNorm runs in inference mode (running averages), so an
     * image depends on its own z only; in the first ≈20 iterations those averages still remember their
     * start values and the grid is a flat grey.
     */
    public BufferedImage sampleGrid() {
        return ImageGrid.of(generator.generate(fixedNoise));
    }

    private int[] mixedOrder(int b) {
        int[] order = new int[2 * b];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Streams.of(config.seed(), Streams.MIXED_BATCH, iteration).shuffle(order);
        return order;
    }

    /** Mean of log p (or of log(1 − p)), p clamped to 1e-10: a sigmoid that rounded to 0 or 1 still reads finite. */
    static double meanLog(double[] p, boolean complement) {
        double sum = 0;
        for (double v : p) {
            double q = complement ? 1 - v : v;
            sum += Math.log(Math.min(1.0, Math.max(q, 1e-10)));
        }
        return sum / p.length;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
