package io.gannotebooks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.backend.Machine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transposed convolution in {@link Precision#MIXED} against FP32 on a generator-like layer (k4 s2 p1,
 * the side doubling): it must be the float32 arithmetic of its inputs rounded to bfloat16 — close to FP32
 * within bfloat16's rounding, and not FP32 itself (which would mean the bf16 path never ran). libnd4j's
 * wrong combinations give errors of order 1 (bench/Bf16Spike.md), which this catches too.
 */
class MixedPrecisionTest {
    private static final Geometry UP = new Geometry(4, 4, 2, 2, 1, 1);

    @BeforeAll
    static void setUp() {
        Backend.configure();
        Nd4j.getRandom().setSeed(7);
    }

    @Test
    void mixedIsFloat32ArithmeticOnInputsRoundedToBfloat16() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 32, 8, 8);
        INDArray w = Nd4j.randn(DataType.FLOAT, 32, 16, 4, 4).muli(0.05);
        INDArray g = Nd4j.randn(DataType.FLOAT, 3, 16, 16, 16);

        Pass mixed = pass(Precision.MIXED, x, w, g);
        Pass exact = pass(Precision.FP32, x, w, g);
        Pass rounded = pass(Precision.FP32, roundTrip(x), roundTrip(w), roundTrip(g));

        for (int i = 0; i < 3; i++) {
            double fromExact = relativeError(mixed.outputs[i], exact.outputs[i]);
            double fromRounded = relativeError(mixed.outputs[i], rounded.outputs[i]);
            assertTrue(fromExact > 1e-4 && fromExact < 1e-2, Pass.NAMES[i] + ": " + fromExact + " from FP32");
            assertTrue(fromRounded < 1e-5, Pass.NAMES[i] + ": " + fromRounded + " from FP32 on rounded inputs");
        }
    }

    @Test
    void theSameLayerSwitchesBackToFp32Exactly() {
        assumeTrue(Machine.hasBf16(), "oneDNN's bfloat16 kernels need AVX512_BF16");
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 8, 4, 4);
        INDArray w = Nd4j.randn(DataType.FLOAT, 8, 4, 4, 4).muli(0.1);
        var layer = new Deconvolution("up", new Parameter(w, Nd4j.zeros(DataType.FLOAT, w.shape())), UP);
        INDArray fp32 = layer.forward(x).dup();
        layer.precision(Precision.MIXED);
        INDArray mixed = layer.forward(x).dup();
        layer.precision(Precision.FP32);
        assertEquals(fp32, layer.forward(x));
        assertTrue(relativeError(mixed, fp32) > 1e-4);
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
        } else {
            Precision.MIXED.requireAvailable();
        }
    }

    /** y, then ∂L/∂x and ∂L/∂W from upstream g, through a fresh layer in {@code p}. */
    private static Pass pass(Precision p, INDArray x, INDArray w, INDArray g) {
        var weights = new Parameter(w.dup(), Nd4j.zeros(DataType.FLOAT, w.shape()));
        var layer = new Deconvolution("up", weights, UP);
        layer.precision(p);
        INDArray y = layer.forward(x).dup();
        INDArray dx = layer.backward(g.dup(), true, true).dup();
        return new Pass(new INDArray[]{y, dx, weights.gradient().dup()});
    }

    private record Pass(INDArray[] outputs) {
        static final String[] NAMES = {"y", "dL/dx", "dL/dW"};
    }

    private static INDArray roundTrip(INDArray a) {
        return a.castTo(DataType.BFLOAT16).castTo(DataType.FLOAT);
    }

    private static double relativeError(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
