package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.testing.Histories;
import io.gannotebooks.testing.TinyGan;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Top-k generator updates: the schedule of k, which gradients are kept, and that only G's step changes. */
class TopKTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    @Test
    void kFallsLinearlyFromTheBatchToItsShare() {
        TopK k = new TopK(0.5, 100);
        assertEquals(16, k.kept(0, 16));
        assertEquals(12, k.kept(50, 16));
        assertEquals(8, k.kept(100, 16));
        assertEquals(8, k.kept(5000, 16));
        assertEquals(3, new TopK(0.5, 0).kept(0, 5), "⌈ν·N⌉");
        assertEquals(1, new TopK(0.01, 0).kept(0, 8), "at least one verdict");
        assertEquals(16, TopK.NONE.kept(7, 16));
        assertThrows(IllegalArgumentException.class, () -> new TopK(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TopK(0.5, -1));
    }

    @Test
    void theGradientsOfTheVerdictsDRatesLeastRealAreZeroed() {
        // 3 verdicts of 2 images each: D rates verdict 1 most real, then 2, then 0
        INDArray g = Nd4j.ones(DataType.FLOAT, 6, 1, 2, 2);
        TopK.keepMostReal(g, new double[]{0.1, 0.9, 0.5}, 2);
        assertEquals(List.of(0f, 0f, 1f, 1f, 1f, 1f),
                java.util.Arrays.stream(new int[]{0, 1, 2, 3, 4, 5}).mapToObj(i -> g.getFloat(i, 0, 0, 0)).toList());
    }

    @Test
    void topKChangesGsStepOnlyAndAShareOfOneIsTodaysStep() {
        var plain = train(TopK.NONE);
        assertEquals(plain, train(new TopK(1, 500)));
        var topK = train(new TopK(0.5, 0));
        // iteration 0: D's step is the same (G has not moved yet), G's update differs from then on
        assertEquals(plain.get(0).dReal(), topK.get(0).dReal());
        assertEquals(plain.get(0).dFakeAfter(), topK.get(0).dFakeAfter());
        assertNotEquals(plain.get(1).dFake(), topK.get(1).dFake());
        TrainingConfig config = TinyGan.config(3, 1, 8, DataType.FLOAT);
        var d = config.definition().toBuilder().topK(new TopK(0.25, 40)).build();
        assertEquals(d, RunDefinition.fromProperties(d.toProperties()));
    }

    /** The history without the clock. */
    private static List<StepResult> train(TopK k) {
        TrainingConfig tiny = TinyGan.config(3, 3, 8, DataType.FLOAT);
        var config = new TrainingConfig(tiny.definition().toBuilder().topK(k).build(), tiny.schedule());
        return Histories.withoutClock(new GanTrainer(config, TinyGan.bars(64, 1)).train());
    }
}
