package io.gannotebooks.bench.spike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The spike's implementations of transposed convolution + BatchNorm + ReLU compute the same thing in
 * double precision (where DL4J and libnd4j take their own code paths, not oneDNN): same output, same
 * gradients of input, weights, gamma and beta; and the nd4j-ops layer's gradients (with libnd4j's batch-norm
 * backward and with the block's own) match finite differences.
 */
class DeconvBlockAgreementTest {
    private static final BlockShape SHAPE = new BlockShape(3, 6, 5, 4);

    @Test
    void nd4jOpsAndSameDiffAgreeWithDl4jLayers() {
        var data = SHAPE.randomData(7, DataType.DOUBLE);
        DeconvBlock reference = new Dl4jLayerBlock(data);
        reference.step();
        assertArrayEquals(new long[]{3, 5, 8, 8}, reference.output().shape());
        for (DeconvBlock candidate : new DeconvBlock[]{new NativeOpsBlock(data), new NativeOpsBlock(data, true),
                new SameDiffBlock(data)}) {
            candidate.step();
            candidate.step(); // a second step must give the same results: nothing accumulates between steps
            for (var part : BlockComparison.PARTS.entrySet()) {
                Function<DeconvBlock, INDArray> get = part.getValue();
                double error = BlockComparison.relativeError(get.apply(candidate), get.apply(reference));
                assertTrue(error < 1e-7, candidate.name() + " " + part.getKey() + ": relative error " + error);
            }
        }
    }

    @Test
    void nd4jOpsGradientsMatchFiniteDifferences() {
        finiteDifferences(false);
    }

    @Test
    void ownBatchNormBackwardMatchesFiniteDifferences() {
        finiteDifferences(true);
    }

    private static void finiteDifferences(boolean ownNormBackward) {
        var data = SHAPE.randomData(11, DataType.DOUBLE);
        var block = new NativeOpsBlock(data, ownNormBackward);
        block.step();
        // L = sum(a * upstream), so dL/da = upstream, the gradient the block was given
        Function<DeconvBlock, Double> loss = b -> {
            b.step();
            return b.output().mul(data.upstream()).sumNumber().doubleValue();
        };
        INDArray[] params = {data.input(), data.weights(), data.gamma(), data.beta()};
        INDArray[] grads = {block.inputGradient().dup(), block.weightGradient().dup(), block.gammaGradient().dup(),
                block.betaGradient().dup()};
        double h = 1e-6;
        int checked = 0;
        for (int p = 0; p < params.length; p++) {
            INDArray flat = params[p].reshape(params[p].length()); // a view: writes reach the block's array
            for (long i = 0; i < flat.length(); i += Math.max(1, flat.length() / 7)) {
                double original = flat.getDouble(i);
                flat.putScalar(i, original + h);
                double up = loss.apply(block);
                flat.putScalar(i, original - h);
                double down = loss.apply(block);
                flat.putScalar(i, original);
                double numeric = (up - down) / (2 * h);
                double analytic = grads[p].reshape(grads[p].length()).getDouble(i);
                assertEquals(numeric, analytic, 1e-6 * Math.max(1e-3, Math.abs(numeric)) + 1e-9,
                        "parameter " + p + " entry " + i);
                checked++;
            }
        }
        assertTrue(checked >= 20, "entries checked: " + checked);
        assertTrue(Transforms.abs(block.gammaGradient()).maxNumber().doubleValue() > 0);
    }
}
