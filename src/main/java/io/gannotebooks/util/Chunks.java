package io.gannotebooks.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Work over many images in chunks of a fixed size: the one place where a pass is cut up. A chunk bounds
 * the memory one forward pass takes (activations grow with the batch, the weights do not). Each caller
 * names its size and why. Cutting is exact: a chunk's rows are those of the whole, its results land
 * where they belong, so results depend on the size only where a caller makes it so (the evaluator draws
 * its noise per chunk).
 *
 * <pre>{@code
 * INDArray images = Chunks.map(z, 16, generator::output);     // [n, 100] -> [n, 3, 64, 64]
 * for (Chunks.Range r : Chunks.of(n, 100)) { ... r.index(), r.start(), r.end() ... }
 * }</pre>
 */
public final class Chunks {
    private Chunks() {
    }

    /**
     * Positions [start, end) of a walk over [0, n), the {@code index}-th range of it (counted from 0).
     */
    public record Range(int index, int start, int end) {
        /** end − start: {@code size} of the walk, or fewer for the last range. */
        public int size() {
            return end - start;
        }

        /** These rows of {@code rows} [n, ...], as a view. */
        public INDArray of(INDArray rows) {
            return rows.get(NDArrayIndex.interval(start, end));
        }

        /** These entries of {@code items}, as a copy. */
        public int[] of(int[] items) {
            return Arrays.copyOfRange(items, start, end);
        }
    }

    /** [0, n) as consecutive ranges of {@code size}, the last one shorter when size does not divide n. */
    public static List<Range> of(long n, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot cut " + n + " items into chunks");
        }
        List<Range> ranges = new ArrayList<>();
        for (int start = 0, index = 0; start < n; start += size, index++) {
            ranges.add(new Range(index, start, (int) Math.min(n, (long) start + size)));
        }
        return ranges;
    }

    /**
     * {@code f} applied to the rows of {@code rows} [n, ...], {@code size} rows at a time; the results,
     * [size, ...] each, stacked in order into [n, ...]. One chunk's result is returned as {@code f} gave it.
     */
    public static INDArray map(INDArray rows, int size, UnaryOperator<INDArray> f) {
        long n = rows.size(0);
        return n <= size ? f.apply(rows) : stack(n, size, r -> f.apply(r.of(rows)));
    }

    /**
     * {@code f} applied to {@code items} (dataset indices, say), {@code size} at a time; the results,
     * [size, ...] each, stacked in order into [items.length, ...].
     */
    public static INDArray map(int[] items, int size, Function<int[], INDArray> f) {
        return items.length <= size ? f.apply(items) : stack(items.length, size, r -> f.apply(r.of(items)));
    }

    /** Each chunk's result copied into its rows as soon as it is made, before the next chunk can reuse memory. */
    private static INDArray stack(long n, int size, Function<Range, INDArray> f) {
        INDArray out = null;
        for (Range r : of(n, size)) {
            INDArray part = f.apply(r);
            if (out == null) {
                long[] shape = part.shape().clone();
                shape[0] = n;
                out = Nd4j.create(part.dataType(), shape);
            }
            if (part.size(0) != r.size()) {
                throw new IllegalStateException("a chunk of " + r.size() + " rows gave " + part.size(0));
            }
            r.of(out).assign(part);
        }
        return out;
    }
}
