package io.gannotebooks.train;

import io.gannotebooks.layers.Precision;
import io.gannotebooks.model.AdamSettings;
import io.gannotebooks.model.Augmentation;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.Downsampling;
import io.gannotebooks.model.GeneratorSpec;
import io.gannotebooks.model.NetworkSettings;
import io.gannotebooks.model.SpectralNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What defines a run, validated once: with the same definition and the same dataset (which carries its own
 * spec, {@link io.gannotebooks.data.ImageDataset#spec()}), training draws the same numbers, because every
 * random draw is a function of {@link #seed()} and the iteration. When a run is resumed, its definition
 * must be the one it was saved with, except for the learning rate (see {@link #RESUMABLE_CHANGES}).
 *
 * @param optimiser       G's Adam settings
 * @param dOptimiser      D's Adam settings (two time-scale rules give D another rate than G)
 * @param batchSize       images per batch, B (D sees B real and B generated images per step)
 * @param dataType        FLOAT for training, DOUBLE for finite-difference checks
 * @param fixedNoiseCount images in the fixed-noise sample grid
 * @param augmentation    what every image D sees goes through first, real or generated ({@link Augmentation})
 * @param averageDecay    d of the running average of G's weights that draws the samples, θ̄ ← d θ̄ + (1 − d) θ
 *                        after every G step; 0: no average, G itself draws ({@link GeneratorAverage})
 * @param r1              the gradient penalty on D's real images ({@link R1Penalty#NONE}: none)
 * @param topK            which generated images G's step learns from ({@link TopK#NONE}: all of them)
 * @param precision       the arithmetic of G's and D's convolutions in training ({@link Precision}); the
 *                        weights are FLOAT either way
 * @param adversarialRadius ε: D's step judges each image moved ε (L2, pixels in [−1, 1]) to where D errs most,
 *                        to first order ({@code Discriminator.hardest}); 0: the images as they are
 */
public record RunDefinition(GeneratorSpec generator, DiscriminatorSpec discriminator, AdamSettings optimiser,
                            AdamSettings dOptimiser, int batchSize, long seed, DataType dataType,
                            int fixedNoiseCount, Augmentation augmentation, double averageDecay, R1Penalty r1,
                            TopK topK, Precision precision, double adversarialRadius) {

    /** The largest ε: the L2 distance between two 64x64 RGB images in [−1, 1] is at most 222. */
    public static final double MAX_ADVERSARIAL_RADIUS = 100;

    /**
     * Settings a resume may change: a lower learning rate is the usual cure after a divergence, and a run in
     * mixed precision may go on where the CPU has no bfloat16 (or the other way round).
     */
    public static final List<String> RESUMABLE_CHANGES = List.of("learning_rate", "discriminator.learning_rate",
            "precision");

    public RunDefinition {
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be between 1 and 4096, got " + batchSize);
        }
        if (fixedNoiseCount < 1 || fixedNoiseCount > 1024) {
            throw new IllegalArgumentException("fixed noise count must be between 1 and 1024");
        }
        if (generator.imageSize() != discriminator.imageSize()
                || generator.imageChannels() != discriminator.imageChannels()) {
            throw new IllegalArgumentException("generator draws " + generator.imageSize() + "px images but the "
                    + "discriminator reads " + discriminator.imageSize() + "px");
        }
        if (!(averageDecay >= 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("the decay of G's running average must be at least 0 and below 1, got "
                    + averageDecay);
        }
        if (!(adversarialRadius >= 0 && adversarialRadius <= MAX_ADVERSARIAL_RADIUS)) {
            throw new IllegalArgumentException("D's adversarial radius must be at least 0 and at most "
                    + MAX_ADVERSARIAL_RADIUS + ", got " + adversarialRadius);
        }
        if (precision == Precision.MIXED && dataType != DataType.FLOAT) {
            throw new IllegalArgumentException("mixed precision trains FLOAT weights, not " + dataType);
        }
        if (r1.active() && discriminator.batchNorm()) {
            throw new IllegalArgumentException("R1 penalises each real image's gradient, and with batch norm D's verdict"
                    + " on an image depends on the rest of its batch: train R1 with --d-norm none");
        }
    }

    /**
     * The library's default recipe, to change and {@linkplain Builder#build() build}: the design note's G,
     * DCGAN's D with batch norm, Adam at DCGAN's rate without momentum (β1 = 0) for both, batch 16, seed 1,
     * single precision, a 64-image sample grid, no augmentation, no running average, no R1, every image in
     * G's step. {@code RunDefinition.recipe().dBatchNorm(false).r1(1).build()} is R1 with γ = 1.
     */
    public static Builder recipe() {
        return new Builder(designNote(AdamSettings.NO_MOMENTUM));
    }

    /** The same with DCGAN's own optimiser settings (β1 = 0.5): what the benchmarks time and PyTorch replays. */
    public static Builder dcgan() {
        return new Builder(designNote(AdamSettings.DCGAN));
    }

    /** This definition, to change one setting or a few and build another. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static RunDefinition designNote(AdamSettings adam) {
        return new RunDefinition(GeneratorSpec.designNote(), DiscriminatorSpec.dcgan(), adam, adam, 16, 1,
                DataType.FLOAT, 64, Augmentation.NONE, 0, R1Penalty.NONE, TopK.NONE, Precision.FP32, 0);
    }

    /**
     * A run definition being put together: each setting one call, checked together once by {@link #build()}
     * (a definition that exists is valid). A builder is a scratch pad, not shared: {@code toBuilder()} and the
     * presets hand out a fresh one each time.
     */
    public static final class Builder {
        private GeneratorSpec generator;
        private DiscriminatorSpec discriminator;
        private AdamSettings g;
        private AdamSettings d;
        private int batchSize;
        private long seed;
        private DataType dataType;
        private int fixedNoiseCount;
        private Augmentation augmentation;
        private double averageDecay;
        private R1Penalty r1;
        private TopK topK;
        private Precision precision;
        private double adversarialRadius;

        private Builder(RunDefinition from) {
            generator = from.generator;
            discriminator = from.discriminator;
            g = from.optimiser;
            d = from.dOptimiser;
            batchSize = from.batchSize;
            seed = from.seed;
            dataType = from.dataType;
            fixedNoiseCount = from.fixedNoiseCount;
            augmentation = from.augmentation;
            averageDecay = from.averageDecay;
            r1 = from.r1;
            topK = from.topK;
            precision = from.precision;
            adversarialRadius = from.adversarialRadius;
        }

        public Builder generator(GeneratorSpec spec) {
            generator = spec;
            return this;
        }

        public Builder discriminator(DiscriminatorSpec spec) {
            discriminator = spec;
            return this;
        }

        /** D's output channels per stride-2 block, e.g. 64, 128, 256, 512. */
        public Builder dChannels(List<Integer> channels) {
            discriminator = discriminator.withDownChannels(channels);
            return this;
        }

        /** Batch norm in D (DCGAN) or none (what R1 needs). */
        public Builder dBatchNorm(boolean on) {
            discriminator = discriminator.withBatchNorm(on);
            return this;
        }

        /** How each of D's blocks halves the side: DCGAN's strided convolution, or a convolution and a 2x2 mean. */
        public Builder dDownsampling(Downsampling how) {
            discriminator = discriminator.withDownsampling(how);
            return this;
        }

        /** Spectral normalisation of D's weights (instead of batch norm): all, the convolutions' only, or off. */
        public Builder dSpectralNorm(SpectralNorm which) {
            discriminator = discriminator.withSpectralNorm(which);
            return this;
        }

        /** Adam's step size for both networks. */
        public Builder learningRate(double rate) {
            return gLearningRate(rate).dLearningRate(rate);
        }

        public Builder gLearningRate(double rate) {
            g = g.withLearningRate(rate);
            return this;
        }

        public Builder dLearningRate(double rate) {
            d = d.withLearningRate(rate);
            return this;
        }

        /** Adam's β1 for both networks. */
        public Builder beta1(double beta1) {
            g = new AdamSettings(g.learningRate(), beta1, g.beta2());
            d = new AdamSettings(d.learningRate(), beta1, d.beta2());
            return this;
        }

        /** Adam's β2 for both networks. */
        public Builder beta2(double beta2) {
            g = new AdamSettings(g.learningRate(), g.beta1(), beta2);
            d = new AdamSettings(d.learningRate(), d.beta1(), beta2);
            return this;
        }

        public Builder optimisers(AdamSettings generator, AdamSettings discriminator) {
            g = generator;
            d = discriminator;
            return this;
        }

        public Builder batchSize(int images) {
            batchSize = images;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder dataType(DataType type) {
            dataType = type;
            return this;
        }

        public Builder fixedNoiseCount(int images) {
            fixedNoiseCount = images;
            return this;
        }

        public Builder augmentation(Augmentation a) {
            augmentation = a;
            return this;
        }

        /** Samples drawn by a running average of G's weights with decay {@code decay} (0: by G itself). */
        public Builder average(double decay) {
            averageDecay = decay;
            return this;
        }

        /** R1 with γ = {@code gamma} on D's real images, at the interval set so far (every D step by default). */
        public Builder r1(double gamma) {
            r1 = new R1Penalty(gamma, r1.every());
            return this;
        }

        /** R1 with γ = {@code gamma} on every {@code every}-th D step, its weight times {@code every}. */
        public Builder r1(double gamma, int every) {
            r1 = new R1Penalty(gamma, every);
            return this;
        }

        /** G's step learning from the generated images D rates most real ({@link TopK#NONE}: from all). */
        public Builder topK(TopK k) {
            topK = k;
            return this;
        }

        /** G's transposed convolutions in float32 or in mixed precision (bfloat16 in, float32 out). */
        public Builder precision(Precision p) {
            precision = p;
            return this;
        }

        /** D trained on images moved {@code radius} (L2) to where it errs most, or (0) on the images as they are. */
        public Builder adversarialRadius(double radius) {
            adversarialRadius = radius;
            return this;
        }

        /** The definition, checked: an {@link IllegalArgumentException} names what does not fit. */
        public RunDefinition build() {
            return new RunDefinition(generator, discriminator, g, d, batchSize, seed, dataType, fixedNoiseCount,
                    augmentation, averageDecay, r1, topK, precision, adversarialRadius);
        }
    }

    public NetworkSettings generatorSettings() {
        return new NetworkSettings(seed, optimiser, dataType);
    }

    /** D's weights start from the same seed as G's, as they always did: DL4J derives each layer's draws from it. */
    public NetworkSettings discriminatorSettings() {
        return new NetworkSettings(seed, dOptimiser, dataType);
    }

    /**
     * The settings in which {@code requested} differs from this definition, one line each naming the setting
     * and both values ("batch_size: 16 in the checkpoint, 32 requested"), in the order of their names.
     */
    public List<String> differences(RunDefinition requested, String mine, String theirs) {
        Properties a = toProperties();
        Properties b = requested.toProperties();
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(a.stringPropertyNames())) {
            if (!a.getProperty(key).equals(b.getProperty(key))) {
                out.add(key + ": " + a.getProperty(key) + " " + mine + ", " + b.getProperty(key) + " " + theirs);
            }
        }
        return out;
    }

    /** Flat key=value form, stored in checkpoints (the keys are those of checkpoint format 1). */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("generator.latent", String.valueOf(generator.latentSize()));
        p.setProperty("generator.base_size", String.valueOf(generator.baseSize()));
        p.setProperty("generator.base_channels", String.valueOf(generator.baseChannels()));
        p.setProperty("generator.up_channels", join(generator.upChannels()));
        p.setProperty("generator.image_channels", String.valueOf(generator.imageChannels()));
        p.setProperty("discriminator.down_channels", join(discriminator.downChannels()));
        p.setProperty("seed", String.valueOf(seed));
        p.setProperty("learning_rate", String.valueOf(optimiser.learningRate()));
        p.setProperty("beta1", String.valueOf(optimiser.beta1()));
        p.setProperty("beta2", String.valueOf(optimiser.beta2()));
        p.setProperty("discriminator.learning_rate", String.valueOf(dOptimiser.learningRate()));
        p.setProperty("discriminator.beta1", String.valueOf(dOptimiser.beta1()));
        p.setProperty("discriminator.beta2", String.valueOf(dOptimiser.beta2()));
        p.setProperty("discriminator.batch_norm", String.valueOf(discriminator.batchNorm()));
        if (discriminator.spectral()) { // only when on: the recipes from before it keep their definition_sha256
            p.setProperty("discriminator.spectral_norm", discriminator.spectralNorm().key());
        }
        if (discriminator.downsampling() != Downsampling.STRIDED) { // the same: older definitions keep their hash
            p.setProperty("discriminator.downsampling", discriminator.downsampling().key());
        }
        p.setProperty("augmentation", augmentation.toString());
        p.setProperty("generator.average_decay", String.valueOf(averageDecay));
        p.setProperty("discriminator.r1_gamma", String.valueOf(r1.gamma()));
        p.setProperty("discriminator.r1_every", String.valueOf(r1.every()));
        p.setProperty("generator.top_k", String.valueOf(topK.fraction()));
        p.setProperty("generator.top_k_anneal", String.valueOf(topK.annealIterations()));
        p.setProperty("data_type", dataType.name());
        p.setProperty("precision", precision.toString());
        if (adversarialRadius > 0) { // only when on: the recipes from before it keep their definition_sha256
            p.setProperty("discriminator.adversarial_radius", String.valueOf(adversarialRadius));
        }
        p.setProperty("batch_size", String.valueOf(batchSize));
        p.setProperty("fixed_noise_count", String.valueOf(fixedNoiseCount));
        return p;
    }

    /**
     * Reads {@link #toProperties}' form. Checkpoints saved before beta2 was stored used DCGAN's 0.999, those
     * saved before R1 and top-k existed no penalty and every image, those saved before mixed precision float32; those saved with the removed {@code d_batches=MIXED} trained differently and are refused.
     */
    public static RunDefinition fromProperties(Properties p) {
        String dBatches = p.getProperty("d_batches", "SEPARATE").trim();
        if (!dBatches.equals("SEPARATE")) {
            throw new IllegalArgumentException("it was trained with d_batches=" + dBatches
                    + ", which this version no longer supports (only separate real and generated batches)");
        }
        String pack = p.getProperty("discriminator.pack", "1").trim();
        if (!pack.equals("1")) {
            throw new IllegalArgumentException("it was trained with D judging packs of " + pack + " images (PacGAN),"
                    + " which this version no longer has (measured worse on every seed; docs/recipes.md)");
        }
        var g = new GeneratorSpec(intOf(p, "generator.latent"), intOf(p, "generator.base_size"),
                intOf(p, "generator.base_channels"), ints(p, "generator.up_channels"),
                intOf(p, "generator.image_channels"));
        var d = DiscriminatorSpec.matching(g, ints(p, "discriminator.down_channels"))
                .withBatchNorm(Boolean.parseBoolean(p.getProperty("discriminator.batch_norm", "true").trim()))
                .withSpectralNorm(SpectralNorm.ofKey(p.getProperty("discriminator.spectral_norm", "off")))
                .withDownsampling(Downsampling.ofKey(p.getProperty("discriminator.downsampling", "strided")));
        // G's keys are the ones of checkpoints from before D had settings of its own; D's default to G's
        var adam = new AdamSettings(Double.parseDouble(required(p, "learning_rate")),
                Double.parseDouble(required(p, "beta1")),
                Double.parseDouble(p.getProperty("beta2", String.valueOf(AdamSettings.DCGAN.beta2())).trim()));
        var dAdam = new AdamSettings(
                Double.parseDouble(p.getProperty("discriminator.learning_rate", String.valueOf(adam.learningRate())).trim()),
                Double.parseDouble(p.getProperty("discriminator.beta1", String.valueOf(adam.beta1())).trim()),
                Double.parseDouble(p.getProperty("discriminator.beta2", String.valueOf(adam.beta2())).trim()));
        return new RunDefinition(g, d, adam, dAdam, intOf(p, "batch_size"), Long.parseLong(required(p, "seed")),
                DataType.valueOf(required(p, "data_type")), intOf(p, "fixed_noise_count"),
                Augmentation.parse(p.getProperty("augmentation", "none")),
                Double.parseDouble(p.getProperty("generator.average_decay", "0").trim()),
                new R1Penalty(Double.parseDouble(p.getProperty("discriminator.r1_gamma", "0").trim()),
                        Integer.parseInt(p.getProperty("discriminator.r1_every", "1").trim())),
                new TopK(Double.parseDouble(p.getProperty("generator.top_k", "1").trim()),
                        Long.parseLong(p.getProperty("generator.top_k_anneal", "0").trim())),
                Precision.parse(p.getProperty("precision", "fp32")),
                Double.parseDouble(p.getProperty("discriminator.adversarial_radius", "0").trim()));
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> ints(Properties p, String key) {
        return Arrays.stream(required(p, key).split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    static int intOf(Properties p, String key) {
        return Integer.parseInt(required(p, key));
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting '" + key + "'");
        }
        return v.trim();
    }
}
