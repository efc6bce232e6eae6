package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.util.Chunks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * For each generated image, the closest training image in pixel space (Euclidean distance). A generator
 * that memorised its data shows near-copies here, with distances far below those between two distinct
 * real images.
 *
 * @param indices   dataset index of each query's nearest neighbour
 * @param distances Euclidean distance to it, per query, in [-1, 1] pixel units
 */
public record NearestNeighbours(int[] indices, double[] distances) {
    /** Candidate images per matrix product: n × 512 squared distances and 512 × 12288 pixels at a time. */
    private static final int CANDIDATE_CHUNK = 512;

    /** Searches the first {@code candidates} images of {@code data} (all of them if larger). */
    public static NearestNeighbours search(INDArray queries, ImageDataset data, int candidates) {
        return search(queries, data, java.util.stream.IntStream.range(0, Math.min(candidates, data.size())).toArray());
    }

    /**
     * Searches the images of {@code data} at {@code candidates}; {@link #indices()} are dataset indices. Lets
     * a caller keep held-out images out of the search wherever they lie in the dataset.
     */
    public static NearestNeighbours search(INDArray queries, ImageDataset data, int[] candidates) {
        int n = (int) queries.size(0);
        long dim = queries.length() / n;
        INDArray q = queries.castTo(DataType.FLOAT).reshape(n, dim);
        INDArray qNorms = q.mul(q).sum(1);
        int[] best = new int[n];
        double[] bestSq = new double[n];
        java.util.Arrays.fill(bestSq, Double.POSITIVE_INFINITY);
        for (Chunks.Range r : Chunks.of(candidates.length, CANDIDATE_CHUNK)) {
            int m = r.size();
            INDArray c = data.batch(r.of(candidates)).reshape(m, dim);
            // |q - c|² = |q|² + |c|² − 2 q·c, for all pairs at once
            INDArray sq = q.mmul(c.transpose()).muli(-2).addiColumnVector(qNorms).addiRowVector(c.mul(c).sum(1));
            float[][] rows = sq.toFloatMatrix(); // one copy, rather than n·m element reads through nd4j
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double d = rows[i][j];
                    if (d < bestSq[i]) {
                        bestSq[i] = d;
                        best[i] = candidates[r.start() + j];
                    }
                }
            }
        }
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            distances[i] = Math.sqrt(Math.max(0, bestSq[i]));
        }
        return new NearestNeighbours(best, distances);
    }
}
