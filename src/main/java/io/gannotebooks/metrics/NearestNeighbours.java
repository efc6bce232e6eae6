package io.gannotebooks.metrics;

import io.gannotebooks.data.ImageDataset;
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

    /** Searches the first {@code candidates} images of {@code data} (all of them if larger). */
    public static NearestNeighbours search(INDArray queries, ImageDataset data, int candidates) {
        int n = (int) queries.size(0);
        long dim = queries.length() / n;
        INDArray q = queries.castTo(DataType.FLOAT).reshape(n, dim);
        INDArray qNorms = q.mul(q).sum(1);
        int total = Math.min(candidates, data.size());
        int[] best = new int[n];
        double[] bestSq = new double[n];
        java.util.Arrays.fill(bestSq, Double.POSITIVE_INFINITY);
        int chunk = 512;
        for (int start = 0; start < total; start += chunk) {
            int m = Math.min(chunk, total - start);
            INDArray c = data.batch(java.util.stream.IntStream.range(start, start + m).toArray()).reshape(m, dim);
            // |q - c|² = |q|² + |c|² − 2 q·c, for all pairs at once
            INDArray sq = q.mmul(c.transpose()).muli(-2).addiColumnVector(qNorms).addiRowVector(c.mul(c).sum(1));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double d = sq.getDouble(i, j);
                    if (d < bestSq[i]) {
                        bestSq[i] = d;
                        best[i] = start + j;
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
