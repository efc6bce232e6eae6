import org.bytedeco.dnnl.*;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * Spike: would the own layers be faster calling oneDNN 2.5.2 directly (org.bytedeco:dnnl:2.5.2-1.5.7, its C API),
 * with primitives created once per shape and reused, than through libnd4j M2.1's ops (conv2d, deconv2d and their
 * _bp ops, which set up their oneDNN 2.3 primitive on every call)? In float32 with plain NCHW memory, in float32 with
 * oneDNN's preferred (blocked) layouts, and in bfloat16 (bf16 src / weights / diff_dst, f32 dst / diff_src /
 * diff_weights / diff_bias, f32 accumulation), for G's and D's real layer shapes (the same as bench/Bf16Spike.java).
 *
 * Per layer and batch it times, interleaved, medians of n runs after w warm-ups:
 *   libnd4j FP32: forward (conv2d / deconv2d), backward (conv2d_bp / deconv2d_bp, both gradients), and for D's
 *     convolutions ∂L/∂x alone (deconv2d of g with W, what the library calls for G's step);
 *   per oneDNN variant (F32 plain, F32 any, BF16 plain, BF16 any): forward, backward-data, backward-weights
 *     primitives (created once, executed on kept memory), and each reorder between the layers' plain float32
 *     NCHW arrays and the primitive's memory (a cast and/or a layout change; none where the primitive takes
 *     plain f32 itself).
 * Every oneDNN result is checked against libnd4j FP32 (relative Frobenius error).
 *
 * The dnnl presets inherit from the OpenCL presets (the bundled oneDNN is built with an OpenCL GPU runtime), so
 * org.bytedeco:opencl:3.0-1.5.7 (and its linux-x86_64 jar) must be on the class path too, even on a CPU:
 *
 *   M=$HOME/.m2/repository/org/bytedeco
 *   CP="target/gan-notebooks.jar:target/lib/*:$M/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7.jar:$M/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7-linux-x86_64.jar:$M/opencl/3.0-1.5.7/opencl-3.0-1.5.7.jar:$M/opencl/3.0-1.5.7/opencl-3.0-1.5.7-linux-x86_64.jar"
 *   OMP_NUM_THREADS=2 java -cp "$CP" bench/DnnlSpike.java check 16     # errors, implementations, layouts, threads
 *   DNNL_VERBOSE=1 OMP_NUM_THREADS=2 java -cp "$CP" bench/DnnlSpike.java check 16 | grep -E '(dnnl|onednn)_verbose'
 *   OMP_NUM_THREADS=2 /work/runs/paused.sh java -cp "$CP" bench/DnnlSpike.java time 16 9 3             (≈ 25 s)
 *   OMP_NUM_THREADS=2 /work/runs/paused.sh java -cp "$CP" bench/DnnlSpike.java time 64 7 2 only=G      (≈ 45 s)
 *   OMP_NUM_THREADS=2 /work/runs/paused.sh java -cp "$CP" bench/DnnlSpike.java time 64 7 2 only=D      (≈ 15 s)
 *   ... probe 64 G.up2 BF16_ANY bwdw 8        one primitive (or reorder, e.g. "W>fwd"; "+lib": a libnd4j op between)
 * Flags: only=PREFIX (layers whose name starts with it), libscratch (oneDNN-managed scratchpad instead of one kept
 * buffer per primitive).
 *
 * Results and their reading: bench/DnnlSpike.md.
 */
public class DnnlSpike {

    record Layer(String name, boolean transposed, int cin, int cout, int k, int s, int p, int side, boolean bias) {
        int outSide() {
            return transposed ? s * (side - 1) + k - 2 * p : (side + 2 * p - k) / s + 1;
        }

        int[] iArgs() { // kernel, stride, padding, dilation 1, explicit padding, NCHW, weight format 1 (DL4J's)
            return new int[]{k, k, s, s, p, p, 1, 1, 0, 0, 1};
        }

        double gflop(int batch) {
            long small = transposed ? (long) side * side : (long) outSide() * outSide();
            return 2.0 * batch * small * cin * cout * k * k / 1e9;
        }
    }

    static final Layer[] LAYERS = {
            new Layer("G.up1", true, 128, 256, 4, 2, 1, 8, false),
            new Layer("G.up2", true, 256, 128, 4, 2, 1, 16, false),
            new Layer("G.up3", true, 128, 64, 4, 2, 1, 32, false),
            new Layer("G.to_rgb", false, 64, 3, 3, 1, 1, 64, true),
            new Layer("D.down1", false, 3, 64, 4, 2, 1, 64, true),
            new Layer("D.down2", false, 64, 128, 4, 2, 1, 32, false),
            new Layer("D.down3", false, 128, 256, 4, 2, 1, 16, false),
            new Layer("D.down4", false, 256, 512, 4, 2, 1, 8, false),
    };

    /** The oneDNN variants: input data type (src, weights, diff_dst) and whether layouts are left to oneDNN. */
    enum Variant {
        F32_PLAIN(false, false), F32_ANY(false, true), BF16_PLAIN(true, false), BF16_ANY(true, true);
        final boolean bf16, any;

        Variant(boolean bf16, boolean any) {
            this.bf16 = bf16;
            this.any = any;
        }
    }

    // ------------------------------------------------------------------------------------------ oneDNN plumbing

    /** Scratchpad kept per primitive (user mode; default) or left to oneDNN (library mode: flag "libscratch"). */
    static boolean USER_SCRATCH = true;
    static dnnl_primitive_attr ATTR;
    static dnnl_engine ENG;
    static dnnl_stream STREAM;
    static final List<Object> KEEP = new ArrayList<>(); // native objects that must outlive this run

    static void chk(int status, String what) {
        if (status != dnnl_success) throw new IllegalStateException(what + " failed: dnnl status " + status);
    }

    static void initDnnl() {
        ENG = new dnnl_engine();
        chk(dnnl_engine_create(ENG, dnnl_cpu, 0), "engine_create");
        STREAM = new dnnl_stream();
        chk(dnnl_stream_create(STREAM, ENG, dnnl_stream_default_flags), "stream_create");
        ATTR = new dnnl_primitive_attr();
        chk(dnnl_primitive_attr_create(ATTR), "attr_create");
        chk(dnnl_primitive_attr_set_scratchpad_mode(ATTR, USER_SCRATCH ? dnnl_scratchpad_mode_user
                : dnnl_scratchpad_mode_library), "set_scratchpad_mode");
    }

    /** Frees the native buffers of the layer just timed (keeps the footprint to one layer's). */
    static void releaseNative() {
        for (Object o : KEEP) {
            if (o instanceof BytePointer bp) bp.deallocate();
        }
        KEEP.clear();
    }

    static dnnl_memory_desc_t md(long[] dims, int dt, int tag) {
        dnnl_memory_desc_t m = new dnnl_memory_desc_t();
        chk(dnnl_memory_desc_init_by_tag(m, dims.length, dims, dt, tag), "memory_desc_init_by_tag");
        KEEP.add(m);
        return m;
    }

    /** A 64-byte aligned native buffer, kept for the whole run. */
    static Pointer alloc(long bytes) {
        BytePointer p = new BytePointer(bytes + 64);
        KEEP.add(p);
        long off = (64 - (p.address() & 63)) & 63;
        p.position(off);
        return p;
    }

    static dnnl_memory memory(dnnl_memory_desc_t md, Pointer data) {
        dnnl_memory m = new dnnl_memory();
        chk(dnnl_memory_create(m, md, ENG, data), "memory_create");
        KEEP.add(m);
        return m;
    }

    static dnnl_memory memory(dnnl_memory_desc_t md, INDArray a) {
        if (!a.isR() || a.ordering() != 'c' || a.isView()) throw new IllegalArgumentException("need a fresh c array");
        if (dnnl_memory_desc_get_size(md) != a.length() * a.dataType().width()) {
            throw new IllegalArgumentException("size mismatch");
        }
        return memory(md, a.data().addressPointer());
    }

    static String implName(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> pp = new PointerPointer<>(1);
        chk(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, pp), "query impl");
        return new BytePointer(pp.get(0)).getString();
    }

    /** A primitive with its arguments bound, executed synchronously. */
    static final class Prim {
        final String name;
        final dnnl_primitive_desc pd;
        final dnnl_primitive prim = new dnnl_primitive();
        final Map<Integer, dnnl_memory> args = new LinkedHashMap<>();
        dnnl_exec_arg_t argv;
        long scratch;

        Prim(String name, dnnl_primitive_desc pd) {
            this.name = name;
            this.pd = pd;
            chk(dnnl_primitive_create(prim, pd), "primitive_create " + name);
            KEEP.add(this);
            scratch = dnnl_memory_desc_get_size(query(dnnl_query_scratchpad_md));
            if (USER_SCRATCH && scratch > 0) {
                dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
                Pointer.memcpy(copy, query(dnnl_query_scratchpad_md), copy.sizeof());
                KEEP.add(copy);
                bind(DNNL_ARG_SCRATCHPAD, memory(copy, alloc(scratch)));
            }
        }

        dnnl_memory_desc_t query(int what) {
            return dnnl_primitive_desc_query_md(pd, what, 0);
        }

        void bind(int arg, dnnl_memory m) {
            args.put(arg, m);
            argv = null;
        }

        void run() {
            if (argv == null) {
                argv = new dnnl_exec_arg_t(args.size());
                int i = 0;
                for (var e : args.entrySet()) {
                    argv.position(i++).arg(e.getKey()).memory(e.getValue());
                }
                argv.position(0);
            }
            chk(dnnl_primitive_execute(prim, STREAM, args.size(), argv), "execute " + name);
            chk(dnnl_stream_wait(STREAM), "stream_wait");
        }
    }

    static Prim reorder(String name, dnnl_memory_desc_t from, dnnl_memory fromMem, dnnl_memory_desc_t to,
                        dnnl_memory toMem) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        chk(dnnl_reorder_primitive_desc_create(pd, from, ENG, to, ENG, ATTR), "reorder pd " + name);
        Prim r = new Prim(name, pd);
        r.bind(DNNL_ARG_FROM, fromMem);
        r.bind(DNNL_ARG_TO, toMem);
        return r;
    }

    static dnnl_primitive_desc pd(Pointer opDesc, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        chk(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), ATTR, ENG, hint), "pd " + what);
        KEEP.add(opDesc);
        return pd;
    }

    // -------------------------------------------------------------------------------------------- one layer

    /** FP32 arrays of one layer at one batch and the libnd4j reference results. */
    static final class Case {
        final Layer l;
        final int batch;
        INDArray x, w, b, g;
        final long[] xs, ws, ys;
        INDArray refY, refGI, refGW, refGB;

        Case(Layer l, int batch) {
            this.l = l;
            this.batch = batch;
            Nd4j.getRandom().setSeed(Objects.hash(l.name, batch));
            xs = new long[]{batch, l.cin, l.side, l.side};
            ys = new long[]{batch, l.cout, l.outSide(), l.outSide()};
            ws = l.transposed ? new long[]{l.cin, l.cout, l.k, l.k} : new long[]{l.cout, l.cin, l.k, l.k};
            x = Nd4j.randn(DataType.FLOAT, xs);
            w = Nd4j.randn(DataType.FLOAT, ws).muli(0.02);
            b = l.bias ? Nd4j.randn(DataType.FLOAT, l.cout).muli(0.1) : null;
            g = Nd4j.randn(DataType.FLOAT, ys);
        }

        Runnable libFwd() {
            INDArray[] in = b == null ? new INDArray[]{x, w} : new INDArray[]{x, w, b};
            refY = Nd4j.create(DataType.FLOAT, ys);
            return op(l.transposed ? "deconv2d" : "conv2d", in, new INDArray[]{refY});
        }

        Runnable libBp() {
            INDArray[] in = b == null ? new INDArray[]{x, w, g} : new INDArray[]{x, w, b, g};
            refGI = Nd4j.create(DataType.FLOAT, xs);
            refGW = Nd4j.create(DataType.FLOAT, ws);
            refGB = b == null ? null : Nd4j.create(DataType.FLOAT, l.cout);
            INDArray[] out = b == null ? new INDArray[]{refGI, refGW} : new INDArray[]{refGI, refGW, refGB};
            return op(l.transposed ? "deconv2d_bp" : "conv2d_bp", in, out);
        }

        /** D's ∂L/∂x alone as the library computes it: deconv2d(g, W). Output kept for its own check. */
        INDArray inOut;

        Runnable libIn() {
            inOut = Nd4j.create(DataType.FLOAT, xs);
            return op("deconv2d", new INDArray[]{g, w}, new INDArray[]{inOut});
        }

        /**
         * to_rgb's backward as the library runs it today: io.gannotebooks.layers.TapGradients (package-private, so
         * by reflection): im2col of g, one 1×1 conv2d_bp with Cout·k·k outputs, flips, and g summed for ∂L/∂b.
         */
        INDArray tapGI, tapGW, tapGB;

        Runnable libTap() {
            try {
                Class<?> cls = Class.forName("io.gannotebooks.layers.TapGradients");
                var ctor = cls.getDeclaredConstructor(io.gannotebooks.layers.Geometry.class);
                ctor.setAccessible(true);
                Object tap = ctor.newInstance(new io.gannotebooks.layers.Geometry(l.k, l.k, l.s, l.s, l.p, l.p));
                var m = cls.getDeclaredMethod("compute", INDArray.class, INDArray.class, INDArray.class, INDArray.class,
                        INDArray.class, INDArray.class);
                m.setAccessible(true);
                tapGI = Nd4j.create(DataType.FLOAT, xs);
                tapGW = Nd4j.create(DataType.FLOAT, ws);
                tapGB = Nd4j.create(DataType.FLOAT, l.cout);
                return () -> {
                    try {
                        m.invoke(tap, x, w, g, tapGI, tapGW, tapGB);
                    } catch (ReflectiveOperationException e) {
                        throw new RuntimeException(e);
                    }
                };
            } catch (ReflectiveOperationException e) {
                throw new RuntimeException(e);
            }
        }

        Runnable op(String name, INDArray[] ins, INDArray[] outs) {
            int[] ia = l.iArgs();
            return () -> Nd4j.getExecutioner().exec(DynamicCustomOp.builder(name).addInputs(ins).addOutputs(outs)
                    .addIntegerArguments(ia).build());
        }
    }

    /**
     * One oneDNN variant of one layer: the three primitives, the memories they read and write, and the reorders
     * between the plain float32 arrays (x, W, g in; y, gI, gW, gB out) and the primitives' memories.
     */
    static final class Direct {
        final Case c;
        final Variant v;
        Prim fwd, bwdd, bwdw;
        /** Reorders by tensor→primitive name, e.g. "x>fwd", "W>bwdd", "fwd>y"; absent: the primitive takes plain f32. */
        final Map<String, Prim> reorders = new LinkedHashMap<>();
        /** Which input reorders are the same conversion as another (same tensor, same memory desc): shareable. */
        final Set<String> shared = new HashSet<>();
        INDArray y, gi, gw, gb; // plain f32 outputs (for the error check)

        Direct(Case c, Variant v) {
            this.c = c;
            this.v = v;
            Layer l = c.l;
            int dtIn = v.bf16 ? dnnl_bf16 : dnnl_f32;
            int act = v.any ? dnnl_format_tag_any : dnnl_nchw;
            int wtag = v.any ? dnnl_format_tag_any : (l.transposed ? dnnl_iohw : dnnl_oihw);
            long[] wd = {l.cout, l.cin, l.k, l.k}; // oneDNN's logical weights dims: (out, in, kh, kw) for both
            long[] strides = {l.s, l.s}, pad = {l.p, l.p};
            dnnl_memory_desc_t src = md(c.xs, dtIn, act), wei = md(wd, dtIn, wtag), dst = md(c.ys, dnnl_f32, act);
            dnnl_memory_desc_t ddst = md(c.ys, dtIn, act), dsrc = md(c.xs, dnnl_f32, act), dwei = md(wd, dnnl_f32, wtag);
            dnnl_memory_desc_t bias = l.bias ? md(new long[]{l.cout}, dnnl_f32, dnnl_x) : null;
            // plain f32 descs of the arrays the neighbouring layers use
            dnnl_memory_desc_t px = md(c.xs, dnnl_f32, dnnl_nchw), py = md(c.ys, dnnl_f32, dnnl_nchw);
            dnnl_memory_desc_t pw = md(wd, dnnl_f32, l.transposed ? dnnl_iohw : dnnl_oihw);

            dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t(), bd = new dnnl_convolution_desc_t(),
                    wdsc = new dnnl_convolution_desc_t();
            if (l.transposed) {
                chk(dnnl_deconvolution_forward_desc_init(fd, dnnl_forward_training, dnnl_deconvolution_direct, src, wei,
                        bias, dst, strides, pad, pad), "deconv fwd desc");
                chk(dnnl_deconvolution_backward_data_desc_init(bd, dnnl_deconvolution_direct, dsrc, wei, ddst, strides,
                        pad, pad), "deconv bwd data desc");
                chk(dnnl_deconvolution_backward_weights_desc_init(wdsc, dnnl_deconvolution_direct, src, dwei,
                        l.bias ? md(new long[]{l.cout}, dnnl_f32, dnnl_x) : null, ddst, strides, pad, pad),
                        "deconv bwd weights desc");
            } else {
                chk(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, src, wei,
                        bias, dst, strides, pad, pad), "conv fwd desc");
                chk(dnnl_convolution_backward_data_desc_init(bd, dnnl_convolution_direct, dsrc, wei, ddst, strides, pad,
                        pad), "conv bwd data desc");
                chk(dnnl_convolution_backward_weights_desc_init(wdsc, dnnl_convolution_direct, src, dwei,
                        l.bias ? md(new long[]{l.cout}, dnnl_f32, dnnl_x) : null, ddst, strides, pad, pad),
                        "conv bwd weights desc");
            }
            dnnl_primitive_desc fpd = pd(fd, null, "fwd");
            fwd = new Prim("fwd", fpd);
            bwdd = new Prim("bwdd", pd(bd, fpd, "bwd data"));
            bwdw = new Prim("bwdw", pd(wdsc, fpd, "bwd weights"));

            y = Nd4j.create(DataType.FLOAT, c.ys);
            gi = Nd4j.create(DataType.FLOAT, c.xs);
            gw = Nd4j.create(DataType.FLOAT, c.ws);
            gb = l.bias ? Nd4j.create(DataType.FLOAT, l.cout) : null;
            dnnl_memory mx = memory(px, c.x), mw = memory(pw, c.w), mg = memory(py, c.g);
            dnnl_memory my = memory(py, y), mgi = memory(px, gi), mgw = memory(pw, gw);

            // inputs: x, W, g into each primitive that reads them; one kept buffer per distinct memory desc
            Map<String, dnnl_memory> kept = new HashMap<>();
            input("x", px, mx, fwd, dnnl_query_src_md, DNNL_ARG_SRC, kept);
            input("W", pw, mw, fwd, dnnl_query_weights_md, DNNL_ARG_WEIGHTS, kept);
            input("W", pw, mw, bwdd, dnnl_query_weights_md, DNNL_ARG_WEIGHTS, kept);
            input("g", py, mg, bwdd, dnnl_query_diff_dst_md, DNNL_ARG_DIFF_DST, kept);
            input("x", px, mx, bwdw, dnnl_query_src_md, DNNL_ARG_SRC, kept);
            input("g", py, mg, bwdw, dnnl_query_diff_dst_md, DNNL_ARG_DIFF_DST, kept);
            // outputs
            output("y", py, my, fwd, dnnl_query_dst_md, DNNL_ARG_DST);
            output("gI", px, mgi, bwdd, dnnl_query_diff_src_md, DNNL_ARG_DIFF_SRC);
            output("gW", pw, mgw, bwdw, dnnl_query_diff_weights_md, DNNL_ARG_DIFF_WEIGHTS);
            if (l.bias) {
                dnnl_memory_desc_t pb = md(new long[]{l.cout}, dnnl_f32, dnnl_x);
                fwd.bind(DNNL_ARG_BIAS, memory(pb, c.b));
                output("gB", pb, memory(pb, gb), bwdw, dnnl_query_diff_weights_md + 0, DNNL_ARG_DIFF_BIAS);
            }
        }

        private void input(String t, dnnl_memory_desc_t plain, dnnl_memory plainMem, Prim p, int query, int arg,
                           Map<String, dnnl_memory> kept) {
            dnnl_memory_desc_t want = p.query(query);
            if (dnnl_memory_desc_equal(want, plain) != 0) {
                p.bind(arg, plainMem);
                return;
            }
            String key = t + "@" + describe(want);
            String rname = t + ">" + p.name;
            dnnl_memory m = kept.get(key);
            if (m != null) { // the same conversion was done for another primitive: reuse its buffer
                shared.add(rname);
                p.bind(arg, m);
                return;
            }
            dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
            Pointer.memcpy(copy, want, copy.sizeof());
            KEEP.add(copy);
            m = memory(copy, alloc(dnnl_memory_desc_get_size(copy)));
            kept.put(key, m);
            reorders.put(rname, reorder(rname, plain, plainMem, copy, m));
            p.bind(arg, m);
        }

        private void output(String t, dnnl_memory_desc_t plain, dnnl_memory plainMem, Prim p, int query, int arg) {
            dnnl_memory_desc_t have = arg == DNNL_ARG_DIFF_BIAS ? plain : p.query(query);
            if (dnnl_memory_desc_equal(have, plain) != 0) {
                p.bind(arg, plainMem);
                return;
            }
            dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
            Pointer.memcpy(copy, have, copy.sizeof());
            KEEP.add(copy);
            dnnl_memory m = memory(copy, alloc(dnnl_memory_desc_get_size(copy)));
            String rname = p.name + ">" + t;
            reorders.put(rname, reorder(rname, copy, m, plain, plainMem));
            p.bind(arg, m);
        }

        /** Everything once, in order: input reorders, the three primitives, output reorders. */
        void runAll() {
            reorders.forEach((k, r) -> {
                if (!k.startsWith("fwd>") && !k.startsWith("bwd")) r.run();
            });
            fwd.run();
            bwdd.run();
            bwdw.run();
            reorders.forEach((k, r) -> {
                if (k.startsWith("fwd>") || k.startsWith("bwd")) r.run();
            });
        }

        double reorderMs(Map<String, Double> ms, String prefix, String... names) {
            double s = 0;
            for (String n : names) {
                if (reorders.containsKey(n)) s += ms.get(prefix + n);
            }
            return s;
        }
    }

    /** Data type and layout of a memory desc, e.g. "bf16:aBcd16b" (the layout from the blocking desc). */
    static String describe(dnnl_memory_desc_t m) {
        StringBuilder sb = new StringBuilder(m.data_type() == dnnl_bf16 ? "bf16" : m.data_type() == dnnl_f32 ? "f32" : "dt" + m.data_type());
        dnnl_blocking_desc_t b = m.format_desc_blocking();
        sb.append(":s");
        for (int i = 0; i < m.ndims(); i++) sb.append(i == 0 ? "" : ",").append(b.strides().get(i));
        sb.append(":blk");
        for (int i = 0; i < b.inner_nblks(); i++) {
            sb.append(b.inner_idxs().get(i)).append('x').append(b.inner_blks().get(i)).append(i + 1 < b.inner_nblks() ? "," : "");
        }
        return sb.toString();
    }

    static double relErr(INDArray a, INDArray ref) {
        INDArray d = a.sub(ref);
        return d.norm2Number().doubleValue() / Math.max(ref.norm2Number().doubleValue(), 1e-30);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double timeOnce(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    // ------------------------------------------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "check";
        Nd4j.create(1); // load nd4j first, as the library would
        USER_SCRATCH = !Arrays.asList(args).contains("libscratch");
        initDnnl();
        dnnl_version_t ver = dnnl_version();
        System.out.printf("oneDNN (bytedeco) v%d.%d.%d, scratchpad %s, effective ISA %d (0x%x); nd4j threads %d; OMP_NUM_THREADS=%s%n",
                ver.major(), ver.minor(), ver.patch(), USER_SCRATCH ? "user (kept per primitive)" : "library", dnnl_get_effective_cpu_isa(), dnnl_get_effective_cpu_isa(),
                Nd4j.getEnvironment().maxThreads(), System.getenv("OMP_NUM_THREADS"));
        libraries();
        switch (what) {
            case "check" -> check(args.length > 1 ? Integer.parseInt(args[1]) : 16);
            case "time" -> time(Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray(),
                    args.length > 2 ? Integer.parseInt(args[2]) : 7, args.length > 3 ? Integer.parseInt(args[3]) : 2,
                    Arrays.stream(args).filter(a -> a.startsWith("only=")).map(a -> a.substring(5)).findFirst().orElse(""));
            case "probe" -> probe(Integer.parseInt(args[1]), args[2], Variant.valueOf(args[3]), args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("check [batch] | time batches [repeats] [warmup] | probe batch layer variant pass n");
        }
    }

    /** Which OpenMP runtimes and oneDNN libraries are mapped into this process. */
    static void libraries() throws Exception {
        TreeSet<String> libs = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int i = line.indexOf('/');
            if (i < 0) continue;
            String p = line.substring(i);
            if (p.matches(".*(gomp|iomp|dnnl|nd4jcpu|tbb|openblas)[^/]*$")) libs.add(p);
        }
        System.out.println("mapped: " + String.join("\n        ", libs));
    }

    static void check(int batch) {
        for (Layer l : LAYERS) {
            Case c = new Case(l, batch);
            Runnable f = c.libFwd(), b = c.libBp();
            f.run();
            b.run();
            if (!l.transposed) {
                c.libIn().run();
                System.out.printf("%-9s libnd4j deconv2d(g,W) vs conv2d_bp gI: err %.2e%n", l.name, relErr(c.inOut, c.refGI));
            }
            if (l.name.equals("G.to_rgb")) {
                c.libTap().run();
                System.out.printf("%-9s TapGradients vs conv2d_bp: gI %.2e gW %.2e gB %.2e%n", l.name,
                        relErr(c.tapGI, c.refGI), relErr(c.tapGW, c.refGW), relErr(c.tapGB, c.refGB));
            }
            for (Variant v : Variant.values()) {
                Direct d;
                long b0 = System.nanoTime();
                try {
                    d = new Direct(c, v);
                    System.out.printf("%-9s %-10s primitives + reorders created in %.1f ms (once per shape)%n", l.name, v,
                            (System.nanoTime() - b0) / 1e6);
                } catch (RuntimeException e) {
                    System.out.printf("%-9s %-10s FAILED: %s%n", l.name, v, e.getMessage());
                    continue;
                }
                d.runAll();
                System.out.printf("%-9s %-10s err y %.2e gI %.2e gW %.2e%s%n", l.name, v, relErr(d.y, c.refY),
                        relErr(d.gi, c.refGI), relErr(d.gw, c.refGW), l.bias ? String.format(" gB %.2e", relErr(d.gb, c.refGB)) : "");
                System.out.printf("          fwd %s | bwdd %s | bwdw %s | scratchpads %.1f / %.1f / %.1f MB%n",
                        implName(d.fwd.pd), implName(d.bwdd.pd), implName(d.bwdw.pd), d.fwd.scratch / 1e6,
                        d.bwdd.scratch / 1e6, d.bwdw.scratch / 1e6);
                System.out.printf("          layouts: src %s wei %s dst %s | bwdw src %s ddst %s dwei %s | reorders %s%n",
                        describe(d.fwd.query(dnnl_query_src_md)), describe(d.fwd.query(dnnl_query_weights_md)),
                        describe(d.fwd.query(dnnl_query_dst_md)), describe(d.bwdw.query(dnnl_query_src_md)),
                        describe(d.bwdw.query(dnnl_query_diff_dst_md)), describe(d.bwdw.query(dnnl_query_diff_weights_md)),
                        d.reorders.keySet() + (d.shared.isEmpty() ? "" : " shared " + d.shared));
            }
        }
        // both cores busy? CPU time against wall time of a oneDNN primitive
        Case c = new Case(LAYERS[2], batch);
        Direct d = new Direct(c, Variant.F32_ANY);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 3; i++) d.fwd.run();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) d.bwdw.run();
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e6, wall = (System.nanoTime() - t0) / 1e6;
        System.out.printf("oneDNN G.up3 bwdw x10: wall %.1f ms, process CPU %.1f ms (%.2f cores)%n", wall, cpu, cpu / wall);
        Runnable lb = c.libBp();
        lb.run();
        cpu0 = os.getProcessCpuTime();
        t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) lb.run();
        cpu = (os.getProcessCpuTime() - cpu0) / 1e6;
        wall = (System.nanoTime() - t0) / 1e6;
        System.out.printf("libnd4j G.up3 deconv2d_bp x5: wall %.1f ms, process CPU %.1f ms (%.2f cores)%n", wall, cpu, cpu / wall);
        // interleave both libraries' OpenMP pools back to back: does alternating cost anything?
        for (int i = 0; i < 3; i++) {
            double a = timeOnce(d.bwdw::run), bb = timeOnce(lb), a2 = timeOnce(d.bwdw::run), a3 = timeOnce(d.bwdw::run);
            System.out.printf("alternating: oneDNN bwdw %.2f (after libnd4j op) %.2f %.2f ms; libnd4j bp %.2f%n", a, a2, a3, bb);
        }
        try {
            libraries();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** One primitive of one layer and variant, n times in a row, each time printed (investigating outliers). */
    static void probe(int batch, String layer, Variant v, String pass, int n) {
        Layer l = Arrays.stream(LAYERS).filter(x -> x.name.equals(layer)).findFirst().orElseThrow();
        Case c = new Case(l, batch);
        Direct d = new Direct(c, v);
        boolean withLib = pass.endsWith("+lib");
        pass = pass.replace("+lib", "");
        Runnable lib = withLib ? c.libBp() : null;
        Prim p = switch (pass) {
            case "fwd" -> d.fwd;
            case "bwdd" -> d.bwdd;
            case "bwdw" -> d.bwdw;
            default -> d.reorders.get(pass);
        };
        System.out.printf("%s %s %s b%d impl %s scratch %.1f MB%n", layer, v, pass, batch, implName(p.pd), p.scratch / 1e6);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (lib != null) sb.append(String.format("[lib %.1f] ", timeOnce(lib)));
            long cpu0 = os.getProcessCpuTime();
            double t = timeOnce(p::run);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e6;
            sb.append(String.format("%.1f(cpu %.0f) ", t, cpu));
        }
        System.out.println(sb);
    }

    // ------------------------------------------------------------------------------------------------- time

    static void time(int[] batches, int repeats, int warmup, String only) {
        System.out.printf("%d repeats after %d warm-ups, median ms, all cases of a layer interleaved%n", repeats, warmup);
        for (int batch : batches) {
            System.out.printf("%n== batch %d ==%n", batch);
            Map<String, Double> ms = new LinkedHashMap<>();
            Map<String, Direct> directs = new LinkedHashMap<>();
            for (Layer l : LAYERS) {
                if (!l.name.startsWith(only)) continue;
                Case c = new Case(l, batch);
                Map<String, Runnable> timers = new LinkedHashMap<>();
                timers.put(l.name + " lib fwd", c.libFwd());
                timers.put(l.name + " lib bp", c.libBp());
                if (!l.transposed) timers.put(l.name + " lib in", c.libIn());
                if (l.name.equals("G.to_rgb")) timers.put(l.name + " lib tap", c.libTap());
                for (Variant v : Variant.values()) {
                    Direct d = new Direct(c, v);
                    d.runAll();
                    directs.put(l.name + " " + v, d);
                    String p = l.name + " " + v + " ";
                    timers.put(p + "fwd", d.fwd::run);
                    timers.put(p + "bwdd", d.bwdd::run);
                    timers.put(p + "bwdw", d.bwdw::run);
                    d.reorders.forEach((k, r) -> timers.put(p + "R " + k, r::run));
                }
                System.gc();
                Map<String, double[]> t = new LinkedHashMap<>();
                timers.keySet().forEach(k -> t.put(k, new double[repeats]));
                for (int i = -warmup; i < repeats; i++) {
                    for (var e : timers.entrySet()) {
                        double v = timeOnce(e.getValue());
                        if (i >= 0) t.get(e.getKey())[i] = v;
                    }
                }
                t.forEach((k, v) -> ms.put(k, median(v)));
                // errors (after timing: the outputs were last written by the timed runs)
                for (Variant v : Variant.values()) {
                    Direct d = directs.get(l.name + " " + v);
                    d.runAll();
                    ms.put(l.name + " " + v + " err", Math.max(Math.max(relErr(d.y, c.refY), relErr(d.gi, c.refGI)),
                            Math.max(relErr(d.gw, c.refGW), l.bias ? relErr(d.gb, c.refGB) : 0)));
                }
                printLayer(l, batch, ms, directs);
                // drop this layer's arrays and buffers before the next one
                c.x = c.w = c.b = c.g = c.refY = c.refGI = c.refGW = c.refGB = c.inOut = c.tapGI = c.tapGW = c.tapGB = null;
                for (Variant v : Variant.values()) {
                    Direct d = directs.get(l.name + " " + v);
                    d.y = d.gi = d.gw = d.gb = null;
                }
                timers.clear();
                releaseNative();
                System.gc();
                System.out.printf("  (RSS after release: %d MB)%n", rssMb());
            }
            model(batch, ms, directs, only);
            System.out.println("@@raw " + batch + " " + ms);
        }
    }

    static String f(double v) {
        return String.format("%.2f", v);
    }

    /** Per pass: primitive ms, and with its own reorders (x/W in, y out; g/W in, gI out; x/g in, gW/gB out). */
    static double[] passes(Direct d, Map<String, Double> ms) {
        String p = d.c.l.name + " " + d.v + " ", rp = p + "R ";
        double fw = ms.get(p + "fwd"), bd = ms.get(p + "bwdd"), bw = ms.get(p + "bwdw");
        double fr = d.reorderMs(ms, rp, "x>fwd", "W>fwd", "fwd>y");
        double br = d.reorderMs(ms, rp, "g>bwdd", "W>bwdd", "bwdd>gI");
        double wr = d.reorderMs(ms, rp, "x>bwdw", "g>bwdw", "bwdw>gW", "bwdw>gB");
        return new double[]{fw, bd, bw, fr, br, wr};
    }

    static void printLayer(Layer l, int batch, Map<String, Double> ms, Map<String, Direct> directs) {
        String n = l.name;
        System.out.printf("%n%s  (%.2f GFLOP per pass)  libnd4j FP32: fwd %s  bp %s%s%s%n", n, l.gflop(batch),
                f(ms.get(n + " lib fwd")), f(ms.get(n + " lib bp")),
                l.transposed ? "" : "  in(deconv2d) " + f(ms.get(n + " lib in")),
                ms.containsKey(n + " lib tap") ? "  bp(TapGradients, what the library runs) " + f(ms.get(n + " lib tap")) : "");
        System.out.printf("  %-10s %8s %8s %8s %8s | %8s %8s %8s | %s%n", "variant", "fwd", "bwdd", "bwdw", "bwd",
                "fwd+R", "bwdd+R", "bwdw+R", "err(max of y,gI,gW,gB) / reorders ms");
        for (Variant v : Variant.values()) {
            Direct d = directs.get(n + " " + v);
            double[] q = passes(d, ms);
            StringBuilder rs = new StringBuilder();
            d.reorders.keySet().forEach(k -> rs.append(k).append(' ').append(f(ms.get(n + " " + v + " R " + k))).append("  "));
            System.out.printf("  %-10s %8s %8s %8s %8s | %8s %8s %8s | %.1e  %s%n", v, f(q[0]), f(q[1]), f(q[2]),
                    f(q[1] + q[2]), f(q[0] + q[3]), f(q[1] + q[4]), f(q[2] + q[5]), ms.get(n + " " + v + " err"), rs);
        }
    }

    /**
     * One training iteration's convolutions: G forward + backward (data and weights) once; D forward 3 times, full
     * backward (data + weights) twice, backward-data alone once. Reorders per iteration with buffers kept: x into
     * each forward (D: 3); into backward-weights only if its layout differs from the forward's (D: 2); W into the
     * forward and backward-data (twice in D: before and after its update; once for the backward-data if its
     * desc equals the forward's); g into backward-data (D: 3) and into backward-weights if different (D: 2);
     * y, gI, gW, gB back to plain each time they are produced.
     */
    static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (Exception e) {
            // ignore
        }
        return -1;
    }

    static void model(int batch, Map<String, Double> ms, Map<String, Direct> directs, String only) {
        System.out.printf("%n-- one iteration's convolutions at batch %d (ms) --%n", batch);
        String[] cols = {"libnd4j", "F32_PLAIN", "F32_ANY noR", "F32_ANY +R", "BF16_PLAIN +R", "BF16_ANY noR", "BF16_ANY +R",
                "F32 best+R", "any best+R"};
        Map<String, double[]> groups = new LinkedHashMap<>();
        System.out.printf("%-20s", "layer");
        for (String c : cols) System.out.printf(" %13s", c);
        System.out.println();
        for (Layer l : LAYERS) {
            String n = l.name;
            if (!n.startsWith(only)) continue;
            boolean isG = n.startsWith("G");
            int nf = isG ? 1 : 3, nb = isG ? 1 : 2, ni = isG ? 0 : 1;
            double[] row = new double[cols.length];
            double libBp = ms.containsKey(n + " lib tap") ? ms.get(n + " lib tap") : ms.get(n + " lib bp");
            row[0] = nf * ms.get(n + " lib fwd") + nb * libBp + ni * (isG ? 0 : ms.get(n + " lib in"));
            int col = 1;
            for (Variant v : Variant.values()) {
                Direct d = directs.get(n + " " + v);
                double[] q = passes(d, ms);
                double conv = nf * q[0] + (nb + ni) * q[1] + nb * q[2];
                String rp = n + " " + v + " R ";
                int wUses = isG ? 1 : 2;
                double r = nf * d.reorderMs(ms, rp, "x>fwd", "fwd>y")
                        + wUses * d.reorderMs(ms, rp, "W>fwd", "W>bwdd")
                        + (nb + ni) * d.reorderMs(ms, rp, "g>bwdd", "bwdd>gI")
                        + nb * d.reorderMs(ms, rp, "x>bwdw", "g>bwdw", "bwdw>gW", "bwdw>gB");
                switch (v) {
                    case F32_PLAIN -> row[col++] = conv + r;
                    case F32_ANY, BF16_ANY -> {
                        row[col++] = conv;
                        row[col++] = conv + r;
                    }
                    case BF16_PLAIN -> row[col++] = conv + r;
                }
            }
            row[7] = Math.min(row[1], row[3]); // the faster F32 variant for this layer, reorders included
            row[8] = Math.min(row[7], Math.min(row[4], row[6])); // the fastest of all four
            String grp = isG ? "G (up1-3 + to_rgb)" : "D (down1-4)";
            double[] acc = groups.computeIfAbsent(grp, k -> new double[cols.length]);
            for (int i = 0; i < cols.length; i++) acc[i] += row[i];
            System.out.printf("%-20s", n);
            for (int i = 0; i < cols.length; i++) System.out.printf(" %13.1f", row[i]);
            System.out.println();
        }
        double[] tot = new double[cols.length];
        groups.forEach((k, v) -> {
            System.out.printf("%-20s", k);
            for (int i = 0; i < cols.length; i++) {
                System.out.printf(" %13.1f", v[i]);
                tot[i] += v[i];
            }
            System.out.println();
        });
        System.out.printf("%-20s", "total");
        for (int i = 0; i < cols.length; i++) System.out.printf(" %13.1f", tot[i]);
        System.out.printf("%n%-20s", "speed-up on convs");
        for (int i = 0; i < cols.length; i++) System.out.printf(" %12.2fx", tot[0] / tot[i]);
        System.out.println();
    }
}
