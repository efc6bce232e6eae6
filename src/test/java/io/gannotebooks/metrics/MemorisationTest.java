package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ShapesDataset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MemorisationTest {
    static final ShapesDataset DATA = new ShapesDataset(5, 1000);
    static final int[] TRAINING = IntStream.range(0, 400).toArray();
    static final INDArray HELD_OUT = DATA.batch(IntStream.range(900, 960).toArray());

    @Test
    void slightlyNoisyCopiesOfTrainingImagesAreCaught() {
        INDArray copies = DATA.batch(IntStream.range(0, 60).toArray());
        copies.addi(Nd4j.rand(copies.dataType(), copies.shape()).subi(0.5).muli(0.02));
        Memorisation m = Memorisation.measure(copies, HELD_OUT, DATA, TRAINING);
        assertTrue(m.medianRatio() < 0.1, "ratio " + m.medianRatio());
        assertEquals(1, m.copyShare(), 1e-12);
    }

    @Test
    void freshImagesLookLikeHeldOutOnes() {
        INDArray fresh = new ShapesDataset(6, 60).batch(IntStream.range(0, 60).toArray());
        Memorisation m = Memorisation.measure(fresh, HELD_OUT, DATA, TRAINING);
        System.out.printf("fresh images: nearest-distance ratio %.3f, copy share %.3f%n", m.medianRatio(), m.copyShare());
        assertEquals(1, m.medianRatio(), 0.2);
        assertTrue(m.copyShare() < 0.2, "copy share " + m.copyShare());
    }

    @Test
    void nearestNeighboursReportDatasetIndices() {
        int[] candidates = {700, 3, 512};
        INDArray queries = DATA.batch(512, 3);
        var nn = NearestNeighbours.search(queries, DATA, candidates);
        assertEquals(512, nn.indices()[0]);
        assertEquals(3, nn.indices()[1]);
        // |q|² + |c|² − 2 q·c in float: about 0.3 of rounding next to distances of 30 to 60 between images
        assertEquals(0, nn.distances()[0], 1);
    }
}
