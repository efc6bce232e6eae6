package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ShapesDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ShapeClassifierTest {
    @TempDir
    Path tmp;

    @Test
    void namesHeldOutShapesCorrectly() {
        ShapeClassifier classifier = TestCache.classifier();
        int[] first = IntStream.range(0, 1000).toArray();
        // the course's images (seed 1) and another seed: neither was seen in training (seed 1017)
        double course = classifier.accuracy(ShapesDataset.standard(), first);
        double other = classifier.accuracy(new ShapesDataset(99, 1000), first);
        System.out.printf("shape classifier held-out accuracy: %.4f (seed 1), %.4f (seed 99)%n", course, other);
        assertTrue(course >= 0.98, "accuracy on the course's shapes " + course);
        assertTrue(other >= 0.98, "accuracy on seed 99 " + other);
    }

    @Test
    void givesProbabilitiesAndFeaturesPerImage() {
        ShapeClassifier classifier = TestCache.classifier();
        INDArray images = new ShapesDataset(5, 70).batch(IntStream.range(0, 70).toArray()); // more than one chunk
        INDArray p = classifier.probabilities(images);
        assertArrayEquals(new long[]{70, 5}, p.shape());
        assertEquals(70, p.sumNumber().doubleValue(), 1e-3, "rows sum to 1");
        assertArrayEquals(new long[]{70, 64}, classifier.features(images).shape());
        double[][] one = classifier.vectors(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(69, 70)));
        assertArrayEquals(classifier.vectors(images)[69], one[0], 1e-5, "an image's features do not depend on its batch");
    }

    @Test
    void cachedWeightsAreReadBackAndADamagedFileIsReplaced() throws IOException {
        var recipe = new ShapeClassifierTraining(3, 4, 2, 4, 1e-3); // two steps: seconds
        var cache = new ModelCache(tmp);
        AtomicInteger trainings = new AtomicInteger();
        ComputationGraph first = cache.graph("tiny", recipe.key(), () -> {
            trainings.incrementAndGet();
            return recipe.train(null);
        }, null);
        Path file = cache.fileFor("tiny", recipe.key());
        assertTrue(Files.exists(file));
        ComputationGraph again = cache.graph("tiny", recipe.key(), () -> {
            trainings.incrementAndGet();
            return recipe.train(null);
        }, null);
        assertEquals(1, trainings.get(), "the second call reads the file");
        assertEquals(first.params(), again.params());

        Files.write(file, new byte[]{1, 2, 3});
        cache.graph("tiny", recipe.key(), () -> {
            trainings.incrementAndGet();
            return recipe.train(null);
        }, null);
        assertEquals(2, trainings.get(), "a damaged file is retrained");
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void trainingIsDeterministicAndTheKeyFollowsTheRecipe() {
        var recipe = new ShapeClassifierTraining(3, 4, 2, 4, 1e-3);
        assertEquals(recipe.train(null).params(), recipe.train(null).params());
        assertEquals(recipe.key(), new ShapeClassifierTraining(3, 4, 2, 4, 1e-3).key());
        assertNotEquals(recipe.key(), new ShapeClassifierTraining(3, 4, 3, 4, 1e-3).key());
        assertNotEquals(recipe.key(), new ShapeClassifierTraining(4, 4, 2, 4, 1e-3).key());
    }
}
