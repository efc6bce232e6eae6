package io.gannotebooks.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies of a network's flat parameter gradient that stay valid until the network's next update, then are
 * reused. D's step keeps two or three of them at once (the real batch's, the generated batch's, R1's), each
 * as large as D's parameters (11 MB for the design note's D); allocating them afresh every iteration left 22 MB
 * of off-heap garbage per batch-16 step, which made {@code ResidentMemory} run a full collection every third
 * iteration (≈ 9 ms a step on the Zen 4 VM) and made the kernel zero 22 MB of fresh pages.
 */
final class GradientCopies {
    /** Copies kept for reuse at most: passes without updates (a probe, a notebook's loop) leave the rest to the GC. */
    private static final int KEPT = 4;

    private final Deque<INDArray> free = new ArrayDeque<>();
    private final List<INDArray> lent = new ArrayList<>();

    /** A copy of {@code gradient} that no later pass overwrites before {@link #recycle}. */
    INDArray copyOf(INDArray gradient) {
        INDArray copy = free.poll();
        if (copy == null || copy.length() != gradient.length() || copy.dataType() != gradient.dataType()) {
            copy = gradient.dup();
        } else {
            copy.assign(gradient);
        }
        if (lent.size() == KEPT) {
            lent.remove(0); // the oldest becomes ordinary garbage, as every copy was before
        }
        lent.add(copy);
        return copy;
    }

    /** The update has read the copies handed out since the last one: they may be written over from now on. */
    void recycle() {
        free.addAll(lent);
        lent.clear();
    }
}
