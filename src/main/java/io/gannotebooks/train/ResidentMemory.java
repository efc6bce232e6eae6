package io.gannotebooks.train;

import io.gannotebooks.layers.LayerClock;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/**
 * Keeps a training process's resident memory bounded. nd4j returns off-heap memory only when the Java GC
 * finds the arrays unreachable, and with a small heap the GC rarely runs: resident memory climbed by
 * gigabytes when DL4J's layers allocated their activations and errors anew every iteration (≈7 MB per image
 * of the batch). So {@link #afterIteration} collects whenever the process's resident memory (JavaCPP reads
 * it from the OS; nd4j's buffers are not in JavaCPP's own count) has grown by {@link #GARBAGE_ALLOWANCE}
 * since the lowest it was after the last collection: every iteration or two on DL4J's layers, every few
 * dozen on the library's own, which allocate their buffers once (a collection costs 10–20 ms, 4 % of an
 * iteration at batch 16).
 */
public final class ResidentMemory {
    /** Resident bytes that garbage may add before {@link #afterIteration} collects. */
    public static final long GARBAGE_ALLOWANCE = 64L << 20;

    private final LongSupplier resident;
    private final Runnable collect;
    private long floor = Long.MAX_VALUE; // the fewest resident bytes seen since the last collection

    /** The process's resident bytes as the OS reports them, collected by the Java GC (timed as "GC"). */
    public ResidentMemory() {
        this(Pointer::physicalBytes, () -> LayerClock.time("GC", () -> {
            System.gc();
            return null;
        }));
    }

    ResidentMemory(LongSupplier resident, Runnable collect) {
        this.resident = resident;
        this.collect = collect;
    }

    /** Collects garbage if resident memory has grown by {@link #GARBAGE_ALLOWANCE} since its last low. */
    public void afterIteration() {
        long now = resident.getAsLong();
        floor = Math.min(floor, now);
        if (now - floor < GARBAGE_ALLOWANCE) {
            return;
        }
        collect.run();
        floor = resident.getAsLong();
    }
}
