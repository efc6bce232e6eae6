package io.gannotebooks.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation of a feature map, per channel, with the batch's own statistics (training mode).
 *
 * <pre>
 *   y [B, C, H, W]; for each channel c, over its N = B·H·W values:
 *     μ = mean(y),  σ² = mean((y − μ)²)  (divided by N),  ŷ = (y − μ) / √(σ² + ε)
 *     out = γ ŷ + β                       (γ, β [C] are trained)
 *   backward, from dz = ∂L/∂out, with invStd = 1/√(σ² + ε):
 *     ∂L/∂β = Σ dz,   ∂L/∂γ = Σ dz ŷ = invStd (Σ dz·y − μ ∂L/∂β)
 *     ∂L/∂y = γ invStd (dz − ∂L/∂β / N − ŷ ∂L/∂γ / N)      (μ and σ² depend on every y of the channel)
 *           = A dz + B' y + C,  with  A = γ invStd,  B' = −A invStd ∂L/∂γ / N,  C = −A ∂L/∂β / N − B' μ
 * </pre>
 * In float32, the training precision, both passes are oneDNN's batch normalisation primitives
 * ({@link OneDnnBatchNorm}: one native call a pass, ∂L/∂y written over dz, γ, β and their gradients read and
 * written in place). In double precision (the gradient checks; oneDNN has no double kernels) they are libnd4j
 * ops in the regrouped form above: two reductions and three element-wise passes and no array of its own,
 * overwriting y, which nothing needs after this pass (y is the output of the convolution before, whose
 * backward reads its input, not its output). There the per-channel maps (B' y + C, A dz) go through the
 * {@code batchnorm} op itself, with mean 0, variance 1 and ε = 0: nd4j's broadcast ops along the channel axis
 * of an NCHW array were measured 6–14 times slower than a plain element-wise pass. At batch 16 the libnd4j
 * form, five to seven native calls a pass plus a dozen on [C] vectors, took 2.2 times oneDNN's time
 * (docs/speed.md), so float32 does not use it.
 *
 * <p>Running statistics for inference, kept as DL4J keeps them so its layer reads them: the running mean
 * m and log10 of the running standard deviation, updated as m ← d m + (1 − d) μ and
 * v ← d v + (1 − d) σ² (v = (10^log10std)², d = 0.9). DL4J does not write them in the forward pass: its
 * backward pass puts the change, old − new, where their gradient goes, the optimiser leaves that part
 * of the gradient as it is (no Adam, no division by the batch size) and subtracts it. This layer does the same.
 */
public final class BatchNorm implements Layer {
    /** DL4J's defaults. */
    public static final double EPSILON = 1e-5;
    public static final double DECAY = 0.9;
    private static final double ONE_OVER_TWO_LN10 = 1 / (2 * Math.log(10));

    private final String name;
    private final Parameter gamma;          // γ [C]
    private final Parameter beta;           // β [C]
    private final Parameter runningMean;    // m [C]; its "gradient" is old − new
    private final Parameter runningLog10Std; // log10 √v [C]; likewise
    private final double epsilon;
    private final double decay;
    // per channel, [C]
    private final INDArray mean;
    private final INDArray variance;
    private final INDArray invStd;
    private final INDArray gammaGradient;
    private final INDArray betaGradient;
    private final INDArray dzDotY;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;
    private final INDArray scratch;
    private final INDArray zeros;
    private final INDArray ones;
    private final OneDnnBatchNorm oneDnn; // float32's passes; null in double precision
    private INDArray input;  // y
    private INDArray output; // out [B, C, H, W]

    public BatchNorm(String name, Parameter gamma, Parameter beta, Parameter runningMean, Parameter runningLog10Std,
                     double epsilon, double decay) {
        long channels = gamma.value().length();
        if (beta.value().length() != channels || runningMean.value().length() != channels
                || runningLog10Std.value().length() != channels) {
            throw new IllegalArgumentException(name + ": gamma, beta and the running statistics must all be [C]");
        }
        this.name = name;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningLog10Std = runningLog10Std;
        this.epsilon = epsilon;
        this.decay = decay;
        DataType type = gamma.value().dataType();
        mean = Nd4j.createUninitialized(type, channels);
        variance = Nd4j.createUninitialized(type, channels);
        invStd = Nd4j.createUninitialized(type, channels);
        gammaGradient = Nd4j.createUninitialized(type, channels);
        betaGradient = Nd4j.createUninitialized(type, channels);
        dzDotY = Nd4j.createUninitialized(type, channels);
        a = Nd4j.createUninitialized(type, channels);
        b = Nd4j.createUninitialized(type, channels);
        c = Nd4j.createUninitialized(type, channels);
        scratch = Nd4j.createUninitialized(type, channels);
        zeros = Nd4j.zeros(type, channels);
        ones = Nd4j.ones(type, channels);
        oneDnn = type == DataType.FLOAT ? new OneDnnBatchNorm(epsilon) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray y) {
        if (y.rank() != 4) {
            throw new IllegalArgumentException(name + ": batch normalisation here takes [B, C, H, W], not rank " + y.rank());
        }
        input = y;
        output = NativeOp.buffer(output, y.dataType(), y.shape());
        if (oneDnn != null) {
            oneDnn.forward(y, gamma.value(), beta.value(), output, mean, variance);
            return output;
        }
        // μ, σ² over (B, H, W), then out = γ (y − μ) / √(σ² + ε) + β
        NativeOp.run("moments", NativeOp.of(y), NativeOp.of(mean, variance), new int[]{0, 2, 3});
        NativeOp.run("batchnorm", NativeOp.of(y, mean, variance, gamma.value(), beta.value()), NativeOp.of(output),
                new int[]{1, 1, 1}, epsilon); // apply γ, apply β, channels on axis 1
        return output;
    }

    @Override
    public INDArray backward(INDArray dz, boolean wantInputGradient, boolean parameterGradients) {
        INDArray y = input;
        if (oneDnn != null) {
            oneDnn.backward(y, dz, gamma.value(), mean, variance,
                    parameterGradients ? gamma.gradient() : gammaGradient,
                    parameterGradients ? beta.gradient() : betaGradient);
            if (parameterGradients) {
                runningStatisticsChange();
            }
            return wantInputGradient ? dz : null;
        }
        double n = (double) y.length() / y.size(1); // N = B H W values per channel
        var ops = Nd4j.getExecutioner();
        dz.sum(betaGradient, 0, 2, 3);                    // ∂L/∂β = Σ dz
        ops.exec(new Dot(dz, y, dzDotY, 0, 2, 3));       // Σ dz·y
        Transforms.pow(invStd.assign(variance).addi(epsilon), -0.5, false);
        gammaGradient.assign(mean).muli(betaGradient).rsubi(dzDotY).muli(invStd); // invStd (Σ dz·y − μ ∂L/∂β)
        if (parameterGradients) {
            gamma.gradient().assign(gammaGradient);
            beta.gradient().assign(betaGradient);
            runningStatisticsChange();
        }
        if (!wantInputGradient) {
            return null;
        }
        a.assign(gamma.value()).muli(invStd);
        b.assign(a).muli(invStd).muli(gammaGradient).muli(-1 / n);
        c.assign(a).muli(betaGradient).muli(-1 / n).subi(scratch.assign(b).muli(mean));
        perChannel(y, b, c);      // y ← B' y + C
        perChannel(dz, a, zeros); // dz ← A dz
        return dz.addi(y);        // ∂L/∂y = A dz + B' y + C, in dz's array
    }

    /** x ← scale x + shift, per channel, in one pass: the batchnorm op with mean 0, variance 1 and ε = 0. */
    private void perChannel(INDArray x, INDArray scale, INDArray shift) {
        NativeOp.run("batchnorm", NativeOp.of(x, zeros, ones, scale, shift), NativeOp.of(x), new int[]{1, 1, 1}, 0.0);
    }

    /**
     * Where the running statistics' gradients go, old − new (see the class comment):
     * (1 − d)(m − μ) for the mean, log10 √v − log10 √v' = log(v / v') / (2 ln 10) for the deviation.
     */
    private void runningStatisticsChange() {
        INDArray meanChange = runningMean.gradient();
        meanChange.assign(runningMean.value()).subi(mean).muli(1 - decay);
        INDArray v = a.assign(10.0);
        Transforms.pow(v, runningLog10Std.value(), false); // √v = 10^log10std
        v.muli(v);
        INDArray next = b.assign(v).muli(decay).addi(scratch.assign(variance).muli(1 - decay)); // v' = d v + (1 − d) σ²
        INDArray stdChange = runningLog10Std.gradient();
        stdChange.assign(v).divi(next);
        Transforms.log(stdChange, false);
        stdChange.muli(ONE_OVER_TWO_LN10);
    }

    /** The double-precision backward pass overwrites its input y; oneDNN's leaves it. */
    @Override
    public boolean overwritesInput() {
        return oneDnn == null;
    }
}
