package io.gannotebooks.train;

import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.GeneratorSpec;
import io.gannotebooks.model.NetworkSettings;
import java.util.Properties;

/**
 * Everything that determines a training run, validated once. With the same config, dataset and machine,
 * a run is reproducible: every random draw is derived from {@link #seed()} and the iteration.
 *
 * @param iterations  total number of training iterations (one D step and one G step each)
 * @param batchSize   images per batch, B (D sees B real and B generated images per step)
 * @param sampleEvery write a fixed-noise sample grid every this many iterations (0 = only at the end)
 * @param checkpointEvery write a checkpoint every this many iterations (0 = only at the end)
 */
public record TrainingConfig(GeneratorSpec generator, DiscriminatorSpec discriminator, NetworkSettings networks,
                             long iterations, int batchSize, DiscriminatorBatches dBatches,
                             int sampleEvery, int checkpointEvery, int fixedNoiseCount) {

    /** Largest accepted iteration count: keeps iteration × batch far from long overflow and runs sane. */
    public static final long MAX_ITERATIONS = 1_000_000_000L;

    public TrainingConfig {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be between 1 and 4096, got " + batchSize);
        }
        if (sampleEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("sample and checkpoint intervals must not be negative");
        }
        if (fixedNoiseCount < 1 || fixedNoiseCount > 1024) {
            throw new IllegalArgumentException("fixed noise count must be between 1 and 1024");
        }
        if (generator.imageSize() != discriminator.imageSize()
                || generator.imageChannels() != discriminator.imageChannels()) {
            throw new IllegalArgumentException("generator draws " + generator.imageSize() + "px images but the "
                    + "discriminator reads " + discriminator.imageSize() + "px");
        }
    }

    /** The design note's networks with DCGAN's optimiser settings. */
    public static TrainingConfig defaults(long seed, long iterations, int batchSize) {
        return new TrainingConfig(GeneratorSpec.designNote(), DiscriminatorSpec.dcgan(), NetworkSettings.dcgan(seed),
                iterations, batchSize, DiscriminatorBatches.SEPARATE, 100, 500, 64);
    }

    public long seed() {
        return networks.seed();
    }

    public TrainingConfig withIterations(long n) {
        return new TrainingConfig(generator, discriminator, networks, n, batchSize, dBatches, sampleEvery,
                checkpointEvery, fixedNoiseCount);
    }

    public TrainingConfig withIntervals(int samples, int checkpoints) {
        return new TrainingConfig(generator, discriminator, networks, iterations, batchSize, dBatches, samples,
                checkpoints, fixedNoiseCount);
    }

    /** The same run with another Adam step size for both networks (after a divergence, say). */
    public TrainingConfig withLearningRate(double rate) {
        var n = new NetworkSettings(networks.seed(), rate, networks.beta1(), networks.dataType());
        return new TrainingConfig(generator, discriminator, n, iterations, batchSize, dBatches, sampleEvery,
                checkpointEvery, fixedNoiseCount);
    }

    public TrainingConfig withDiscriminatorBatches(DiscriminatorBatches mode) {
        return new TrainingConfig(generator, discriminator, networks, iterations, batchSize, mode, sampleEvery,
                checkpointEvery, fixedNoiseCount);
    }

    /** Flat key=value form, stored in checkpoints and read back by {@link #fromProperties}. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("generator.latent", String.valueOf(generator.latentSize()));
        p.setProperty("generator.base_size", String.valueOf(generator.baseSize()));
        p.setProperty("generator.base_channels", String.valueOf(generator.baseChannels()));
        p.setProperty("generator.up_channels", join(generator.upChannels()));
        p.setProperty("generator.image_channels", String.valueOf(generator.imageChannels()));
        p.setProperty("discriminator.down_channels", join(discriminator.downChannels()));
        p.setProperty("seed", String.valueOf(networks.seed()));
        p.setProperty("learning_rate", String.valueOf(networks.learningRate()));
        p.setProperty("beta1", String.valueOf(networks.beta1()));
        p.setProperty("data_type", networks.dataType().name());
        p.setProperty("iterations", String.valueOf(iterations));
        p.setProperty("batch_size", String.valueOf(batchSize));
        p.setProperty("d_batches", dBatches.name());
        p.setProperty("sample_every", String.valueOf(sampleEvery));
        p.setProperty("checkpoint_every", String.valueOf(checkpointEvery));
        p.setProperty("fixed_noise_count", String.valueOf(fixedNoiseCount));
        return p;
    }

    public static TrainingConfig fromProperties(Properties p) {
        var g = new GeneratorSpec(intOf(p, "generator.latent"), intOf(p, "generator.base_size"),
                intOf(p, "generator.base_channels"), ints(p, "generator.up_channels"),
                intOf(p, "generator.image_channels"));
        var d = DiscriminatorSpec.matching(g, ints(p, "discriminator.down_channels"));
        var n = new NetworkSettings(Long.parseLong(required(p, "seed")),
                Double.parseDouble(required(p, "learning_rate")), Double.parseDouble(required(p, "beta1")),
                org.nd4j.linalg.api.buffer.DataType.valueOf(required(p, "data_type")));
        return new TrainingConfig(g, d, n, Long.parseLong(required(p, "iterations")), intOf(p, "batch_size"),
                DiscriminatorBatches.valueOf(required(p, "d_batches")), intOf(p, "sample_every"),
                intOf(p, "checkpoint_every"), intOf(p, "fixed_noise_count"));
    }

    private static String join(java.util.List<Integer> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static java.util.List<Integer> ints(Properties p, String key) {
        return java.util.Arrays.stream(required(p, key).split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static int intOf(Properties p, String key) {
        return Integer.parseInt(required(p, key));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing setting '" + key + "'");
        }
        return v.trim();
    }
}
