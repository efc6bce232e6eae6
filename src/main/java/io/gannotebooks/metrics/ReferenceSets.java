package io.gannotebooks.metrics;

import io.gannotebooks.data.DatasetException;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.util.Streams;
import java.util.Arrays;

/**
 * Which real images an evaluation uses, drawn at random but reproducibly from the dataset:
 * <ul>
 *   <li>the <b>reference</b>: generated images are compared with these;</li>
 *   <li>the <b>second real set</b>, of the same size and disjoint from it: compared with the reference in the
 *       same way, it gives the score of a perfect generator at this sample size. Every measure here is
 *       biased or noisy at finite sizes, so this baseline, not 0 or 1, is the target;</li>
 *   <li>the <b>training candidates</b> for the memorisation search: every image but the second set (which
 *       plays the held-out real images), up to a cap that bounds the search's time.</li>
 * </ul>
 */
public record ReferenceSets(int[] reference, int[] secondReal, int[] trainingCandidates) {
    /** The fewest real images per set that the k-NN measures (k = 3) and a covariance can work with. */
    public static final int MIN_SIZE = 10;

    /** Two sets of {@code size} images each (fewer if the dataset has fewer than 2 · size). */
    public static ReferenceSets draw(ImageDataset data, int size, int maxCandidates, long seed) {
        int perSet = Math.min(size, data.size() / 2);
        if (perSet < MIN_SIZE) {
            throw new DatasetException("'" + data.name() + "' has " + data.size() + " images; an evaluation needs "
                    + "at least " + 2 * MIN_SIZE + " (two real sets of " + MIN_SIZE + ")");
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Streams.of(seed, Streams.REFERENCE_SETS, 0).shuffle(order);
        int[] reference = Arrays.copyOfRange(order, 0, perSet);
        int[] second = Arrays.copyOfRange(order, perSet, 2 * perSet);
        int[] rest = Arrays.copyOfRange(order, 2 * perSet, order.length);
        int[] candidates = new int[Math.min(maxCandidates, perSet + rest.length)];
        int fromReference = Math.min(perSet, candidates.length);
        System.arraycopy(reference, 0, candidates, 0, fromReference);
        System.arraycopy(rest, 0, candidates, fromReference, candidates.length - fromReference);
        return new ReferenceSets(reference, second, candidates);
    }

    public int size() {
        return reference.length;
    }
}
