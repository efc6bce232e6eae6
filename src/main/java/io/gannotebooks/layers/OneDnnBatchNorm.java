package io.gannotebooks.layers;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.gannotebooks.layers.OneDnn.Handles;
import io.gannotebooks.layers.OneDnn.Primitive;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation's two passes in training mode as oneDNN 2.5.2 primitives on the layer's plain float32
 * NCHW arrays, in float32 (both precisions): the forward pass with the batch's own statistics, writing μ and σ²
 * (divided by N) for the running statistics, and the backward pass giving ∂L/∂y, ∂L/∂γ and ∂L/∂β in one
 * primitive. libnd4j's way took five to seven native calls a pass, each a strided walk over the whole map
 * plus a dozen small calls on [C] vectors; at batch 16 that was a quarter of the step (docs/speed.md).
 *
 * <p>Every array is bound by its address before each run ({@link OneDnn#point}), so γ, β and their gradients
 * are read and written in the flat parameter vectors themselves, and ∂L/∂y is written over the upstream
 * gradient (oneDNN's batch normalisation works in place). Primitives are made once per input shape.
 */
final class OneDnnBatchNorm {
    private static final Cleaner CLEANER = Cleaner.create();

    private final float epsilon;
    private final OneDnn.Latest<Plan> current = new OneDnn.Latest<>();

    OneDnnBatchNorm(double epsilon) {
        this.epsilon = (float) epsilon;
        CLEANER.register(this, current);
    }

    /** out = γ (y − μ) / √(σ² + ε) + β, with μ, σ² over (B, H, W) written into {@code mean}, {@code variance} [C]. */
    void forward(INDArray y, INDArray gamma, INDArray beta, INDArray out, INDArray mean, INDArray variance) {
        Plan p = current.plan;
        if (p == null || !Arrays.equals(p.shape, y.shape())) {
            current.run();
            p = current.plan = new Plan(y.shape(), epsilon);
        }
        p.forward(y, gamma, beta, out, mean, variance);
    }

    /**
     * The backward pass of the latest {@link #forward} (same y, μ, σ², γ): ∂L/∂y written over {@code dz},
     * ∂L/∂γ and ∂L/∂β into {@code dGamma}, {@code dBeta} [C].
     */
    void backward(INDArray y, INDArray dz, INDArray gamma, INDArray mean, INDArray variance,
                  INDArray dGamma, INDArray dBeta) {
        if (current.plan == null) {
            throw new IllegalStateException("a backward pass needs a forward pass first");
        }
        current.plan.backward(y, dz, gamma, mean, variance, dGamma, dBeta);
    }

    /** The primitives and memories of one input shape. */
    private static final class Plan implements OneDnn.Plan {
        final long[] shape;
        final float epsilon;
        final Handles handles = new Handles();
        final dnnl_stream stream = handles.stream();
        final dnnl_memory_desc_t data;    // [B, C, H, W] f32 nchw: y, out, ∂L/∂out, ∂L/∂y
        final dnnl_memory_desc_t channel; // [C] f32: γ, β, μ, σ² and their gradients
        final Primitive forward;
        final dnnl_memory src;
        final dnnl_memory dst;
        final dnnl_memory scale;
        final dnnl_memory shift;
        final dnnl_memory mean;
        final dnnl_memory variance;
        Primitive backward; // made on first use
        dnnl_memory diff;   // ∂L/∂out in
        dnnl_memory diffSrc; // ∂L/∂y out, over the same array
        dnnl_memory diffScale;
        dnnl_memory diffShift;

        @Override
        public Handles handles() {
            return handles;
        }

        Plan(long[] shape, float epsilon) {
            this.shape = shape.clone();
            this.epsilon = epsilon;
            data = OneDnn.desc(shape, dnnl_f32, dnnl_nchw);
            channel = OneDnn.desc(new long[]{shape[1]}, dnnl_f32, dnnl_x);
            dnnl_batch_normalization_desc_t op = new dnnl_batch_normalization_desc_t();
            OneDnn.check(dnnl_batch_normalization_forward_desc_init(op, dnnl_forward_training, data, epsilon,
                    dnnl_use_scale | dnnl_use_shift), "batch normalization forward desc init");
            forward = handles.primitive(op, null, "batch normalization forward");
            src = handles.memory(data);
            dst = handles.memory(data);
            scale = handles.memory(channel);
            shift = handles.memory(channel);
            mean = handles.memory(channel);
            variance = handles.memory(channel);
            forward.bind(DNNL_ARG_SRC, src);
            forward.bind(DNNL_ARG_DST, dst);
            forward.bind(DNNL_ARG_SCALE, scale);
            forward.bind(DNNL_ARG_SHIFT, shift);
            forward.bind(DNNL_ARG_MEAN, mean);
            forward.bind(DNNL_ARG_VARIANCE, variance);
        }

        void forward(INDArray y, INDArray gamma, INDArray beta, INDArray out, INDArray mu, INDArray sigma2) {
            OneDnn.point(src, data, y);
            OneDnn.point(dst, data, out);
            OneDnn.point(scale, channel, gamma);
            OneDnn.point(shift, channel, beta);
            OneDnn.point(mean, channel, mu);
            OneDnn.point(variance, channel, sigma2);
            forward.run(stream);
        }

        void backward(INDArray y, INDArray dz, INDArray gamma, INDArray mu, INDArray sigma2,
                      INDArray dGamma, INDArray dBeta) {
            if (backward == null) {
                dnnl_batch_normalization_desc_t op = new dnnl_batch_normalization_desc_t();
                OneDnn.check(dnnl_batch_normalization_backward_desc_init(op, dnnl_backward, data, data, epsilon,
                        dnnl_use_scale | dnnl_use_shift), "batch normalization backward desc init");
                backward = handles.primitive(op, forward, "batch normalization backward");
                diff = handles.memory(data);
                diffSrc = handles.memory(data);
                diffScale = handles.memory(channel);
                diffShift = handles.memory(channel);
                backward.bind(DNNL_ARG_SRC, src);
                backward.bind(DNNL_ARG_MEAN, mean);
                backward.bind(DNNL_ARG_VARIANCE, variance);
                backward.bind(DNNL_ARG_SCALE, scale);
                backward.bind(DNNL_ARG_SHIFT, shift); // unread, but oneDNN 2.5 counts it among the inputs of
                                                      // a use_shift backward pass and refuses to run without it
                backward.bind(DNNL_ARG_DIFF_DST, diff);
                backward.bind(DNNL_ARG_DIFF_SRC, diffSrc);
                backward.bind(DNNL_ARG_DIFF_SCALE, diffScale);
                backward.bind(DNNL_ARG_DIFF_SHIFT, diffShift);
            }
            OneDnn.point(src, data, y);
            OneDnn.point(diff, data, dz);
            OneDnn.point(diffSrc, data, dz);
            OneDnn.point(scale, channel, gamma);
            OneDnn.point(mean, channel, mu);
            OneDnn.point(variance, channel, sigma2);
            OneDnn.point(diffScale, channel, dGamma);
            OneDnn.point(diffShift, channel, dBeta);
            backward.run(stream);
        }
    }
}
