package io.gannotebooks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.testing.FiniteDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each layer's backward pass against central finite differences of its forward pass, in double precision:
 * for a fixed random R, L(x, θ) = Σ R ⊙ layer(x; θ), so ∂L/∂(output) = R, and the layer's input and
 * parameter gradients must be the derivatives of L.
 */
class LayerGradientTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void setUp() {
        Backend.configure();
        Nd4j.getRandom().setSeed(42);
    }

    private static Parameter parameter(double scale, long... shape) {
        return new Parameter(Nd4j.randn(D, shape).muli(scale), Nd4j.zeros(D, shape));
    }

    @Test
    void dense() {
        var w = parameter(0.5, 5, 3);
        var b = parameter(0.5, 3);
        check(() -> new Dense("dense", w, b), Nd4j.randn(D, 4, 5), List.of(w, b));
    }

    @Test
    void convolutionHalvingTheSideWithBias() {
        var w = parameter(0.3, 4, 3, 4, 4);
        var b = parameter(0.3, 4);
        check(() -> new Convolution("down", w, b, new Geometry(4, 4, 2, 2, 1, 1)), Nd4j.randn(D, 2, 3, 8, 8),
                List.of(w, b));
    }

    @Test
    void convolutionKeepingTheSideWithoutBias() {
        var w = parameter(0.3, 3, 4, 3, 3);
        check(() -> new Convolution("to_rgb", w, null, new Geometry(3, 3, 1, 1, 1, 1)), Nd4j.randn(D, 2, 4, 6, 6),
                List.of(w));
    }

    @Test
    void narrowConvolutionsWithBiasAndUnevenWindows() {
        // few outputs; a 3x2 window, padding (0, 1), the side shrinking in height
        var w = parameter(0.3, 2, 4, 3, 2);
        var b = parameter(0.3, 2);
        check(() -> new Convolution("narrow", w, b, new Geometry(3, 2, 1, 1, 0, 1)), Nd4j.randn(D, 2, 4, 7, 5),
                List.of(w, b));
    }

    @Test
    void narrowConvolutionsGiveWhatConv2dBpGives() {
        // G's to_rgb in float (oneDNN's primitives) against libnd4j's conv2d_bp
        var w = new Parameter(Nd4j.randn(DataType.FLOAT, 3, 8, 3, 3), Nd4j.zeros(DataType.FLOAT, 3, 8, 3, 3));
        var b = new Parameter(Nd4j.randn(DataType.FLOAT, 3), Nd4j.zeros(DataType.FLOAT, 3));
        var geometry = new Geometry(3, 3, 1, 1, 1, 1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 8, 16, 16);
        var layer = new Convolution("to_rgb", w, b, geometry);
        INDArray g = Nd4j.randn(DataType.FLOAT, layer.forward(x).shape());
        INDArray dx = layer.backward(g.dup(), true, true).dup();
        INDArray dxExpected = Nd4j.zeros(DataType.FLOAT, x.shape());
        INDArray dwExpected = Nd4j.zeros(DataType.FLOAT, w.value().shape());
        INDArray dbExpected = Nd4j.zeros(DataType.FLOAT, 3);
        Nd4j.getExecutioner().exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("conv2d_bp")
                .addInputs(x, w.value(), b.value(), g).addOutputs(dxExpected, dwExpected, dbExpected)
                .addIntegerArguments(3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1).build());
        assertTrue(dx.equalsWithEps(dxExpected, 1e-4), "input gradient");
        assertTrue(w.gradient().equalsWithEps(dwExpected, 1e-3), "weight gradient");
        assertTrue(b.gradient().equalsWithEps(dbExpected, 1e-3), "bias gradient");
    }

    @Test
    void convolutionWhoseWindowDoesNotTileTheInput() {
        // k3 s2 p1 on 8: 4 outputs, whose transposed convolution covers 7 pixels, not 8
        var w = parameter(0.3, 2, 3, 3, 3);
        var b = parameter(0.3, 2);
        check(() -> new Convolution("odd", w, b, new Geometry(3, 3, 2, 2, 1, 1)), Nd4j.randn(D, 2, 3, 8, 8),
                List.of(w, b));
    }

    @Test
    void transposedConvolutionDoublingTheSide() {
        var w = parameter(0.3, 3, 4, 4, 4);
        check(() -> new Deconvolution("up", w, new Geometry(4, 4, 2, 2, 1, 1)), Nd4j.randn(D, 2, 3, 4, 4),
                List.of(w));
    }

    @Test
    void batchNormalisation() {
        var gamma = new Parameter(Nd4j.rand(D, 4).addi(0.5), Nd4j.zeros(D, 4));
        var beta = parameter(0.3, 4);
        check(() -> batchNorm(gamma, beta), Nd4j.randn(D, 3, 4, 5, 5).muli(2).addi(0.7), List.of(gamma, beta));
    }

    @Test
    void batchNormalisationInFloatIsTheDoublePassesRounded() {
        // float32 runs oneDNN's primitives, double the libnd4j form that the finite differences above check:
        // same output, ∂L/∂y, ∂L/∂γ, ∂L/∂β and running-statistics entries, for two batch sizes in turn (a new
        // shape makes new primitives) and both kinds of backward pass
        BatchNorm[] bn = new BatchNorm[2];
        Parameter[][] p = new Parameter[2][];
        DataType[] types = {DataType.DOUBLE, DataType.FLOAT};
        INDArray gamma = Nd4j.rand(D, 6).addi(0.5);
        INDArray beta = Nd4j.randn(D, 6).muli(0.3);
        INDArray mean = Nd4j.randn(D, 6).muli(0.1);
        INDArray log10Std = Nd4j.randn(D, 6).muli(0.1);
        for (int t = 0; t < 2; t++) {
            DataType type = types[t];
            p[t] = new Parameter[]{
                    new Parameter(gamma.castTo(type), Nd4j.zeros(type, 6)), new Parameter(beta.castTo(type), Nd4j.zeros(type, 6)),
                    new Parameter(mean.castTo(type), Nd4j.zeros(type, 6)), new Parameter(log10Std.castTo(type), Nd4j.zeros(type, 6))};
            bn[t] = new BatchNorm("bn", p[t][0], p[t][1], p[t][2], p[t][3], BatchNorm.EPSILON, BatchNorm.DECAY);
        }
        for (long batch : new long[]{5, 2, 5}) {
            INDArray y = Nd4j.randn(D, batch, 6, 7, 3).muli(2).addi(0.7);
            INDArray dz = Nd4j.randn(D, batch, 6, 7, 3);
            INDArray[] out = new INDArray[2];
            INDArray[] dy = new INDArray[2];
            for (int t = 0; t < 2; t++) {
                // copies: the double pass writes over its y, and castTo to the same type is no copy
                out[t] = bn[t].forward(y.castTo(types[t]).dup()).castTo(D).dup();
                dy[t] = bn[t].backward(dz.castTo(types[t]).dup(), true, batch != 2).castTo(D).dup();
            }
            assertClose("output, batch " + batch, out[0], out[1]);
            assertClose("∂L/∂y, batch " + batch, dy[0], dy[1]);
            for (int i = 0; i < 4 && batch != 2; i++) {
                assertClose("gradient " + i + ", batch " + batch, p[0][i].gradient(), p[1][i].gradient().castTo(D));
            }
        }
    }

    @Test
    void convolutionsInFloatAreTheDoublePassesRounded() {
        // float32 runs oneDNN's primitives in both precisions' FP32, double the libnd4j ops that the finite
        // differences above check: same output, ∂L/∂x, ∂L/∂W, ∂L/∂b for two batch sizes in turn (a new shape
        // makes new primitives), both kinds of backward pass, and the geometries the networks and tests use
        record Case(boolean transposed, long in, long out, Geometry geometry, boolean bias, long side) {
        }
        List<Case> cases = List.of(
                new Case(false, 3, 8, new Geometry(4, 4, 2, 2, 1, 1), true, 16),   // D's first layer: 3 channels in
                new Case(false, 16, 32, new Geometry(4, 4, 2, 2, 1, 1), false, 8), // D's later ones, before batch norm
                new Case(false, 16, 3, new Geometry(3, 3, 1, 1, 1, 1), true, 12),  // G's to_rgb: 3 channels out
                new Case(false, 4, 5, new Geometry(3, 3, 2, 2, 1, 1), true, 8),    // a window that does not tile
                new Case(false, 4, 2, new Geometry(3, 2, 1, 1, 0, 1), true, 7),    // uneven window and padding
                new Case(false, 4, 3, new Geometry(2, 2, 2, 2, 0, 0), true, 7),    // a last row and column unread
                new Case(true, 16, 8, new Geometry(4, 4, 2, 2, 1, 1), false, 4));  // G's up-sampling
        for (Case c : cases) {
            long[] wShape = c.transposed() ? new long[]{c.in(), c.out(), c.geometry().kernelHeight(),
                    c.geometry().kernelWidth()} : new long[]{c.out(), c.in(), c.geometry().kernelHeight(),
                    c.geometry().kernelWidth()};
            INDArray w = Nd4j.randn(D, wShape).muli(0.3);
            INDArray b = Nd4j.randn(D, c.out()).muli(0.3);
            DataType[] types = {D, DataType.FLOAT};
            Layer[] layer = new Layer[2];
            Parameter[][] p = new Parameter[2][];
            for (int t = 0; t < 2; t++) {
                DataType type = types[t];
                p[t] = new Parameter[]{new Parameter(w.castTo(type), Nd4j.zeros(type, wShape)),
                        c.bias() ? new Parameter(b.castTo(type), Nd4j.zeros(type, c.out())) : null};
                layer[t] = c.transposed() ? new Deconvolution("up", p[t][0], c.geometry())
                        : new Convolution("down", p[t][0], p[t][1], c.geometry());
            }
            for (long batch : new long[]{5, 2, 5}) {
                String what = c + ", batch " + batch;
                INDArray x = Nd4j.randn(D, batch, c.in(), c.side(), c.side());
                boolean parameterGradients = batch != 2;
                INDArray[] y = new INDArray[2];
                INDArray[] dx = new INDArray[2];
                for (int t = 0; t < 2; t++) {
                    y[t] = layer[t].forward(x.castTo(types[t]).dup()).castTo(D).dup();
                }
                INDArray g = Nd4j.randn(D, y[0].shape());
                for (int t = 0; t < 2; t++) {
                    dx[t] = layer[t].backward(g.castTo(types[t]).dup(), true, parameterGradients).castTo(D).dup();
                }
                assertClose("output, " + what, y[0], y[1]);
                assertClose("∂L/∂x, " + what, dx[0], dx[1]);
                for (int i = 0; i < 2 && parameterGradients; i++) {
                    if (p[0][i] != null) {
                        assertClose("gradient " + i + ", " + what, p[0][i].gradient(), p[1][i].gradient().castTo(D));
                    }
                }
            }
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        double scale = Transforms.abs(expected).maxNumber().doubleValue();
        double error = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        assertTrue(error <= 1e-5 * scale, what + ": largest difference " + error + " against largest value " + scale);
    }

    private static BatchNorm batchNorm(Parameter gamma, Parameter beta) {
        var mean = new Parameter(Nd4j.randn(D, 4).muli(0.1), Nd4j.zeros(D, 4));
        var log10Std = new Parameter(Nd4j.randn(D, 4).muli(0.1), Nd4j.zeros(D, 4));
        return new BatchNorm("bn", gamma, beta, mean, log10Std, BatchNorm.EPSILON, BatchNorm.DECAY);
    }

    @Test
    void averagePoolingHalvesTheSide() {
        check(() -> new AveragePool("pool"), Nd4j.randn(D, 2, 3, 6, 8), List.of());
    }

    @Test
    void averagePoolingIsTheMeanOfEachBlock() {
        var pool = new AveragePool("pool");
        INDArray x = Nd4j.arange(16).castTo(D).reshape(1, 1, 4, 4);
        // rows 0-1, columns 0-1: (0 + 1 + 4 + 5) / 4
        assertEquals(List.of(2.5, 4.5, 10.5, 12.5), java.util.Arrays.stream(pool.forward(x).ravel().toDoubleVector())
                .boxed().toList());
        var e = assertThrows(IllegalArgumentException.class, () -> pool.forward(Nd4j.zeros(D, 1, 1, 5, 4)));
        assertTrue(e.getMessage().contains("even sides"), e.getMessage());
    }

    @Test
    void activations() {
        check(() -> new ReLU("relu"), Nd4j.randn(D, 3, 4, 5, 5), List.of());
        check(() -> new Tanh("tanh"), Nd4j.randn(D, 3, 4, 5, 5), List.of());
        check(() -> new LeakyReLU("lrelu", 0.2), Nd4j.randn(D, 3, 4, 5, 5), List.of());
    }

    @Test
    void aStackOfLayersIsTheChainRule() {
        var w1 = parameter(0.3, 4, 3, 4, 4);
        var gamma = new Parameter(Nd4j.rand(D, 4).addi(0.5), Nd4j.zeros(D, 4));
        var beta = parameter(0.3, 4);
        var w2 = parameter(0.3, 64, 2);
        var b2 = parameter(0.3, 2);
        check(() -> new StackAsLayer(new LayerStack(List.of(
                        new Convolution("down", w1, null, new Geometry(4, 4, 2, 2, 1, 1)),
                        batchNorm(gamma, beta),
                        new LeakyReLU("lrelu", 0.2),
                        new Reshape("flatten", 64),
                        new Dense("logit", w2, b2)))),
                Nd4j.randn(D, 3, 3, 8, 8), List.of(w1, gamma, beta, w2, b2));
    }

    @Test
    void theRunningStatisticsMoveAsDl4jMovesThem() {
        var gamma = new Parameter(Nd4j.rand(D, 4).addi(0.5), Nd4j.zeros(D, 4));
        var beta = parameter(0.3, 4);
        var mean = new Parameter(Nd4j.randn(D, 4).muli(0.1), Nd4j.zeros(D, 4));
        var log10Std = new Parameter(Nd4j.randn(D, 4).muli(0.1), Nd4j.zeros(D, 4));
        var bn = new BatchNorm("bn", gamma, beta, mean, log10Std, BatchNorm.EPSILON, 0.9);
        INDArray y = Nd4j.randn(D, 3, 4, 5, 5).muli(2).addi(0.7);
        double[] mu = y.mean(0, 2, 3).toDoubleVector();
        double[] sigma2 = y.var(false, 0, 2, 3).toDoubleVector();
        bn.forward(y.dup());
        bn.backward(Nd4j.randn(D, 3, 4, 5, 5), true, true);
        for (int c = 0; c < 4; c++) {
            double m = mean.value().getDouble(c);
            double v = Math.pow(Math.pow(10, log10Std.value().getDouble(c)), 2);
            // what the optimiser subtracts: old − new, for m' = 0.9 m + 0.1 μ and v' = 0.9 v + 0.1 σ²
            assertEquals(m - (0.9 * m + 0.1 * mu[c]), mean.gradient().getDouble(c), 1e-12);
            assertEquals(Math.log10(Math.sqrt(v)) - Math.log10(Math.sqrt(0.9 * v + 0.1 * sigma2[c])),
                    log10Std.gradient().getDouble(c), 1e-12);
        }
    }

    @Test
    void onlyTheInputGradientIsTheSameAsWithTheParameterGradients() {
        // D's pass for G's step skips the weight gradients: ∂L/∂x must not change
        var geometry = new Geometry(4, 4, 2, 2, 1, 1);
        var conv = parameter(0.3, 4, 3, 4, 4);
        var convBias = parameter(0.3, 4);
        var odd = parameter(0.3, 2, 3, 3, 3);
        var deconv = parameter(0.3, 3, 4, 4, 4);
        List<Supplier<Layer>> layers = List.of(
                () -> new Convolution("down", conv, convBias, geometry),
                () -> new Convolution("odd", odd, null, new Geometry(3, 3, 2, 2, 1, 1)),
                () -> new Deconvolution("up", deconv, geometry));
        List<INDArray> inputs = List.of(Nd4j.randn(D, 2, 3, 8, 8), Nd4j.randn(D, 2, 3, 8, 8), Nd4j.randn(D, 2, 3, 4, 4));
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i).get();
            INDArray out = layer.forward(inputs.get(i));
            INDArray r = Nd4j.randn(D, out.shape());
            INDArray both = layer.backward(r.dup(), true, true).dup();
            INDArray alone = layer.backward(r.dup(), true, false);
            assertTrue(Transforms.abs(both.sub(alone)).maxNumber().doubleValue() < 1e-12, layer.name());
            assertNull(layer.backward(r.dup(), false, false), layer.name());
        }
    }

    @Test
    void aStackRefusesToOverwriteWhatIsStillNeeded() {
        var gamma = new Parameter(Nd4j.ones(D, 4), Nd4j.zeros(D, 4));
        var beta = parameter(0.3, 4);
        var w = parameter(0.3, 4, 4, 3, 3);
        var geometry = new Geometry(3, 3, 1, 1, 1, 1);
        // ReLU first would write over the caller's data
        assertThrows(IllegalArgumentException.class, () -> new LayerStack(List.of(new ReLU("relu"))));
        // batch norm after ReLU would overwrite the output ReLU's backward reads
        var e = assertThrows(IllegalArgumentException.class, () -> new LayerStack(List.of(
                new Convolution("c", w, null, geometry), new ReLU("relu"), batchNorm(gamma, beta))));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        // ReLU last would turn the caller's result into its mask in the backward pass
        e = assertThrows(IllegalArgumentException.class, () -> new LayerStack(List.of(
                new Convolution("c", w, null, geometry), batchNorm(gamma, beta), new ReLU("relu"))));
        assertTrue(e.getMessage().contains("last"), e.getMessage());
        // the generator's order is fine
        new LayerStack(List.of(new Convolution("c", w, null, geometry), batchNorm(gamma, beta), new ReLU("relu"),
                new Convolution("c2", w, null, geometry)));
    }

    @Test
    void logisticOutputGradientIsTheCrossEntropysDerivative() {
        INDArray s = Nd4j.createFromArray(new double[][]{{-30}, {-2}, {0.3}, {4}, {25}});
        var output = new LogisticOutput();
        for (double y : new double[]{0, 1}) {
            double[] p = output.probabilities(s).toDoubleVector();
            double[] g = output.gradient(y).toDoubleVector();
            for (int i = 0; i < p.length; i++) {
                double z = s.getDouble(i, 0);
                double numeric = FiniteDifference.derivative(v -> crossEntropy(v, y), z, 1e-6);
                assertEquals(1 / (1 + Math.exp(-z)), p[i], 1e-15);
                assertEquals(numeric, g[i], 1e-8, "logit " + z + ", label " + y);
            }
        }
    }

    /** −[y log σ(s) + (1 − y) log(1 − σ(s))], written stably. */
    private static double crossEntropy(double s, double y) {
        return Math.max(s, 0) - s * y + Math.log1p(Math.exp(-Math.abs(s)));
    }

    /**
     * Analytic gradients of L = Σ R ⊙ layer(x) against central differences, for up to 60 entries of the
     * input and of each parameter. A fresh layer per evaluation is not needed: only the input is consumed
     * (layers may write over it), so each forward pass gets a copy.
     */
    private static void check(Supplier<Layer> make, INDArray x, List<Parameter> parameters) {
        Layer layer = make.get();
        INDArray r = Nd4j.randn(D, layer.forward(x.dup()).shape());
        layer.forward(x.dup());
        INDArray inputGradient = layer.backward(r.dup(), true, true).dup();
        List<INDArray> parameterGradients = new ArrayList<>();
        for (Parameter p : parameters) {
            parameterGradients.add(p.gradient().dup());
        }
        Supplier<Double> loss = () -> layer.forward(x.dup()).mul(r).sumNumber().doubleValue();
        // ∂L/∂x: perturb a copy of x
        INDArray xPerturbed = x.dup();
        Supplier<Double> lossOfX = () -> layer.forward(xPerturbed.dup()).mul(r).sumNumber().doubleValue();
        compare(layer.name() + " input", xPerturbed, inputGradient, lossOfX);
        for (int k = 0; k < parameters.size(); k++) {
            compare(layer.name() + " parameter " + k, parameters.get(k).value(), parameterGradients.get(k), loss);
        }
    }

    private static void compare(String what, INDArray values, INDArray analytic, Supplier<Double> loss) {
        // central differences of a sum of O(10) carry absolute errors near 1e-10: judge the smallest
        // derivatives against a thousandth of the largest (a relative error of 1e-6 of that is agreement)
        double floor = 1e-6 * 1e-3 * Transforms.abs(analytic).maxNumber().doubleValue();
        var report = FiniteDifference.check(values, analytic, loss::get, 1e-5, 60, i -> false, floor);
        assertTrue(report.worstError() < 1e-6, what + ": " + report);
    }

    /** A stack seen as one layer, to check it like the others. */
    private record StackAsLayer(LayerStack stack) implements Layer {
        public String name() {
            return "stack";
        }

        public INDArray forward(INDArray input) {
            return stack.forward(input);
        }

        public INDArray backward(INDArray g, boolean inputGradient, boolean parameterGradients) {
            return stack.backward(g, inputGradient, parameterGradients);
        }
    }
}
