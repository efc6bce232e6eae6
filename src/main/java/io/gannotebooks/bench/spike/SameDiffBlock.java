package io.gannotebooks.bench.spike;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * (c) The block as a SameDiff graph, built once and run again every step. SameDiff differentiates a scalar
 * loss, so the upstream gradient g enters as L = sum(a * g), whose gradient with respect to a is g.
 * SameDiff's deconv2d takes its weights as [kH, kW, Cout, Cin]; they are reported back in DL4J's layout.
 * Batch normalisation is written out from SameDiff's element-wise ops and reductions (see the constructor).
 */
public final class SameDiffBlock implements DeconvBlock {
    private final SameDiff sd;
    private Map<String, INDArray> outputs;
    private Map<String, INDArray> gradients;

    public SameDiffBlock(BlockShape.BlockData data) {
        BlockShape s = data.shape();
        sd = SameDiff.create();
        SDVariable x = sd.var("x", data.input());
        SDVariable w = sd.var("w", data.weights().permute(2, 3, 1, 0).dup()); // -> [kH, kW, Cout, Cin]
        SDVariable gamma = sd.var("gamma", data.gamma());
        SDVariable beta = sd.var("beta", data.beta());
        var config = DeConv2DConfig.builder().kH(BlockShape.KERNEL).kW(BlockShape.KERNEL)
                .sH(BlockShape.STRIDE).sW(BlockShape.STRIDE).pH(BlockShape.PADDING).pW(BlockShape.PADDING)
                .dH(1).dW(1).isSameMode(false).dataFormat(DeConv2DConfig.NCHW).build();
        SDVariable y = sd.cnn().deconv2d(x, w, config);
        // Batch normalisation from primitives: nd4j M2.1's sd.nn().batchNorm cannot be differentiated
        // (BatchNorm.doDiff builds its derivative op without the axis and throws "axis must be specified").
        long[] perChannel = {1, s.outChannels(), 1, 1};
        SDVariable centred = y.sub(sd.mean(y, true, 0, 2, 3));                     // y - mean, mean [1, C, 1, 1]
        // biased variance (divided by B H W), as BatchNorm uses it; written out because sd.variance(y, false,
        // ...) was measured to divide by B H W - 1 here
        SDVariable variance = sd.mean(centred.mul(centred), true, 0, 2, 3);
        SDVariable normalised = centred.mul(sd.math().rsqrt(variance.add(BlockShape.BN_EPSILON)))
                .mul(gamma.reshape(perChannel)).add(beta.reshape(perChannel));
        SDVariable a = sd.nn().relu("out", normalised, 0.0);
        SDVariable upstream = sd.constant("upstream", data.upstream());
        SDVariable loss = a.mul(upstream).sum();
        sd.setLossVariables(loss);
        // the backward graph, built once here; nd4j prints a line per op to System.out while building it
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    @Override
    public String name() {
        return "SameDiff";
    }

    @Override
    public void step() {
        var result = sd.calculateGradientsAndOutputs(Map.of(), List.of("out"), List.of("x", "w", "gamma", "beta"));
        outputs = result.getOutputs();
        gradients = result.getGradients();
    }

    @Override
    public INDArray output() {
        return outputs.get("out");
    }

    @Override
    public INDArray inputGradient() {
        return gradients.get("x");
    }

    @Override
    public INDArray weightGradient() {
        return gradients.get("w").permute(3, 2, 0, 1); // [kH, kW, Cout, Cin] -> [Cin, Cout, kH, kW]
    }

    @Override
    public INDArray gammaGradient() {
        return gradients.get("gamma");
    }

    @Override
    public INDArray betaGradient() {
        return gradients.get("beta");
    }
}
