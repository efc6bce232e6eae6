package io.gannotebooks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.backend.Machine;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.GeneratorSpec;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.model.NetworkSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutions in {@link Precision#MIXED} (oneDNN's bfloat16 primitives, {@link OneDnnConvolution}) against
 * FP32, on every layer kind of G and D: each output must be the float32 arithmetic of its inputs rounded to
 * bfloat16 — close to FP32 within bfloat16's rounding (≈ 2.4e-3), and not FP32 itself (which would mean the
 * bf16 path never ran). A wrong layout or padding gives errors of order 1, which this catches too. Then the
 * same on whole networks: a training step's gradients of D and G, and R1's, whose tangent pass stays FP32.
 */
class MixedPrecisionTest {
    private static final Geometry DOWN = new Geometry(4, 4, 2, 2, 1, 1);
    private static final Geometry UP = new Geometry(4, 4, 2, 2, 1, 1);
    private static final Geometry SAME = new Geometry(3, 3, 1, 1, 1, 1);

    /** The layer kinds of the design note's networks, small: x [B, cin, side, side]. */
    private record Kind(String name, boolean transposed, Geometry geometry, int cin, int cout, int side, boolean bias) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("D's first conv (k4 s2 p1, bias, Cin 3)", false, DOWN, 3, 16, 16, true),
            new Kind("D's conv (k4 s2 p1, no bias)", false, DOWN, 16, 32, 16, false),
            new Kind("G's to_rgb conv (k3 s1 p1, bias, Cout 3)", false, SAME, 16, 3, 16, true),
            new Kind("G's deconv (k4 s2 p1)", true, UP, 32, 16, 8, false));

    @BeforeAll
    static void setUp() {
        Backend.configure();
        Nd4j.getRandom().setSeed(7);
    }

    @Test
    void everyLayerKindIsFloat32ArithmeticOnInputsRoundedToBfloat16() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        for (Kind k : KINDS) {
            Arrays a = Arrays.random(k, 5);
            Pass mixed = pass(Precision.MIXED, k, a);
            Pass exact = pass(Precision.FP32, k, a);
            Pass rounded = pass(Precision.FP32, k, a.rounded());
            for (int i = 0; i < mixed.outputs.length; i++) {
                String what = k.name + " " + Pass.NAMES[i];
                double fromExact = relativeError(mixed.outputs[i], exact.outputs[i]);
                double fromRounded = relativeError(mixed.outputs[i], rounded.outputs[i]);
                assertTrue(fromExact > 1e-4 && fromExact < 1e-2, what + ": " + fromExact + " from FP32");
                assertTrue(fromRounded < 1e-5, what + ": " + fromRounded + " from FP32 on rounded inputs");
            }
        }
    }

    @Test
    void aNewBatchSizeMakesNewPrimitivesAndTheOldShapeComesBack() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        for (Kind k : List.of(KINDS.get(0), KINDS.get(3))) {
            Arrays first = Arrays.random(k, 16);
            var mixedWeights = first.parameters();
            Layer mixed = layer(k, mixedWeights[0], mixedWeights[1], Precision.MIXED);
            for (int batch : new int[]{16, 4, 16}) {
                Arrays a = Arrays.random(k, batch).withWeights(first);
                Pass exact = pass(Precision.FP32, k, a);
                Pass got = run(mixed, a, mixedWeights);
                for (int i = 0; i < got.outputs.length; i++) {
                    double e = relativeError(got.outputs[i], exact.outputs[i]);
                    assertTrue(e > 1e-4 && e < 1e-2, k.name + " batch " + batch + " " + Pass.NAMES[i] + ": " + e);
                }
            }
        }
    }

    @Test
    void onlyTheWantedGradientsAreComputed() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        Kind first = KINDS.get(0); // D's first layer: its input is the image, D's own step wants no ∂L/∂x
        Arrays a = Arrays.random(first, 4);
        Pass exact = pass(Precision.FP32, first, a);
        Parameter[] p = a.parameters();
        Layer layer = layer(first, p[0], p[1], Precision.MIXED);
        layer.forward(a.x);
        assertNull(layer.backward(a.g.dup(), false, true));
        assertTrue(relativeError(p[0].gradient(), exact.outputs[2]) < 1e-2);
        assertTrue(relativeError(p[1].gradient(), exact.outputs[3]) < 1e-2);
        // ∂L/∂x alone (G's step through D) leaves the parameter gradients as they were
        INDArray before = p[0].gradient().dup();
        INDArray dx = layer.backward(a.g.dup(), true, false);
        assertTrue(relativeError(dx, exact.outputs[1]) < 1e-2);
        assertEquals(before, p[0].gradient());
    }

    @Test
    void theTangentPassAndTheBackwardAfterItStayFp32() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        Kind k = KINDS.get(1);
        Arrays a = Arrays.random(k, 4);
        INDArray direction = Nd4j.randn(DataType.FLOAT, a.x.shape());
        List<INDArray> got = new ArrayList<>();
        for (Precision p : Precision.values()) {
            Parameter[] params = a.parameters();
            Layer layer = layer(k, params[0], params[1], p);
            layer.forward(a.x);
            got.add(layer.tangent(direction.dup()).dup());
            got.add(layer.backward(a.g.dup(), true, true).dup());
            got.add(params[0].gradient().dup());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(got.get(i), got.get(i + 3), "tangent, ∂L/∂x, ∂L/∂W after it: " + i);
        }
    }

    @Test
    void theSameLayersSwitchBackToFp32Exactly() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        for (Kind k : KINDS) {
            Arrays a = Arrays.random(k, 2);
            Parameter[] p = a.parameters();
            Layer layer = layer(k, p[0], p[1], Precision.FP32);
            INDArray fp32 = layer.forward(a.x).dup();
            precision(layer, Precision.MIXED);
            INDArray mixed = layer.forward(a.x).dup();
            precision(layer, Precision.FP32);
            assertEquals(fp32, layer.forward(a.x), k.name);
            assertTrue(relativeError(mixed, fp32) > 1e-4, k.name);
        }
    }

    /**
     * The design note's networks, small batch: a training step's arrays (G(z), D's gradient on real and fake
     * images, ∂L/∂G(z), G's gradient through D) in MIXED against FP32 from the same weights, inputs and noise.
     * G(z) stays within a few roundings (3.5e-3). The gradients differ by 9 % (D's), 12 % (∂L/∂G(z)) and 14 %
     * (G's, through both): a rounding that moves an activation across a (Leaky)ReLU kink changes its slope,
     * and those few elements add up in the norm (about the square root of their share); they compound layer
     * by layer towards the input. G's gradient alone (from a fixed ∂L/∂G(z)) differed by the same 7 % with
     * libnd4j's bfloat16 transposed convolutions, the mixed path before this one.
     */
    @Test
    void aTrainingStepOfGAndDStaysCloseToFp32() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        int batch = 4;
        INDArray z = LatentNoise.sample(3, 0, 0, batch, GeneratorSpec.designNote().latentSize(), DataType.FLOAT);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 3, 64, 64).muli(2).subi(1);
        List<Step> steps = new ArrayList<>();
        for (Precision p : Precision.values()) {
            Generator g = new Generator(GeneratorSpec.designNote(), new NetworkSettings(1, 2e-4, 0.5, DataType.FLOAT));
            Discriminator d = new Discriminator(DiscriminatorSpec.dcgan(), new NetworkSettings(2, 2e-4, 0.5, DataType.FLOAT));
            steps.add(Step.of(p, g, d, z, real));
        }
        Step exact = steps.get(Precision.FP32.ordinal());
        Step mixed = steps.get(Precision.MIXED.ordinal());
        String[] names = {"G(z)", "D's gradient", "∂L/∂G(z)", "G's gradient"};
        INDArray[] m = mixed.arrays();
        INDArray[] f = exact.arrays();
        for (int i = 0; i < m.length; i++) {
            double e = relativeError(m[i], f[i]);
            assertTrue(e > 1e-4 && e < (i == 0 ? 1e-2 : 0.25), names[i] + ": " + e + " from FP32");
        }
    }

    /**
     * R1 on the design note's D without batch norm: MIXED's forward pass and ∇ₓ s in bfloat16, the tangent pass
     * and the backward pass after it in FP32. The penalty's value is a sum of squares and stays within 1 %; its
     * gradient differs by ≈ 5 %, for the kinks' reason above (aTrainingStepOfGAndDStaysCloseToFp32).
     */
    @Test
    void r1sGradientInMixedIsCloseToFp32s() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 64, 64).muli(2).subi(1);
        List<Discriminator.Penalty> penalties = new ArrayList<>();
        for (Precision p : new Precision[]{Precision.FP32, Precision.MIXED}) {
            Discriminator d = new Discriminator(DiscriminatorSpec.dcgan().withBatchNorm(false),
                    new NetworkSettings(5, 2e-4, 0.5, DataType.FLOAT));
            d.network().params().muli(5); // N(0, 0.02) weights make D nearly linear and R1's gradient tiny
            d.precision(p);
            penalties.add(d.gradientPenalty(x, 1, 1));
        }
        double value = penalties.get(0).value();
        assertEquals(value, penalties.get(1).value(), 1e-2 * value);
        double e = relativeError(penalties.get(1).parameterGradient(), penalties.get(0).parameterGradient());
        assertTrue(e > 1e-4 && e < 0.1, "R1's gradient: " + e + " from FP32");
    }

    @Test
    void precisionIsReadInOneWordAndRefusedWhereTheCpuLacksIt() {
        assertEquals(Precision.MIXED, Precision.parse(" Mixed "));
        assertEquals("fp32", Precision.FP32.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
        assertEquals("precision must be fp32 or mixed, got 'half'", e.getMessage());
        Precision.FP32.requireAvailable(); // everywhere
        if (!Machine.hasBf16()) {
            var missing = assertThrows(IllegalArgumentException.class, Precision.MIXED::requireAvailable);
            assertTrue(missing.getMessage().startsWith("--precision mixed needs a CPU with AVX512_BF16"), missing.getMessage());
            assertTrue(!missing.getMessage().contains("\n"), "one line");
        } else {
            Precision.MIXED.requireAvailable();
        }
    }

    /** One training step's arrays (what GanTrainer.step computes, without the updates). */
    private record Step(Precision precision, INDArray fake, INDArray dGradient, INDArray imageGradient,
                        INDArray gGradient) {
        static Step of(Precision p, Generator g, Discriminator d, INDArray z, INDArray real) {
            g.precision(p);
            d.precision(p);
            INDArray fake = g.forward(z).dup();
            INDArray dGradient = d.backward(real, Discriminator.REAL, Discriminator.Wanted.PARAMETERS)
                    .parameterGradient().dup();
            dGradient.addi(d.backward(fake, Discriminator.FAKE, Discriminator.Wanted.PARAMETERS).parameterGradient());
            INDArray imageGradient = d.backward(fake, Discriminator.REAL, Discriminator.Wanted.IMAGE).imageGradient().dup();
            INDArray gGradient = g.backward(imageGradient.dup()).dup();
            return new Step(p, fake, dGradient, imageGradient, gGradient);
        }

        INDArray[] arrays() {
            return new INDArray[]{fake, dGradient, imageGradient, gGradient};
        }
    }

    /** x, W, b (or null), g for one layer kind and batch; W like DCGAN's N(0, 0.02) but larger, b small. */
    private record Arrays(INDArray x, INDArray w, INDArray b, INDArray g) {
        static Arrays random(Kind k, int batch) {
            long out = k.transposed ? k.geometry.transposedHeight(k.side) : k.geometry.convolvedHeight(k.side);
            INDArray x = Nd4j.randn(DataType.FLOAT, batch, k.cin, k.side, k.side);
            INDArray w = Nd4j.randn(DataType.FLOAT, k.transposed ? new long[]{k.cin, k.cout, 4, 4}
                    : new long[]{k.cout, k.cin, k.geometry.kernelHeight(), k.geometry.kernelWidth()}).muli(0.05);
            INDArray b = k.bias ? Nd4j.randn(DataType.FLOAT, k.cout).muli(0.1) : null;
            INDArray g = Nd4j.randn(DataType.FLOAT, batch, k.cout, out, out);
            return new Arrays(x, w, b, g);
        }

        Arrays withWeights(Arrays other) {
            return new Arrays(x, other.w, other.b, g);
        }

        /** x, W and g rounded to bfloat16 (the bias stays float32, as MIXED reads it). */
        Arrays rounded() {
            return new Arrays(roundTrip(x), roundTrip(w), b, roundTrip(g));
        }

        /** Fresh weight and bias parameters (the bias null without one), their gradients zero. */
        Parameter[] parameters() {
            return new Parameter[]{new Parameter(w.dup(), Nd4j.zeros(DataType.FLOAT, w.shape())),
                    b == null ? null : new Parameter(b.dup(), Nd4j.zeros(DataType.FLOAT, b.shape()))};
        }
    }

    private static Layer layer(Kind k, Parameter w, Parameter b, Precision p) {
        Layer layer = k.transposed ? new Deconvolution("up", w, k.geometry) : new Convolution("conv", w, b, k.geometry);
        precision(layer, p);
        return layer;
    }

    private static void precision(Layer layer, Precision p) {
        if (layer instanceof Deconvolution d) {
            d.precision(p);
        } else {
            ((Convolution) layer).precision(p);
        }
    }

    /** y, then ∂L/∂x, ∂L/∂W (and ∂L/∂b) from upstream g, through a fresh layer in {@code p}. */
    private static Pass pass(Precision p, Kind k, Arrays a) {
        Parameter[] params = a.parameters();
        return run(layer(k, params[0], params[1], p), a, params);
    }

    private static Pass run(Layer layer, Arrays a, Parameter[] params) {
        INDArray y = layer.forward(a.x).dup();
        INDArray dx = layer.backward(a.g.dup(), true, true).dup();
        INDArray dw = params[0].gradient().dup();
        return new Pass(params[1] == null ? new INDArray[]{y, dx, dw}
                : new INDArray[]{y, dx, dw, params[1].gradient().dup()});
    }

    private record Pass(INDArray[] outputs) {
        static final String[] NAMES = {"y", "dL/dx", "dL/dW", "dL/db"};
    }

    private static INDArray roundTrip(INDArray a) {
        return a.castTo(DataType.BFLOAT16).castTo(DataType.FLOAT);
    }

    private static double relativeError(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
