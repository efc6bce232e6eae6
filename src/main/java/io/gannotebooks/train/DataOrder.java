package io.gannotebooks.train;

import io.gannotebooks.util.Streams;

/**
 * Which images each iteration trains on: epoch by epoch, a fresh permutation of the dataset, cut into
 * consecutive batches; a batch that would cross the end of an epoch is filled from the next one.
 * Position is a pure function of (seed, iteration), so resuming needs nothing else.
 */
public final class DataOrder {
    private final long seed;
    private final int datasetSize;
    private final int batchSize;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    public DataOrder(long seed, int datasetSize, int batchSize) {
        if (datasetSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("dataset and batch sizes must be positive");
        }
        this.seed = seed;
        this.datasetSize = datasetSize;
        this.batchSize = batchSize;
    }

    /** Images of the given 0-based iteration. */
    public int[] batch(long iteration) {
        int[] out = new int[batchSize];
        long first = iteration * batchSize;
        long epoch = -1;
        int[] permutation = null;
        for (int k = 0; k < batchSize; k++) {
            long global = first + k;
            long e = global / datasetSize;
            if (e != epoch) {
                epoch = e;
                permutation = permutation(e);
            }
            out[k] = permutation[(int) (global % datasetSize)];
        }
        return out;
    }

    /** 0-based epoch that the given iteration's first image belongs to. */
    public long epoch(long iteration) {
        return iteration * batchSize / datasetSize;
    }

    private int[] permutation(long epoch) {
        if (epoch == cachedEpoch) {
            return cachedPermutation;
        }
        int[] p = new int[datasetSize];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        Streams.of(seed, Streams.DATA_ORDER, epoch).shuffle(p);
        cachedEpoch = epoch;
        cachedPermutation = p;
        return p;
    }
}
