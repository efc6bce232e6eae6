package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The library's own layers compute what DL4J's layers compute: the same G(z), D(x), parameter gradients
 * (BatchNorm's running-statistics entries included) and image gradient, from the same parameters. In
 * double precision both paths run libnd4j's plain loops and agree to 1e-7: DL4J's LeakyReLU gradient
 * ({@code lrelu_bp}) reads α = 0.2 in single precision (0.2000000030, a relative 1.5e-8 on every negative
 * input), the native layers use α exactly; without that the two agree to 1e-15. In single precision both
 * use oneDNN, in different orders of summation.
 */
class NativeLayersTest {
    static final GeneratorSpec G = new GeneratorSpec(16, 4, 32, List.of(32, 16), 3);
    static final DiscriminatorSpec D = new DiscriminatorSpec(16, 3, List.of(16, 32));

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    @Test
    void doublePrecisionAgreesToDl4jsSinglePrecisionAlpha() {
        agree(DataType.DOUBLE, D, 1e-7);
    }

    @Test
    void doublePrecisionWithoutBatchNormInTheDiscriminator() {
        agree(DataType.DOUBLE, D.withBatchNorm(false), 1e-7);
    }

    @Test
    void aDiscriminatorThatPoolsAgreesWithAndWithoutBatchNorm() {
        DiscriminatorSpec pooled = D.withDownsampling(Downsampling.POOLED);
        agree(DataType.DOUBLE, pooled, 1e-7);
        agree(DataType.DOUBLE, pooled.withBatchNorm(false), 1e-7);
        agree(DataType.FLOAT, pooled.withBatchNorm(false), 1e-4);
    }

    @Test
    void singlePrecisionAgreesToFloatRounding() {
        agree(DataType.FLOAT, D, 1e-4);
        agree(DataType.FLOAT, D.withBatchNorm(false), 1e-4);
    }

    /** One G forward, D pass and G backward on each path; every result compared, largest difference / largest value. */
    private static void agree(DataType type, DiscriminatorSpec dSpec, double tolerance) {
        var settings = new NetworkSettings(5, 2e-4, 0.5, type);
        Generator gDl4j = Dl4jLayers.generator(G, settings);
        Generator gOwn = new Generator(G, settings);
        Discriminator dDl4j = Dl4jLayers.discriminator(dSpec, settings);
        Discriminator dOwn = new Discriminator(dSpec, settings);
        assertEquals(LayerEngine.NATIVE, gOwn.layerEngine());
        assertEquals(LayerEngine.NATIVE, dOwn.layerEngine());
        assertEquals(LayerEngine.DL4J, gDl4j.layerEngine());
        assertEquals(gDl4j.network().params(), gOwn.network().params(), "same seed, same parameters");

        INDArray z = LatentNoise.sample(3, 0, 0, 6, G.latentSize(), type);
        INDArray images = gDl4j.forward(z).dup();
        close("G(z) " + type, gOwn.forward(z), images, tolerance);

        for (double label : new double[]{Discriminator.REAL, Discriminator.FAKE}) {
            var expected = dDl4j.backward(images, label);
            var actual = dOwn.backward(images, label);
            String what = "D, label " + label + ", " + type + ", batch norm " + dSpec.batchNorm();
            close(what + ": D(x)", Nd4j.createFromArray(actual.probabilities()),
                    Nd4j.createFromArray(expected.probabilities()), tolerance);
            closeBySegment(what, dDl4j.network(), actual.parameterGradient(), expected.parameterGradient(), tolerance);
            close(what + ": ∂/∂image", actual.imageGradient(), expected.imageGradient(), tolerance);
            // the passes of a training step deliver only what they are asked for, and the same values
            var image = dOwn.backward(images, label, Discriminator.Wanted.IMAGE);
            assertNull(image.parameterGradient());
            close(what + ": ∂/∂image alone", image.imageGradient(), expected.imageGradient(), tolerance);
            var parameters = dOwn.backward(images, label, Discriminator.Wanted.PARAMETERS);
            assertNull(parameters.imageGradient());
            closeBySegment(what + " alone", dDl4j.network(), parameters.parameterGradient(),
                    expected.parameterGradient(), tolerance);
        }

        INDArray upstream = dDl4j.backward(images, Discriminator.REAL).imageGradient().dup();
        INDArray gExpected = gDl4j.backward(upstream).dup();
        INDArray upstreamCopy = upstream.dup();
        INDArray gActual = gOwn.backward(upstream);
        assertEquals(upstreamCopy, upstream, "G's backward leaves the gradient it is given as it was");
        closeBySegment("G " + type, gDl4j.network(), gActual, gExpected, tolerance);
    }

    private static void close(String what, INDArray actual, INDArray expected, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Transforms.abs(e).maxNumber().doubleValue();
        double worst = Transforms.abs(actual.castTo(DataType.DOUBLE).sub(e)).maxNumber().doubleValue();
        assertTrue(worst <= tolerance * scale, what + ": largest difference " + worst + " against " + scale);
    }

    /** Each parameter's stretch of a flat gradient on its own, so a small one (a bias) is judged at its own scale. */
    private static void closeBySegment(String what, MultiLayerNetwork net, INDArray actual, INDArray expected,
                                       double tolerance) {
        long offset = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            for (var entry : net.getLayer(i).paramTable().entrySet()) {
                long n = entry.getValue().length();
                var range = org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n);
                close(what + " " + i + "_" + entry.getKey(), actual.get(range), expected.get(range), tolerance);
                offset += n;
            }
        }
        assertEquals(net.numParams(), offset);
    }

    @Test
    void theUpdaterReadsTheSameGradientLayoutAsDl4jWrites() {
        var d = Dl4jLayers.discriminator(D, new NetworkSettings(5, 2e-4, 0.5, DataType.FLOAT));
        MultiLayerNetwork net = d.network();
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16);
        var dl4j = net.calculateGradients(images, Nd4j.ones(DataType.FLOAT, 4, 1), null, null).getFirst();
        var own = NativeLayers.of(net).layout();
        assertEquals(places(dl4j.gradientForVariable()), places(own.gradientForVariable()));
        assertEquals(net.getFlattenedGradients().data().address(), own.gradient().data().address(),
                "the flat gradient is DL4J's own array");
    }

    /** Name → (offset, shape) of each view: where in the flat gradient each parameter's gradient lies. */
    private static Map<String, String> places(Map<String, INDArray> views) {
        Map<String, String> out = new TreeMap<>();
        views.forEach((k, v) -> out.put(k, v.offset() + " " + java.util.Arrays.toString(v.shape())));
        return out;
    }

    @Test
    void aLayerWithoutANativeVersionIsNamed() {
        String why = refusal(new Upsampling2D.Builder(2).name("upsample").build());
        assertTrue(why.contains("upsample") && why.contains("Upsampling2D"), why);
    }

    @Test
    void poolingOtherThan2x2MeansIsNamed() {
        // the own layers pool as a pooled D does (2x2 means, stride 2) and nothing else
        String why = refusal(new SubsamplingLayer.Builder(2, 2).name("maxpool").build());
        assertTrue(why.contains("maxpool") && why.contains("2x2 average pooling"), why);
    }

    /** Why the own layers refuse a network of {@code first} on a 4x4 map and a dense layer. */
    private static String refusal(org.deeplearning4j.nn.conf.layers.Layer first) {
        var conf = new NeuralNetConfiguration.Builder().list().layer(first)
                .layer(new DenseLayer.Builder().nOut(3).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return assertThrows(UnsupportedOperationException.class, () -> NativeLayers.of(net)).getMessage();
    }

    @Test
    void anUnsupportedNetworkFallsBackToDl4jWithItsReason() {
        // half precision: the native layers take FLOAT or DOUBLE
        var d = new Discriminator(D, new NetworkSettings(5, AdamSettings.DCGAN, DataType.HALF));
        assertEquals(LayerEngine.DL4J, d.layerEngine());
        assertNotNull(d.layerEngineNote());
        assertTrue(d.layerEngineNote().contains("HALF"), d.layerEngineNote());
        var g = new Generator(G, new NetworkSettings(5, AdamSettings.DCGAN, DataType.FLOAT));
        assertNull(g.layerEngineNote());
    }
}
