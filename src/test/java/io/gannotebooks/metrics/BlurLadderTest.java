package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.GaussianBlur;
import io.gannotebooks.data.ShapesDataset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The yardstick of sharpness: the same real images, softer at each rung, read further from the data. */
class BlurLadderTest {
    static final int N = 300;

    @Test
    void unblurredIsTheRealVsRealColumnAndEveryMeasureWorsensWithTheBlur() {
        Evaluator evaluator = Evaluator.with(ShapesDataset.standard(), TestCache.classifier(), N);
        List<BlurLadder.Rung> rungs = BlurLadder.measure(evaluator, 0, 1, 2);
        Evaluation sharp = rungs.get(0).evaluation();
        for (String key : List.of("fd", "precision", "recall", "confident")) {
            assertEquals(sharp.measure(key).realVsReal(), sharp.value(key), 1e-9, key);
        }
        Evaluation one = rungs.get(1).evaluation();
        Evaluation two = rungs.get(2).evaluation();
        assertTrue(sharp.value("fd") < one.value("fd") && one.value("fd") < two.value("fd"), rungs.toString());
        assertTrue(two.value("fd") > 20 * sharp.value("fd"), rungs.toString());
        assertTrue(two.value("recall") < one.value("recall") && one.value("recall") < sharp.value("recall"),
                rungs.toString());
        assertTrue(two.value("confident") < sharp.value("confident") - 0.15, rungs.toString());
        assertEquals(List.of("real, blurred by σ = 0.0 px", "real, blurred by σ = 1.0 px", "real, blurred by σ = 2.0 px"),
                rungs.stream().map(BlurLadder.Rung::label).toList());
        var table = BlurLadder.table(rungs);
        assertEquals(3, table.rowCount());
        assertTrue(table.columnNames().contains("confident"), table.columnNames().toString());
        assertEquals(5, table.doubleColumn("classes with half their share (of 5)").getDouble(0)); // real: every class
    }

    @Test
    void theImagesAreTheSecondRealSetAtEachSigmaInBlocks() {
        Evaluator evaluator = Evaluator.with(ShapesDataset.standard(), TestCache.classifier(), 20);
        INDArray images = BlurLadder.images(evaluator, 4, 0, 1.5);
        assertEquals(List.of(8L, 3L, 64L, 64L), Arrays.stream(images.shape()).boxed().toList());
        INDArray real = ShapesDataset.standard().batch(Arrays.copyOf(evaluator.referenceSets().secondReal(), 4));
        assertEquals(real, images.get(NDArrayIndex.interval(0, 4)));
        assertEquals(GaussianBlur.apply(real, 1.5), images.get(NDArrayIndex.interval(4, 8)));
    }
}
