package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.util.CacheDirectory;
import io.gannotebooks.util.Chunks;
import io.gannotebooks.util.Streams;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures generated images against a dataset: the library's one entry point to the metrics.
 *
 * <p>On the shapes dataset the features are those of the {@link ShapeClassifier}, which also counts the
 * shape classes; on an image folder they are {@link RandomFeatures}. The real images are drawn once, at
 * construction ({@link ReferenceSets}), with the real-vs-real yardstick; each {@link #evaluate} then costs
 * only the generated images.
 *
 * <p>All features are divided by one number, the root mean square of the reference's features, so that
 * x·y / d is about 1 for real images: the regime the KID kernel (x·y / d + 1)³ was designed for. A single
 * scale keeps every distance ratio (precision, recall, density and coverage do not change); without it the
 * classifier's ReLU features made kernel values in the millions and the unbiased estimate pure noise.
 *
 * <pre>{@code
 * Evaluator evaluator = Evaluator.forDataset(ShapesDataset.standard(), 1000);
 * Evaluation result = evaluator.evaluate(checkpoint.generator(), 1000, 1);
 * result.table();
 * }</pre>
 */
public final class Evaluator {
    /** Noise stream of evaluation samples, apart from training's and {@code ./gan sample}'s. */
    public static final long NOISE_STREAM = Streams.EVALUATION_NOISE;
    public static final int DEFAULT_COUNT = 1000;
    /** The draw of the real sets is fixed, so evaluations of different runs compare the same images. */
    static final long REFERENCE_SEED = 1;
    /** Pixel-space searches cost queries × candidates × 12288: these keep one to a few seconds. */
    static final int MEMORISATION_QUERIES = 250;
    static final int MEMORISATION_CANDIDATES = 2000;
    /**
     * Images generated per noise draw. Part of the results, not only of the memory: chunk k's noise is
     * draw k of ({@code seed}, {@link #NOISE_STREAM}), so another size would draw other images and change
     * every measure of a generator. Kept at 100 for that reason.
     */
    private static final int GENERATE_CHUNK = 100;

    private final ImageDataset data;
    private final FeatureExtractor features;
    private final ShapeClassifier classifier;
    private final ReferenceSets sets;
    private final double[][] reference;
    private final GaussianFit referenceFit;
    private final double scale;
    private final Scores realVsReal;
    private final boolean memorisation;

    private Evaluator(ImageDataset data, FeatureExtractor features, ShapeClassifier classifier, ReferenceSets sets,
                      double[][] reference, GaussianFit referenceFit, double scale, Scores realVsReal,
                      boolean memorisation) {
        this.data = data;
        this.features = features;
        this.classifier = classifier;
        this.sets = sets;
        this.reference = reference;
        this.referenceFit = referenceFit;
        this.scale = scale;
        this.realVsReal = realVsReal;
        this.memorisation = memorisation;
    }

    /** {@code realCount} real images per reference set, features chosen by the kind of dataset, standard cache. */
    public static Evaluator forDataset(ImageDataset data, int realCount) {
        return forDataset(data, realCount, CacheDirectory.standard(), System.err);
    }

    /**
     * Shape-classifier features for {@link ShapesDataset}s, random-network features for anything else. The
     * classifier is loaded from (or trained into) {@code cacheRoot}, reporting on {@code progress} (may be null).
     */
    public static Evaluator forDataset(ImageDataset data, int realCount, Path cacheRoot, PrintStream progress) {
        if (data instanceof ShapesDataset) {
            return with(data, ShapeClassifier.load(cacheRoot, progress), realCount);
        }
        return with(data, RandomFeatures.standard(), realCount);
    }

    /**
     * Compares in {@code features}; a {@link ShapeClassifier} also yields the class measures (meaningful on
     * shapes images only).
     */
    public static Evaluator with(ImageDataset data, FeatureExtractor features, int realCount) {
        ReferenceSets sets = ReferenceSets.draw(data, realCount, MEMORISATION_CANDIDATES, REFERENCE_SEED);
        ShapeClassifier classifier = features instanceof ShapeClassifier c ? c : null;
        double[][] reference = features.vectors(data, sets.reference());
        double scale = rootMeanSquare(reference);
        scaleInPlace(reference, scale);
        GaussianFit fit = GaussianFit.of(reference);
        double[][] second = scaleInPlace(features.vectors(data, sets.secondReal()), scale);
        ClassHistogram secondClasses = classifier == null ? null : histogram(classifier, data, sets.secondReal());
        Scores realVsReal = Scores.of(second, reference, fit, secondClasses, null);
        return new Evaluator(data, features, classifier, sets, reference, fit, scale, realVsReal, true);
    }

    /** The same evaluator without the pixel-space memorisation search (for frequent measurements in training). */
    public Evaluator withoutMemorisation() {
        return new Evaluator(data, features, classifier, sets, reference, referenceFit, scale, realVsReal, false);
    }

    public FeatureExtractor features() {
        return features;
    }

    /** The features and their scale, as reports state them. */
    public String featureSpace() {
        return features.name() + ", divided by " + Measure.format(scale) + " (unit RMS on the real reference)";
    }

    public ReferenceSets referenceSets() {
        return sets;
    }

    /** The real images this evaluator compares with (its reference sets are indices into them). */
    ImageDataset data() {
        return data;
    }

    /** Measures {@code images} [n, 3, 64, 64] in [-1, 1], n ≥ 4. */
    public Evaluation evaluate(INDArray images) {
        double[][] generated = scaleInPlace(features.vectors(images), scale);
        ClassHistogram classes = classifier == null ? null
                : ClassHistogram.of(classifier.probabilities(images), drawnClasses(data));
        Memorisation copies = null;
        if (memorisation) {
            long q = Math.min(images.size(0), MEMORISATION_QUERIES);
            copies = memorisation(images.get(NDArrayIndex.interval(0, q)));
        }
        return evaluation("generated images", generated, classes, copies);
    }

    /**
     * Draws {@code n} images from {@code generator} with noise of ({@code seed}, {@link #NOISE_STREAM}) and
     * measures them, a chunk at a time: only their features stay in memory.
     */
    public Evaluation evaluate(Generator generator, int n, long seed) {
        return evaluate(generator, n, seed, LatentNoise.UNTRUNCATED);
    }

    /** The same, with noise drawn within |z| ≤ {@code truncation} (see {@link LatentNoise}). */
    public Evaluation evaluate(Generator generator, int n, long seed, double truncation) {
        if (n < ManifoldCoverage.DEFAULT_K + 1) {
            throw new IllegalArgumentException("evaluate at least " + (ManifoldCoverage.DEFAULT_K + 1)
                    + " generated images, got " + n);
        }
        DataType type = generator.dataType();
        double[][] generated = new double[n][];
        List<INDArray> probabilities = new ArrayList<>();
        List<INDArray> kept = new ArrayList<>();
        int keptCount = 0;
        for (Chunks.Range chunk : Chunks.of(n, GENERATE_CHUNK)) {
            int size = chunk.size();
            int latent = generator.spec().latentSize();
            INDArray z = LatentNoise.sample(seed, NOISE_STREAM, chunk.index(), size, latent, type, truncation); // [size, latent]
            INDArray images = generator.generate(z);
            System.arraycopy(scaleInPlace(features.vectors(images), scale), 0, generated, chunk.start(), size);
            if (classifier != null) {
                probabilities.add(classifier.probabilities(images));
            }
            if (memorisation && keptCount < MEMORISATION_QUERIES) {
                int take = Math.min(size, MEMORISATION_QUERIES - keptCount);
                kept.add(images.get(NDArrayIndex.interval(0, take)).dup());
                keptCount += take;
            }
        }
        ClassHistogram classes = classifier == null ? null
                : ClassHistogram.of(Nd4j.concat(0, probabilities.toArray(INDArray[]::new)), drawnClasses(data));
        Memorisation copies = memorisation ? memorisation(Nd4j.concat(0, kept.toArray(INDArray[]::new))) : null;
        return evaluation("generator", generated, classes, copies);
    }

    private Evaluation evaluation(String subject, double[][] generated, ClassHistogram classes, Memorisation copies) {
        Scores scores = Scores.of(generated, reference, referenceFit, classes, copies);
        return new Evaluation(subject, data.name(), featureSpace(), generated.length, sets.size(),
                Measures.of(scores, realVsReal, features.name()), Optional.ofNullable(classes));
    }

    /** Generated images against held-out real ones (the second set), both searched in the training candidates. */
    private Memorisation memorisation(INDArray generated) {
        int[] heldOut = Arrays.copyOf(sets.secondReal(), (int) Math.min(sets.size(), MEMORISATION_QUERIES));
        return Memorisation.measure(generated, data.batch(heldOut), data, sets.trainingCandidates());
    }

    private static double rootMeanSquare(double[][] rows) {
        double sum = 0;
        long count = 0;
        for (double[] row : rows) {
            for (double x : row) {
                sum += x * x;
            }
            count += row.length;
        }
        double rms = Math.sqrt(sum / count);
        if (!(rms > 0)) {
            throw new IllegalStateException("the real images' features are all zero: " + rms);
        }
        return rms;
    }

    private static double[][] scaleInPlace(double[][] rows, double scale) {
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= scale;
            }
        }
        return rows;
    }

    private static ClassHistogram histogram(ShapeClassifier classifier, ImageDataset data, int[] indices) {
        return ClassHistogram.of(Chunks.map(indices, FeatureExtractor.CHUNK,
                part -> classifier.probabilities(data.batch(part))), drawnClasses(data));
    }

    /** The classes {@code data} draws: a selection of the shapes draws fewer than five. */
    private static Set<ShapeClass> drawnClasses(ImageDataset data) {
        return data instanceof ShapesDataset shapes ? shapes.classes() : EnumSet.allOf(ShapeClass.class);
    }

    /** The shape-class histogram of the reference's yardstick set, for charts; empty outside shapes. */
    public Optional<ClassHistogram> realClasses() {
        return Optional.ofNullable(realVsReal.classes());
    }
}
