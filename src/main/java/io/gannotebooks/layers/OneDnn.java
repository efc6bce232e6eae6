package io.gannotebooks.layers;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pieces of oneDNN 2.5.2's C API (the JavaCPP presets {@code org.bytedeco:dnnl}) that
 * {@link OneDnnConvolution} needs: the CPU engine, status checks, memory descriptors, memories over nd4j arrays
 * or buffers, and primitives with their arguments bound once.
 *
 * <p>The C API's handles are opaque pointers that JavaCPP cannot free: every one made here belongs to a
 * {@link Handles}, whose {@code close()} destroys them, newest first. Every memory's data pointer is set again
 * before each run ({@link #point}), so a memory made once per shape can read or write whichever nd4j array or
 * buffer the pass has at hand.
 */
final class OneDnn {
    private OneDnn() {
    }

    /** The CPU engine and the attributes of every primitive, made on first use. */
    private static final class Shared {
        static final dnnl_engine ENGINE = new dnnl_engine();
        static final dnnl_primitive_attr USER_SCRATCHPAD = new dnnl_primitive_attr();

        static {
            // nd4j's native library first: the OpenMP runtime it brings (libgomp) is then the one oneDNN runs
            // on too, one thread pool for both. Loaded the other way round, the dnnl jar's copy would serve both.
            Nd4j.getExecutioner();
            check(dnnl_engine_create(ENGINE, dnnl_cpu, 0), "engine_create");
            check(dnnl_primitive_attr_create(USER_SCRATCHPAD), "primitive_attr_create");
            // a scratchpad buffer we keep per primitive, instead of oneDNN allocating one on every run
            check(dnnl_primitive_attr_set_scratchpad_mode(USER_SCRATCHPAD, dnnl_scratchpad_mode_user),
                    "set_scratchpad_mode");
        }
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A memory descriptor of {@code dims} (oneDNN's logical order), {@code type} and layout {@code tag}. */
    static dnnl_memory_desc_t desc(long[] dims, int type, int tag) {
        dnnl_memory_desc_t d = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(d, dims.length, dims, type, tag), "memory_desc_init_by_tag");
        return d;
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    static long bytes(dnnl_memory_desc_t d) {
        return dnnl_memory_desc_get_size(d);
    }

    /**
     * Points {@code memory} at {@code array}'s elements: float32, row-major without gaps (a view into a flat
     * parameter vector qualifies; nd4j's address of a view already includes its offset), of the memory's size.
     */
    static void point(dnnl_memory memory, dnnl_memory_desc_t plain, INDArray array) {
        if (array.dataType() != DataType.FLOAT || !rowMajorWithoutGaps(array)
                || bytes(plain) != array.length() * Float.BYTES) {
            throw new IllegalArgumentException("oneDNN reads and writes plain float32 arrays of its size, not "
                    + array.shapeInfoToString().replace('\n', ' '));
        }
        point(memory, array.data().addressPointer());
    }

    /** Strides of a row-major array without gaps (axes of size 1 aside: nd4j gives a vector view 'f' order). */
    private static boolean rowMajorWithoutGaps(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    static void point(dnnl_memory memory, Pointer data) {
        check(dnnl_memory_set_data_handle(memory, data), "memory_set_data_handle");
    }

    /** A 64-byte aligned native buffer of {@code bytes}, freed when {@code owner} closes. */
    static Pointer buffer(Handles owner, long bytes) {
        BytePointer b = new BytePointer(bytes + 64);
        owner.onClose(b::deallocate);
        return b.position((64 - (b.address() & 63)) & 63);
    }

    /**
     * Buffers for what lives only within one pass of one layer: an upstream gradient's bfloat16 copy, and an
     * output in oneDNN's layout before its reorder into the plain array. One of each per thread, grown to the
     * largest any layer asks for and shared by all layers, instead of one per layer: at batch 64 that is
     * ≈ 300 MB less resident memory, which this kind of VM answers with a slower everything.
     */
    enum Transient {
        GRADIENT, OUTPUT;

        private static final ThreadLocal<BytePointer[]> BUFFERS = ThreadLocal.withInitial(
                () -> new BytePointer[values().length]);

        /** This thread's buffer of this kind, of at least {@code bytes}, 64-byte aligned; valid until the next call. */
        Pointer of(long bytes) {
            BytePointer[] mine = BUFFERS.get();
            BytePointer b = mine[ordinal()];
            if (b == null || b.capacity() < bytes + 64) {
                if (b != null) {
                    b.deallocate();
                }
                b = mine[ordinal()] = new BytePointer(bytes + 64);
            }
            return new BytePointer(b).position((64 - (b.address() & 63)) & 63);
        }
    }

    /**
     * Native handles destroyed together: a layer's primitives and memories for one input shape, which a new
     * shape replaces. Destroyed newest first, so a primitive goes before the memories and buffers it uses.
     */
    static final class Handles implements AutoCloseable {
        private final Deque<Runnable> destroy = new ArrayDeque<>();

        void onClose(Runnable r) {
            destroy.push(r);
        }

        /** A memory of {@code desc} with no data yet ({@link #point} gives it some before each run). */
        dnnl_memory memory(dnnl_memory_desc_t desc) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, desc, Shared.ENGINE, null), "memory_create");
            onClose(() -> dnnl_memory_destroy(m));
            return m;
        }

        /** A memory of {@code desc} over a buffer of its own, kept with it. */
        dnnl_memory memoryWithBuffer(dnnl_memory_desc_t desc) {
            Pointer data = buffer(this, bytes(desc));
            dnnl_memory m = memory(desc);
            point(m, data);
            return m;
        }

        dnnl_stream stream() {
            dnnl_stream s = new dnnl_stream();
            check(dnnl_stream_create(s, Shared.ENGINE, dnnl_stream_default_flags), "stream_create");
            onClose(() -> dnnl_stream_destroy(s));
            return s;
        }

        /** The primitive of an operation descriptor (a convolution's), with the forward one as hint for a backward. */
        Primitive primitive(Pointer operation, Primitive hint, String what) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(operation), Shared.USER_SCRATCHPAD,
                    Shared.ENGINE, hint == null ? null : hint.pd), what + " primitive_desc_create");
            return new Primitive(this, pd, what);
        }

        /** A reorder from memory of {@code from} to memory of {@code to}: a layout change and/or a cast. */
        Primitive reorder(dnnl_memory_desc_t from, dnnl_memory from_, dnnl_memory_desc_t to, dnnl_memory to_) {
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            check(dnnl_reorder_primitive_desc_create(pd, from, Shared.ENGINE, to, Shared.ENGINE,
                    Shared.USER_SCRATCHPAD), "reorder_primitive_desc_create");
            Primitive r = new Primitive(this, pd, "reorder");
            r.bind(DNNL_ARG_FROM, from_);
            r.bind(DNNL_ARG_TO, to_);
            return r;
        }

        @Override
        public void close() {
            while (!destroy.isEmpty()) {
                destroy.pop().run();
            }
        }
    }

    /** What a layer makes per input shape: its native handles, destroyed together. */
    interface Plan {
        Handles handles();
    }

    /**
     * A layer's plan for its latest input shape; {@code run()} destroys it, which a new shape does before making
     * the next and a {@link java.lang.ref.Cleaner} does for a layer nobody holds (so this must not hold the layer).
     */
    static final class Latest<P extends Plan> implements Runnable {
        P plan;

        @Override
        public void run() {
            if (plan != null) {
                plan.handles().close();
                plan = null;
            }
        }
    }

    /** A primitive, its descriptor (the hint for backward ones) and its arguments, bound once. */
    static final class Primitive {
        private final String what;
        private final dnnl_primitive_desc pd;
        private final dnnl_primitive primitive = new dnnl_primitive();
        private final Map<Integer, dnnl_memory> arguments = new TreeMap<>();
        private dnnl_exec_arg_t packed;

        private Primitive(Handles owner, dnnl_primitive_desc pd, String what) {
            this.what = what;
            this.pd = pd;
            owner.onClose(() -> dnnl_primitive_desc_destroy(pd));
            check(dnnl_primitive_create(primitive, pd), what + " primitive_create");
            owner.onClose(() -> dnnl_primitive_destroy(primitive));
            dnnl_memory_desc_t scratchpad = desc(dnnl_query_scratchpad_md, 0);
            if (bytes(scratchpad) > 0) {
                bind(DNNL_ARG_SCRATCHPAD, owner.memoryWithBuffer(scratchpad));
            }
        }

        /**
         * A copy of the memory descriptor that this primitive asks for ({@code query}: dnnl_query_src_md, ...;
         * {@code index} 1 for a bias among the weights): oneDNN's own lives inside the primitive descriptor.
         */
        dnnl_memory_desc_t desc(int query, int index) {
            dnnl_memory_desc_t inside = dnnl_primitive_desc_query_md(pd, query, index);
            dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
            Pointer.memcpy(copy, inside, copy.sizeof());
            return copy;
        }

        void bind(int argument, dnnl_memory memory) {
            arguments.put(argument, memory);
            packed = null;
        }

        /** Runs to completion on {@code stream}. */
        void run(dnnl_stream stream) {
            if (packed == null) {
                packed = new dnnl_exec_arg_t(arguments.size());
                int i = 0;
                for (var a : arguments.entrySet()) {
                    packed.position(i++).arg(a.getKey()).memory(a.getValue());
                }
                packed.position(0);
            }
            check(dnnl_primitive_execute(primitive, stream, arguments.size(), packed), what + " execute");
            check(dnnl_stream_wait(stream), what + " stream_wait");
        }
    }
}
