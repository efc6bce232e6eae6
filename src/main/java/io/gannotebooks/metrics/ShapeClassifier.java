package io.gannotebooks.metrics;

import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.util.CacheDirectory;
import io.gannotebooks.util.Chunks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small network that knows the shapes dataset: it names the class of a shapes image (softmax over the 5
 * {@link ShapeClass}es) and its penultimate layer gives 64 features in which real and generated shapes
 * are compared. It plays the part Inception plays for FID, for this one dataset, and is trained here
 * because nothing may be downloaded.
 *
 * <p>It is trained once per recipe, in well under a minute, and cached under the cache directory
 * ({@link CacheDirectory}); later loads take a second. See {@link ShapeClassifierTraining} for the network.
 *
 * <pre>{@code
 * ShapeClassifier classifier = ShapeClassifier.standard();
 * INDArray p = classifier.probabilities(images);   // [n, 5]
 * }</pre>
 */
public final class ShapeClassifier implements FeatureExtractor {
    public static final int CLASSES = ShapeClass.values().length;
    private static final String CACHE_NAME = "shape-classifier";
    /** Loaded classifiers by cache file: each JVM trains or reads one at most once. */
    private static final Map<Path, ShapeClassifier> LOADED = new ConcurrentHashMap<>();

    private final ShapeClassifierTraining recipe;
    private final ComputationGraph network;

    private ShapeClassifier(ShapeClassifierTraining recipe, ComputationGraph network) {
        this.recipe = recipe;
        this.network = network;
    }

    /** The standard classifier from the standard cache directory, trained there on first use. */
    public static ShapeClassifier standard() {
        return load(CacheDirectory.standard(), System.err);
    }

    /** The standard classifier cached under {@code cacheRoot}; training, if needed, is reported on {@code progress}. */
    public static ShapeClassifier load(Path cacheRoot, PrintStream progress) {
        return load(ShapeClassifierTraining.standard(), cacheRoot, progress);
    }

    public static ShapeClassifier load(ShapeClassifierTraining recipe, Path cacheRoot, PrintStream progress) {
        ModelCache cache = new ModelCache(cacheRoot);
        Path file = cache.fileFor(CACHE_NAME, recipe.key()).toAbsolutePath().normalize();
        // computeIfAbsent blocks a second caller of the same file until the first has trained it
        return LOADED.computeIfAbsent(file, f -> new ShapeClassifier(recipe,
                cache.graph(CACHE_NAME, recipe.key(), () -> recipe.train(progress), progress)));
    }

    public ShapeClassifierTraining recipe() {
        return recipe;
    }

    @Override
    public String name() {
        return "shape-classifier features (" + ShapeClassifierTraining.FEATURES + "-d)";
    }

    /** The penultimate layer's activations, [n, 64]. */
    @Override
    public INDArray features(INDArray images) {
        return forward(images, ShapeClassifierTraining.FEATURE_LAYER);
    }

    /** p(class | image), [n, 5], columns in {@link ShapeClass} order. */
    public INDArray probabilities(INDArray images) {
        return forward(images, ShapeClassifierTraining.CLASS_OUTPUT);
    }

    /** The most probable class of each image, as a {@link ShapeClass} ordinal. */
    public int[] classes(INDArray images) {
        return mostProbable(probabilities(images));
    }

    /** The column of the largest value in each row of {@code p} [n, 5]. */
    private static int[] mostProbable(INDArray p) {
        return Arrays.stream(p.castTo(DataType.DOUBLE).toDoubleMatrix()).mapToInt(ShapeClassifier::argmax).toArray();
    }

    /** Share of the images at {@code indices} of {@code data} whose class it names correctly. */
    public double accuracy(ShapesDataset data, int[] indices) {
        int[] predicted = mostProbable(Chunks.map(indices, CHUNK, part -> probabilities(data.batch(part))));
        int correct = 0;
        for (int k = 0; k < indices.length; k++) {
            if (predicted[k] == data.label(indices[k])) {
                correct++;
            }
        }
        return (double) correct / indices.length;
    }

    /** The named layer's activations, one inference pass per chunk. DL4J networks are not thread-safe. */
    private synchronized INDArray forward(INDArray images, String layer) {
        return Chunks.map(images, CHUNK, part -> network.feedForward(part.castTo(DataType.FLOAT), false).get(layer));
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
