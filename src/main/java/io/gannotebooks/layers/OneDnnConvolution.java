package io.gannotebooks.layers;

import static org.bytedeco.dnnl.global.dnnl.*;

import io.gannotebooks.layers.OneDnn.Handles;
import io.gannotebooks.layers.OneDnn.Primitive;
import io.gannotebooks.layers.OneDnn.Transient;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution's or transposed convolution's passes as oneDNN 2.5.2 primitives: forward, ∂L/∂x (oneDNN's
 * backward-data) and ∂L/∂W with ∂L/∂b (backward-weights). What every float32 {@link Convolution} and
 * {@link Deconvolution} of G and D runs, in either {@link Precision}: libnd4j M2.1 sets up its oneDNN primitive
 * again on every call (in float32 the same kernels, 1.2 times as slow over a batch-16 step's convolutions,
 * bench/DnnlSpike.md), and reaches oneDNN's bfloat16 kernels only for transposed convolutions.
 *
 * <p>In {@link Precision#MIXED} the primitives read bfloat16 copies of x, W and g = ∂L/∂y and write float32
 * (oneDNN accumulates in float32), so the layers around them, the master weights and Adam stay float32; in
 * {@link Precision#FP32} they read float32. The layouts are oneDNN's choice ({@code format_tag_any}): its kernels
 * want channels blocked by 16, and on plain NCHW it falls back to im2col and GEMM, slower than libnd4j
 * (bench/DnnlSpike.md). So each input is re-laid out (and in MIXED cast) by a reorder from the layer's plain
 * float32 array into a buffer of the primitive's layout, and each output reordered back into the layer's array;
 * where oneDNN's layout is the plain one (the bias, ∂L/∂b, an image of three channels in float32) the primitive
 * reads or writes the nd4j array itself.
 *
 * <p>Primitives and memories are made once per input shape and reused: a new batch size destroys them and
 * makes new ones. The backward ones are made on first use (D's first layer needs ∂L/∂x only for G's step and
 * R1, never for D's own). Kept per layer: x in the primitives' layout and type from the forward pass to the
 * backward pass, and W; the transient copies (g, outputs before their reorder) live in buffers shared by all layers.
 */
final class OneDnnConvolution {
    /** Destroys the native handles of a layer nobody holds any more (the C API has no deallocators of its own). */
    private static final Cleaner CLEANER = Cleaner.create();

    private final boolean transposed;
    private final Geometry geometry;
    private final boolean bias;
    private final Precision precision;
    private final OneDnn.Latest<Plan> current = new OneDnn.Latest<>();

    /**
     * @param transposed a transposed convolution (W [Cin, Cout, kH, kW]) rather than a convolution (W [Cout, Cin, kH, kW])
     * @param bias       whether the forward pass adds a bias [Cout] and the backward pass gives ∂L/∂b
     * @param precision  what the primitives read: bfloat16 copies ({@link Precision#MIXED}) or float32
     */
    OneDnnConvolution(boolean transposed, Geometry geometry, boolean bias, Precision precision) {
        this.transposed = transposed;
        this.geometry = geometry;
        this.bias = bias;
        this.precision = precision;
        CLEANER.register(this, current);
    }

    /** y = x ⋆ W (+ b) into {@code y} [B, Cout, H', W'], from copies of x [B, Cin, H, W] and W in oneDNN's layout; keeps x's. */
    void forward(INDArray x, INDArray w, INDArray b, INDArray y) {
        Plan p = current.plan;
        if (p == null || !Arrays.equals(p.inputShape, x.shape()) || !Arrays.equals(p.weightShape, w.shape())) {
            current.run(); // the old shape's primitives and buffers go before the new ones come
            p = current.plan = new Plan(transposed, geometry, bias, precision, x.shape(), w.shape());
        }
        p.forward(x, w, b, y);
    }

    /**
     * The backward pass of the latest {@link #forward} (same x and W), from a copy of g = ∂L/∂y: ∂L/∂x
     * into {@code dx} and ∂L/∂W, ∂L/∂b into {@code dw}, {@code db}; a null array is not computed.
     */
    void backward(INDArray g, INDArray dx, INDArray dw, INDArray db) {
        if (current.plan == null) {
            throw new IllegalStateException("a backward pass needs a forward pass first");
        }
        current.plan.backward(g, dx, dw, db);
    }

    /** Destroys the primitives and frees the buffers now (the next forward pass makes new ones). */
    void release() {
        current.run();
    }

    /** The primitives, memories and buffers of one input shape. */
    private static final class Plan implements OneDnn.Plan {
        final long[] inputShape;
        final long[] weightShape;
        final Handles handles = new Handles();
        final dnnl_stream stream = handles.stream();
        final boolean transposed;
        final long[] strides;
        final long[] padLeft;
        final long[] padRight;
        // plain float32 layouts of the layer's arrays: x, y, W (conv [Cout, Cin, k, k] is oneDNN's oihw as it is,
        // the transposed one's [Cin, Cout, k, k] its iohw; the logical dims are (out, in, kh, kw) for both), b
        final dnnl_memory_desc_t plainX;
        final dnnl_memory_desc_t plainY;
        final dnnl_memory_desc_t plainW;
        final dnnl_memory_desc_t plainB; // or null
        // what the primitives are asked for: bfloat16 (MIXED) or float32 in, float32 out, layouts left to oneDNN
        final dnnl_memory_desc_t readX;
        final dnnl_memory_desc_t readY;
        final dnnl_memory_desc_t readW;
        final dnnl_memory_desc_t floatX;
        final dnnl_memory_desc_t floatY;
        final dnnl_memory_desc_t floatW;
        final List<Input> inputs = new ArrayList<>();

        final Primitive forward;
        final Input x;
        final Input w;
        final Output y;
        final dnnl_memory b; // or null
        INDArray latestX;   // the forward's x and W (the layer keeps them too): read again only if a backward
        INDArray latestW;   // primitive wants them in another layout than the forward's

        Primitive data;     // ∂L/∂x, made on first use, with its inputs and output
        Input wData;
        Input gData;
        Output dx;
        Primitive weights;  // ∂L/∂W and ∂L/∂b, the same
        Input xWeights;
        Input gWeights;
        Output dw;
        dnnl_memory db;

        @Override
        public Handles handles() {
            return handles;
        }

        Plan(boolean transposed, Geometry geometry, boolean bias, Precision precision, long[] inputShape,
                long[] weightShape) {
            this.transposed = transposed;
            this.inputShape = inputShape.clone();
            this.weightShape = weightShape.clone();
            long n = inputShape[0];
            long h = inputShape[2];
            long wd = inputShape[3];
            long out = weightShape[transposed ? 1 : 0];
            long in = weightShape[transposed ? 0 : 1];
            long oh = transposed ? geometry.transposedHeight(h) : geometry.convolvedHeight(h);
            long ow = transposed ? geometry.transposedWidth(wd) : geometry.convolvedWidth(wd);
            long[] xDims = {n, in, h, wd};
            long[] yDims = {n, out, oh, ow};
            long[] wDims = {out, in, geometry.kernelHeight(), geometry.kernelWidth()};
            strides = new long[]{geometry.strideHeight(), geometry.strideWidth()};
            padLeft = new long[]{geometry.padHeight(), geometry.padWidth()};
            // oneDNN wants the padding on the far side that makes the sides add up exactly (DL4J truncates):
            // the convolution's large side = (small − 1)·s + k − left − right, with small = y's side for a
            // convolution and x's for a transposed one
            long[] small = transposed ? new long[]{h, wd} : new long[]{oh, ow};
            long[] large = transposed ? new long[]{oh, ow} : new long[]{h, wd};
            padRight = new long[]{
                    (small[0] - 1) * strides[0] + wDims[2] - large[0] - padLeft[0],
                    (small[1] - 1) * strides[1] + wDims[3] - large[1] - padLeft[1]};

            plainX = OneDnn.desc(xDims, dnnl_f32, dnnl_nchw);
            plainY = OneDnn.desc(yDims, dnnl_f32, dnnl_nchw);
            plainW = OneDnn.desc(wDims, dnnl_f32, transposed ? dnnl_iohw : dnnl_oihw);
            plainB = bias ? OneDnn.desc(new long[]{out}, dnnl_f32, dnnl_x) : null;
            int read = precision == Precision.MIXED ? dnnl_bf16 : dnnl_f32;
            readX = OneDnn.desc(xDims, read, dnnl_format_tag_any);
            readY = OneDnn.desc(yDims, read, dnnl_format_tag_any);
            readW = OneDnn.desc(wDims, read, dnnl_format_tag_any);
            floatX = OneDnn.desc(xDims, dnnl_f32, dnnl_format_tag_any);
            floatY = OneDnn.desc(yDims, dnnl_f32, dnnl_format_tag_any);
            floatW = OneDnn.desc(wDims, dnnl_f32, dnnl_format_tag_any);

            dnnl_convolution_desc_t op = new dnnl_convolution_desc_t();
            OneDnn.check(transposed
                    ? dnnl_deconvolution_forward_desc_init(op, dnnl_forward_training, dnnl_deconvolution_direct, readX,
                    readW, plainB, floatY, strides, padLeft, padRight)
                    : dnnl_convolution_forward_desc_init(op, dnnl_forward_training, dnnl_convolution_direct, readX,
                    readW, plainB, floatY, strides, padLeft, padRight), "forward desc init");
            forward = handles.primitive(op, null, "forward");
            x = input(plainX, forward.desc(dnnl_query_src_md, 0), null);
            w = input(plainW, forward.desc(dnnl_query_weights_md, 0), null);
            y = new Output(plainY, forward.desc(dnnl_query_dst_md, 0));
            forward.bind(DNNL_ARG_SRC, x.memory);
            forward.bind(DNNL_ARG_WEIGHTS, w.memory);
            forward.bind(DNNL_ARG_DST, y.memory);
            b = bias ? handles.memory(plainB) : null;
            if (bias) {
                forward.bind(DNNL_ARG_BIAS, b);
            }
        }

        void forward(INDArray xArray, INDArray wArray, INDArray bArray, INDArray yArray) {
            latestX = xArray;
            latestW = wArray;
            x.fill(xArray);
            w.fill(wArray); // every forward: the weights may have changed (an optimiser step) since the last
            if (b != null) {
                OneDnn.point(b, plainB, bArray);
            }
            y.into(yArray);
            forward.run(stream);
            y.finish();
        }

        void backward(INDArray g, INDArray dxArray, INDArray dwArray, INDArray dbArray) {
            Input filled = null; // g's copy, once for both primitives where they want the same layout
            if (dxArray != null) {
                makeData();
                gData.fill(g);
                filled = gData;
                if (wData != w) {
                    wData.fill(latestW);
                }
                dx.into(dxArray);
                data.run(stream);
                dx.finish();
            }
            if (dwArray != null) {
                makeWeights();
                if (gWeights != filled) {
                    gWeights.fill(g);
                }
                if (xWeights != x) {
                    xWeights.fill(latestX);
                }
                dw.into(dwArray);
                if (db != null) {
                    OneDnn.point(db, plainB, dbArray);
                }
                weights.run(stream);
                dw.finish();
            }
        }

        private void makeData() {
            if (data != null) {
                return;
            }
            dnnl_convolution_desc_t op = new dnnl_convolution_desc_t();
            OneDnn.check(transposed
                    ? dnnl_deconvolution_backward_data_desc_init(op, dnnl_deconvolution_direct, floatX, readW, readY,
                    strides, padLeft, padRight)
                    : dnnl_convolution_backward_data_desc_init(op, dnnl_convolution_direct, floatX, readW, readY,
                    strides, padLeft, padRight), "backward data desc init");
            data = handles.primitive(op, forward, "backward data");
            wData = input(plainW, data.desc(dnnl_query_weights_md, 0), null);
            gData = input(plainY, data.desc(dnnl_query_diff_dst_md, 0), Transient.GRADIENT);
            dx = new Output(plainX, data.desc(dnnl_query_diff_src_md, 0));
            data.bind(DNNL_ARG_WEIGHTS, wData.memory);
            data.bind(DNNL_ARG_DIFF_DST, gData.memory);
            data.bind(DNNL_ARG_DIFF_SRC, dx.memory);
        }

        private void makeWeights() {
            if (weights != null) {
                return;
            }
            dnnl_convolution_desc_t op = new dnnl_convolution_desc_t();
            OneDnn.check(transposed
                    ? dnnl_deconvolution_backward_weights_desc_init(op, dnnl_deconvolution_direct, readX, floatW,
                    plainB, readY, strides, padLeft, padRight)
                    : dnnl_convolution_backward_weights_desc_init(op, dnnl_convolution_direct, readX, floatW,
                    plainB, readY, strides, padLeft, padRight), "backward weights desc init");
            weights = handles.primitive(op, forward, "backward weights");
            xWeights = input(plainX, weights.desc(dnnl_query_src_md, 0), null);
            gWeights = input(plainY, weights.desc(dnnl_query_diff_dst_md, 0), Transient.GRADIENT);
            dw = new Output(plainW, weights.desc(dnnl_query_diff_weights_md, 0));
            weights.bind(DNNL_ARG_SRC, xWeights.memory);
            weights.bind(DNNL_ARG_DIFF_DST, gWeights.memory);
            weights.bind(DNNL_ARG_DIFF_WEIGHTS, dw.memory);
            if (plainB != null) {
                if (!OneDnn.same(weights.desc(dnnl_query_diff_weights_md, 1), plainB)) {
                    throw new IllegalStateException("oneDNN chose a layout of its own for ∂L/∂b");
                }
                db = handles.memory(plainB);
                weights.bind(DNNL_ARG_DIFF_BIAS, db);
            }
        }

        /**
         * The input of {@code plain}'s array in layout {@code want}: one made before for the same array and
         * layout (the forward's x for backward-weights, g for both backward primitives), else a new one, its
         * buffer kept or, for {@code scratch}, this thread's transient buffer of that kind.
         */
        private Input input(dnnl_memory_desc_t plain, dnnl_memory_desc_t want, Transient scratch) {
            for (Input i : inputs) {
                if (i.plainDesc == plain && OneDnn.same(i.desc, want)) {
                    return i;
                }
            }
            Input i = new Input(plain, want, scratch);
            inputs.add(i);
            return i;
        }

        /**
         * A primitive's input: the plain float32 array cast and re-laid out by a reorder into the primitive's
         * memory, or read where it is when the primitive wants it as it is (then the array must keep its values
         * until the backward pass, as the layers' inputs and weights do).
         */
        private final class Input {
            final dnnl_memory_desc_t plainDesc;
            final dnnl_memory_desc_t desc;
            final dnnl_memory plain;
            final dnnl_memory memory;
            final Primitive reorder; // or null
            final Transient scratch; // null: a buffer of its own, which keeps the copy until the next fill

            Input(dnnl_memory_desc_t plainDesc, dnnl_memory_desc_t desc, Transient scratch) {
                this.plainDesc = plainDesc;
                this.desc = desc;
                plain = handles.memory(plainDesc);
                boolean direct = OneDnn.same(desc, plainDesc);
                this.scratch = direct ? null : scratch;
                memory = direct ? plain : scratch == null ? handles.memoryWithBuffer(desc) : handles.memory(desc);
                reorder = direct ? null : handles.reorder(plainDesc, plain, desc, memory);
            }

            void fill(INDArray array) {
                OneDnn.point(plain, plainDesc, array);
                if (reorder == null) {
                    return;
                }
                if (scratch != null) {
                    OneDnn.point(memory, scratch.of(OneDnn.bytes(desc)));
                }
                reorder.run(stream);
            }
        }

        /**
         * A primitive's float32 output: written straight into the layer's array where oneDNN's layout is the
         * plain one, else into this thread's transient buffer and reordered into the array.
         */
        private final class Output {
            final dnnl_memory_desc_t plainDesc;
            final dnnl_memory_desc_t desc;
            final dnnl_memory plain;
            final dnnl_memory memory;
            final Primitive reorder; // or null

            Output(dnnl_memory_desc_t plainDesc, dnnl_memory_desc_t desc) {
                this.plainDesc = plainDesc;
                this.desc = desc;
                plain = handles.memory(plainDesc);
                boolean direct = OneDnn.same(desc, plainDesc);
                memory = direct ? plain : handles.memory(desc);
                reorder = direct ? null : handles.reorder(desc, memory, plainDesc, plain);
            }

            /** Before the primitive runs: where its output goes. */
            void into(INDArray array) {
                OneDnn.point(plain, plainDesc, array);
                if (reorder != null) {
                    OneDnn.point(memory, Transient.OUTPUT.of(OneDnn.bytes(desc)));
                }
            }

            /** After it ran: the output into the array, where it was not written there directly. */
            void finish() {
                if (reorder != null) {
                    reorder.run(stream);
                }
            }
        }
    }
}
