package io.gannotebooks.bench.spike;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * (b) The block written as the library's own layer: libnd4j's custom ops called by name, every array they
 * write allocated once here and passed to the op as its output, so a step allocates no array of its own.
 * In this nd4j build {@code deconv2d}, {@code deconv2d_bp}, {@code batchnorm} and {@code batchnorm_bp} run on
 * oneDNN; {@code moments}, {@code relu} and {@code relu_bp} are libnd4j loops.
 *
 * <p>Forward: y = deconv(x, W); (mean, var) = moments of y over (B, H, W); a = ReLU(gamma (y - mean) /
 * sqrt(var + eps) + beta). Backward: da -> dz = da [a > 0] -> (dy, dgamma, dbeta) -> (dx, dW).
 * {@code batchnorm_bp} gives the full training-mode gradient (through the batch mean and variance too).
 */
public final class NativeOpsBlock implements DeconvBlock {
    /** DL4J's BatchNormalization default decay of the running statistics. */
    static final double DECAY = 0.9;

    private final INDArray output;       // a = ReLU(BN(y)) [B, Cout, 2H, 2W], ReLU applied in place
    private final INDArray inputGradient; // dx [B, Cin, H, W]
    private final INDArray weightGradient; // dW [Cin, Cout, 4, 4]
    private final INDArray gammaGradient;
    private final INDArray betaGradient;
    private final INDArray batchMean;     // [Cout]
    private final INDArray batchVariance; // [Cout], biased (divided by B H W), as BatchNorm uses it
    private final INDArray runningMean;
    private final INDArray runningVariance;
    private final DynamicCustomOp[] forward;
    private final DynamicCustomOp[] backward;

    public NativeOpsBlock(BlockShape.BlockData data) {
        BlockShape s = data.shape();
        var type = data.input().dataType();
        int c = s.outChannels();
        long[] outShape = {s.batch(), c, s.outSide(), s.outSide()};
        INDArray x = data.input();
        INDArray w = data.weights();
        INDArray gamma = data.gamma();
        INDArray beta = data.beta();
        INDArray preNorm = Nd4j.createUninitialized(type, outShape);      // y
        INDArray preReluGradient = Nd4j.createUninitialized(type, outShape); // dz
        INDArray preNormGradient = Nd4j.createUninitialized(type, outShape); // dy
        output = Nd4j.createUninitialized(type, outShape);
        inputGradient = Nd4j.createUninitialized(type, x.shape());
        weightGradient = Nd4j.createUninitialized(type, w.shape());
        gammaGradient = Nd4j.createUninitialized(type, c);
        betaGradient = Nd4j.createUninitialized(type, c);
        batchMean = Nd4j.createUninitialized(type, c);
        batchVariance = Nd4j.createUninitialized(type, c);
        INDArray meanGradient = Nd4j.createUninitialized(type, c); // batchnorm_bp's, unused
        INDArray varianceGradient = Nd4j.createUninitialized(type, c);
        runningMean = Nd4j.zeros(type, c);
        runningVariance = Nd4j.ones(type, c);

        // kH, kW, sH, sW, pH, pW, dH, dW, same mode (0: explicit padding), data format (0: NCHW),
        // weight format (1: [Cin, Cout, kH, kW], DL4J's layout, so DL4J's weights are used as they are)
        int[] deconvArgs = {BlockShape.KERNEL, BlockShape.KERNEL, BlockShape.STRIDE, BlockShape.STRIDE,
                BlockShape.PADDING, BlockShape.PADDING, 1, 1, 0, 0, 1};
        // apply gamma, apply beta, channel axis
        int[] bnArgs = {1, 1, 1};
        forward = new DynamicCustomOp[]{
                op("deconv2d", new INDArray[]{x, w}, new INDArray[]{preNorm}, deconvArgs),
                op("moments", new INDArray[]{preNorm}, new INDArray[]{batchMean, batchVariance}, new int[]{0, 2, 3}),
                op("batchnorm", new INDArray[]{preNorm, batchMean, batchVariance, gamma, beta},
                        new INDArray[]{output}, bnArgs, BlockShape.BN_EPSILON),
                op("relu", new INDArray[]{output}, new INDArray[]{output}, new int[0], 0.0),
        };
        backward = new DynamicCustomOp[]{
                // ReLU's derivative from its output: a > 0 exactly where its input was > 0
                op("relu_bp", new INDArray[]{output, data.upstream()}, new INDArray[]{preReluGradient}, new int[0]),
                op("batchnorm_bp", new INDArray[]{preNorm, batchMean, batchVariance, gamma, beta, preReluGradient},
                        new INDArray[]{preNormGradient, meanGradient, varianceGradient, gammaGradient, betaGradient},
                        bnArgs, BlockShape.BN_EPSILON),
                op("deconv2d_bp", new INDArray[]{x, w, preNormGradient},
                        new INDArray[]{inputGradient, weightGradient}, deconvArgs),
        };
    }

    private static DynamicCustomOp op(String name, INDArray[] inputs, INDArray[] outputs, int[] iArgs,
                                      double... tArgs) {
        var builder = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(iArgs);
        if (tArgs.length > 0) {
            Double[] boxed = new Double[tArgs.length];
            for (int i = 0; i < tArgs.length; i++) {
                boxed[i] = tArgs[i];
            }
            builder.addFloatingPointArguments(boxed);
        }
        return builder.build();
    }

    @Override
    public String name() {
        return "nd4j ops";
    }

    @Override
    public void step() {
        var executioner = Nd4j.getExecutioner();
        for (DynamicCustomOp op : forward) {
            executioner.exec(op);
        }
        // running statistics for inference, as DL4J's layer keeps them: r = decay r + (1 - decay) batch
        runningMean.muli(DECAY);
        Nd4j.getBlasWrapper().axpy(1 - DECAY, batchMean, runningMean);
        runningVariance.muli(DECAY);
        Nd4j.getBlasWrapper().axpy(1 - DECAY, batchVariance, runningVariance);
        for (DynamicCustomOp op : backward) {
            executioner.exec(op);
        }
    }

    @Override
    public INDArray output() {
        return output;
    }

    @Override
    public INDArray inputGradient() {
        return inputGradient;
    }

    @Override
    public INDArray weightGradient() {
        return weightGradient;
    }

    @Override
    public INDArray gammaGradient() {
        return gammaGradient;
    }

    @Override
    public INDArray betaGradient() {
        return betaGradient;
    }
}
