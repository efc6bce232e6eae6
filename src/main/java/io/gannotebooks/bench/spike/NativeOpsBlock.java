package io.gannotebooks.bench.spike;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * (b) The block written as the library's own layer: libnd4j's custom ops called by name, every array they
 * write allocated once here and passed to the op as its output, so a step allocates no array of its own.
 * In this nd4j build {@code deconv2d}, {@code deconv2d_bp}, {@code batchnorm} and {@code batchnorm_bp} have
 * oneDNN implementations; {@code moments}, {@code relu} and {@code relu_bp} are libnd4j's own loops.
 *
 * <p>Forward: y = deconv(x, W); (mean, var) = moments of y over (B, H, W); a = ReLU(gamma (y - mean) /
 * sqrt(var + eps) + beta). Backward: da -> dz = da [a > 0] -> (dy, dgamma, dbeta) -> (dx, dW).
 *
 * <p>Batch norm's backward comes in two versions. libnd4j's {@code batchnorm_bp} asks oneDNN for the
 * gradient with the statistics held fixed, then adds the terms through the batch mean and variance in
 * about eight more passes over the tensor, two of them into arrays it allocates. The {@linkplain
 * #NativeOpsBlock(BlockShape.BlockData, boolean) own version} writes the full gradient, per channel c over
 * its N = B H W values, as dy = A dz + B y + C with
 * <pre>
 *   dbeta = sum dz,   dgamma = invStd (sum dz y - mean dbeta),   invStd = 1 / sqrt(var + eps),
 *   A = gamma invStd,   B = -A invStd dgamma / N,   C = -A dbeta / N - B mean
 * </pre>
 * (the textbook dy = gamma invStd (dz - mean(dz) - xhat mean(dz xhat)) regrouped): two reductions and
 * four element-wise passes, all into arrays allocated here, overwriting y, which the backward pass no
 * longer needs after this.
 */
public final class NativeOpsBlock implements DeconvBlock {
    /** DL4J's BatchNormalization default decay of the running statistics. */
    static final double DECAY = 0.9;

    private record Part(String name, Runnable run) {
    }

    private final boolean ownNormBackward;
    private final List<Part> parts = new ArrayList<>();
    private final INDArray output;         // a = ReLU(BN(y)) [B, Cout, 2H, 2W], ReLU applied in place
    private final INDArray inputGradient;  // dx [B, Cin, H, W]
    private final INDArray weightGradient; // dW [Cin, Cout, 4, 4]
    private final INDArray gammaGradient;  // [Cout]
    private final INDArray betaGradient;   // [Cout]

    /** With libnd4j's batchnorm_bp. */
    public NativeOpsBlock(BlockShape.BlockData data) {
        this(data, false);
    }

    /** @param ownNormBackward batch norm's backward from reductions and broadcasts instead of batchnorm_bp */
    public NativeOpsBlock(BlockShape.BlockData data, boolean ownNormBackward) {
        this.ownNormBackward = ownNormBackward;
        BlockShape s = data.shape();
        var type = data.input().dataType();
        int c = s.outChannels();
        long[] outShape = {s.batch(), c, s.outSide(), s.outSide()};
        double n = (double) s.batch() * s.outSide() * s.outSide(); // values per channel
        INDArray x = data.input();
        INDArray w = data.weights();
        INDArray gamma = data.gamma();
        INDArray beta = data.beta();
        INDArray preNorm = Nd4j.createUninitialized(type, outShape);         // y
        INDArray preReluGradient = Nd4j.createUninitialized(type, outShape); // dz
        INDArray preNormGradient = Nd4j.createUninitialized(type, outShape); // dy
        output = Nd4j.createUninitialized(type, outShape);
        inputGradient = Nd4j.createUninitialized(type, x.shape());
        weightGradient = Nd4j.createUninitialized(type, w.shape());
        gammaGradient = Nd4j.createUninitialized(type, c);
        betaGradient = Nd4j.createUninitialized(type, c);
        INDArray mean = Nd4j.createUninitialized(type, c);
        INDArray variance = Nd4j.createUninitialized(type, c); // biased (divided by N), as BatchNorm uses it
        INDArray runningMean = Nd4j.zeros(type, c);
        INDArray runningVariance = Nd4j.ones(type, c);

        // kH, kW, sH, sW, pH, pW, dH, dW, same mode (0: explicit padding), data format (0: NCHW),
        // weight format (1: [Cin, Cout, kH, kW], DL4J's layout, so DL4J's weights are used as they are)
        int[] deconvArgs = {BlockShape.KERNEL, BlockShape.KERNEL, BlockShape.STRIDE, BlockShape.STRIDE,
                BlockShape.PADDING, BlockShape.PADDING, 1, 1, 0, 0, 1};
        int[] bnArgs = {1, 1, 1}; // apply gamma, apply beta, channel axis

        // ----- forward -----
        add("deconv2d", op("deconv2d", new INDArray[]{x, w}, new INDArray[]{preNorm}, deconvArgs));
        add("moments", op("moments", new INDArray[]{preNorm}, new INDArray[]{mean, variance}, new int[]{0, 2, 3}));
        add("batchnorm", op("batchnorm", new INDArray[]{preNorm, mean, variance, gamma, beta},
                new INDArray[]{output}, bnArgs, BlockShape.BN_EPSILON));
        add("relu", op("relu", new INDArray[]{output}, new INDArray[]{output}, new int[0], 0.0));
        // running statistics for inference, as DL4J's layer keeps them: r = decay r + (1 - decay) batch
        parts.add(new Part("running stats", () -> {
            runningMean.muli(DECAY);
            Nd4j.getBlasWrapper().axpy(1 - DECAY, mean, runningMean);
            runningVariance.muli(DECAY);
            Nd4j.getBlasWrapper().axpy(1 - DECAY, variance, runningVariance);
        }));

        // ----- backward -----
        // ReLU's derivative from its output: a > 0 exactly where its input was > 0
        add("relu_bp", op("relu_bp", new INDArray[]{output, data.upstream()}, new INDArray[]{preReluGradient},
                new int[0]));
        if (!ownNormBackward) {
            INDArray meanGradient = Nd4j.createUninitialized(type, c); // batchnorm_bp writes them; unused
            INDArray varianceGradient = Nd4j.createUninitialized(type, c);
            add("batchnorm_bp", op("batchnorm_bp", new INDArray[]{preNorm, mean, variance, gamma, beta,
                            preReluGradient}, new INDArray[]{preNormGradient, meanGradient, varianceGradient,
                            gammaGradient, betaGradient}, bnArgs, BlockShape.BN_EPSILON));
        } else {
            INDArray invStd = Nd4j.createUninitialized(type, c);
            INDArray dzDotY = Nd4j.createUninitialized(type, c);
            INDArray a = Nd4j.createUninitialized(type, c);
            INDArray b = Nd4j.createUninitialized(type, c);
            INDArray cc = Nd4j.createUninitialized(type, c);
            INDArray scratch = Nd4j.createUninitialized(type, c);
            var dot = new Dot(preReluGradient, preNorm, dzDotY, 0, 2, 3);
            var yTimesB = new BroadcastMulOp(preNorm, b, preNorm, 1);
            var plusC = new BroadcastAddOp(preNorm, cc, preNorm, 1);
            var dzTimesA = new BroadcastMulOp(preReluGradient, a, preNormGradient, 1);
            parts.add(new Part("BN backward (own)", () -> {
                var ex = Nd4j.getExecutioner();
                preReluGradient.sum(betaGradient, 0, 2, 3);
                ex.exec(dot);
                // per channel, on [C] vectors
                Transforms.pow(invStd.assign(variance).addi(BlockShape.BN_EPSILON), -0.5, false);
                gammaGradient.assign(mean).muli(betaGradient).rsubi(dzDotY).muli(invStd);
                a.assign(gamma).muli(invStd);
                b.assign(a).muli(invStd).muli(gammaGradient).muli(-1 / n);
                cc.assign(a).muli(betaGradient).muli(-1 / n).subi(scratch.assign(b).muli(mean));
                // over the tensor: y <- B y + C, dy = A dz + y
                ex.exec(yTimesB);
                ex.exec(plusC);
                ex.exec(dzTimesA);
                preNormGradient.addi(preNorm);
            }));
        }
        add("deconv2d_bp", op("deconv2d_bp", new INDArray[]{x, w, preNormGradient},
                new INDArray[]{inputGradient, weightGradient}, deconvArgs));
    }

    private void add(String name, DynamicCustomOp op) {
        parts.add(new Part(name, () -> Nd4j.getExecutioner().exec(op)));
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
        return ownNormBackward ? "nd4j ops, own BN bp" : "nd4j ops";
    }

    /** Names of the parts {@link #step(long[])} times, in order. */
    public List<String> partNames() {
        return parts.stream().map(Part::name).toList();
    }

    @Override
    public void step() {
        for (Part part : parts) {
            part.run().run();
        }
    }

    /** One step, adding each part's wall time to {@code nanos} (indexed as {@link #partNames()}). */
    public void step(long[] nanos) {
        for (int i = 0; i < parts.size(); i++) {
            long start = System.nanoTime();
            parts.get(i).run().run();
            nanos[i] += System.nanoTime() - start;
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
