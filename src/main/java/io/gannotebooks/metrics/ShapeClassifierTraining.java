package io.gannotebooks.metrics;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.ShapeFactors;
import io.gannotebooks.data.ShapesDataset;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * How the {@link ShapeClassifier} is built and trained: a recipe, so that its hash can name the cached
 * weights and a changed recipe never loads stale ones.
 *
 * <p>The network reads a shapes image and answers two questions at once: which of the 5 classes it shows
 * (softmax) and, as a second head, where the shape is, how big, and the colours of shape and background
 * (7 numbers, squared error). The second head is there for the measures, not for its own sake: a network
 * asked only for the class may learn to ignore colour and position, and a generator that gets colours
 * wrong would then look perfect in its features.
 *
 * <p>Each iteration draws a fresh batch from a shapes dataset of its own seed, so the network never sees
 * an image twice and cannot overfit; held-out accuracy is checked on other seeds.
 *
 * @param seed         weights initialisation
 * @param dataSeed     seed of the shapes it trains on (not the course's seed 1, whose images a GAN learns)
 * @param iterations   Adam steps
 * @param batchSize    images per step
 * @param learningRate Adam's step size
 */
public record ShapeClassifierTraining(long seed, long dataSeed, int iterations, int batchSize, double learningRate) {
    static {
        Backend.configure(); // the oneDNN helpers must be allowed before any layer is built
    }

    /** Bumped whenever the code below changes in a way the recipe's fields and layers do not show. */
    static final int VERSION = 1;
    /** Size of the penultimate layer, whose activations are the features. */
    public static final int FEATURES = 64;
    static final String INPUT = "image";
    static final String FEATURE_LAYER = "features";
    static final String CLASS_OUTPUT = "shape";
    static final String FACTOR_OUTPUT = "factors";
    /** x, y, size, and hue and background hue as points on the colour circle (hue 0.99 is close to 0.01). */
    static final int FACTOR_COUNT = 7;

    public ShapeClassifierTraining {
        if (iterations < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("iterations, batch size and learning rate must be positive");
        }
    }

    /**
     * The recipe of the classifier every report uses. Batches of 32 learn faster per second than 64 here;
     * held-out accuracy passed 99% after about 900 steps when this was tuned, 1200 leave a margin. About half
     * a minute on 2 cores.
     */
    public static ShapeClassifierTraining standard() {
        return new ShapeClassifierTraining(17, 1017, 1200, 32, 2e-3);
    }

    ComputationGraphConfiguration configuration() {
        var graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(learningRate))
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(ShapesDataset.IMAGE_SIZE, ShapesDataset.IMAGE_SIZE, 3));
        // 3 x 64 x 64 -> 16 x 32 x 32 -> (max pool) 16 x 16 x 16. A strided first layer sees every pixel
        // (the smallest ring's hole is a few pixels wide) but costs a quarter of a full-resolution one.
        graph.addLayer("conv1", new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).nOut(16).activation(Activation.RELU).build(), INPUT);
        graph.addLayer("pool1", maxPool(), "conv1");
        // -> 32 x 16 x 16 -> 32 x 8 x 8 -> 64 x 8 x 8 -> 64 x 4 x 4
        graph.addLayer("conv2", sameConvolution(32), "pool1");
        graph.addLayer("pool2", maxPool(), "conv2");
        graph.addLayer("conv3", sameConvolution(64), "pool2");
        graph.addLayer("pool3", maxPool(), "conv3");
        String previous = "pool3";
        // 64 x 4 x 4 -> 64 features
        graph.addLayer(FEATURE_LAYER, new DenseLayer.Builder().nOut(FEATURES).activation(Activation.RELU).build(), previous);
        graph.addLayer(CLASS_OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(ShapeClassifier.CLASSES).activation(Activation.SOFTMAX).build(), FEATURE_LAYER);
        graph.addLayer(FACTOR_OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nOut(FACTOR_COUNT).activation(Activation.IDENTITY).build(), FEATURE_LAYER);
        return graph.setOutputs(CLASS_OUTPUT, FACTOR_OUTPUT).build();
    }

    /** 3x3, stride 1, padded by 1: keeps the side. */
    private static ConvolutionLayer sameConvolution(int channels) {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                .nOut(channels).activation(Activation.RELU).build();
    }

    /** 2x2 max pooling: halves the side. */
    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** Trains a fresh network; {@code progress} (may be null) gets a line at the start and at the end. */
    ComputationGraph train(PrintStream progress) {
        ComputationGraph network = new ComputationGraph(configuration());
        network.init();
        ShapesDataset data = new ShapesDataset(dataSeed, iterations * batchSize);
        long start = System.nanoTime();
        if (progress != null) {
            progress.printf(Locale.ROOT, "training the shape classifier for the metrics (%d steps of %d images, "
                    + "once; cached afterwards)%n", iterations, batchSize);
        }
        for (int it = 0; it < iterations; it++) {
            int[] indices = new int[batchSize];
            for (int k = 0; k < batchSize; k++) {
                indices[k] = it * batchSize + k;
            }
            network.fit(new MultiDataSet(new INDArray[]{data.batch(indices)},
                    new INDArray[]{oneHot(data, indices), factors(data, indices)}));
        }
        if (progress != null) {
            progress.printf(Locale.ROOT, "shape classifier trained in %.0f s%n", (System.nanoTime() - start) / 1e9);
        }
        return network;
    }

    private static INDArray oneHot(ShapesDataset data, int[] indices) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, indices.length, ShapeClassifier.CLASSES);
        for (int k = 0; k < indices.length; k++) {
            labels.putScalar(k, data.label(indices[k]), 1);
        }
        return labels;
    }

    /** The regression targets, each scaled to about [-1, 1] so that no factor dominates the squared error. */
    static INDArray factors(ShapesDataset data, int[] indices) {
        float[] out = new float[indices.length * FACTOR_COUNT];
        for (int k = 0; k < indices.length; k++) {
            ShapeFactors f = data.factors(indices[k]);
            int at = k * FACTOR_COUNT;
            out[at] = (float) (2 * f.x() - 1);
            out[at + 1] = (float) (2 * f.y() - 1);
            out[at + 2] = (float) ((f.size() * ShapesDataset.IMAGE_SIZE - 15) / 5); // radius 10..20 px -> -1..1
            out[at + 3] = (float) Math.cos(2 * Math.PI * f.hue());
            out[at + 4] = (float) Math.sin(2 * Math.PI * f.hue());
            out[at + 5] = (float) Math.cos(2 * Math.PI * f.backgroundHue());
            out[at + 6] = (float) Math.sin(2 * Math.PI * f.backgroundHue());
        }
        return Nd4j.create(out, new long[]{indices.length, FACTOR_COUNT}, 'c');
    }

    /** A short hash of everything that decides the weights: the layers (as DL4J's JSON) and this recipe. */
    public String key() {
        String text = VERSION + "\n" + this + "\n" + configuration().toJson();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
