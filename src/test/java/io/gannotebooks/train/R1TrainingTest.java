package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.Dl4jLayers;
import io.gannotebooks.testing.Histories;
import io.gannotebooks.testing.TinyGan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** R1 in the training step: off is today's step, on moves D, lazily on every K-th step; old files read as off. */
class R1TrainingTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static TrainingConfig config(R1Penalty r1, long iterations) {
        TrainingConfig tiny = TinyGan.config(3, iterations, 8, DataType.FLOAT);
        RunDefinition d = tiny.definition().toBuilder().dBatchNorm(false)
                .r1(r1.gamma(), r1.every()).build();
        return new TrainingConfig(d, tiny.schedule());
    }

    private static List<StepResult> train(R1Penalty r1, long iterations) {
        return Histories.withoutClock(new GanTrainer(config(r1, iterations), TinyGan.bars(64, 1)).train());
    }

    @Test
    void gammaZeroIsTodaysStepBitForBit() {
        List<StepResult> none = train(R1Penalty.NONE, 6);
        assertEquals(none, train(new R1Penalty(0, 4), 6));
        assertTrue(none.stream().allMatch(r -> r.r1() == 0));
    }

    @Test
    void thePenaltyMovesDAndALazyOneActsOnEveryKthStepWithKTimesTheWeight() {
        List<StepResult> none = train(R1Penalty.NONE, 4);
        List<StepResult> every = train(new R1Penalty(20, 1), 4);
        List<StepResult> lazy = train(new R1Penalty(10, 2), 4);
        // iteration 0: D's step of both penalised runs uses the weight 20; G's step then sees the same D
        assertEquals(every.get(0).dFakeAfter(), lazy.get(0).dFakeAfter());
        assertNotEquals(none.get(0).dFakeAfter(), every.get(0).dFakeAfter(), "R1 did not change D's update");
        assertEquals(none.get(0).dReal(), every.get(0).dReal(), "the penalty must not touch D before its update");
        // the value reported is (γ/2) mean ‖∇ₓ logit‖²: γ 20 against γ 10 on the same D at iteration 0
        assertEquals(every.get(0).r1(), 2 * lazy.get(0).r1(), 1e-6 * every.get(0).r1());
        assertEquals(lazy.get(0).r1(), lazy.get(1).r1(), "no penalty at iteration 1: the last value stays");
    }

    @Test
    void batchNormAndR1AreRefusedInOneSentence() {
        RunDefinition withBn = TinyGan.config(3, 1, 8, DataType.FLOAT).definition();
        var e = assertThrows(IllegalArgumentException.class, () -> withBn.toBuilder().r1(1, 1).build());
        assertTrue(e.getMessage().contains("--d-norm none"), e.getMessage());
        TrainingConfig onDl4j = config(new R1Penalty(1, 1), 1);
        RunDefinition run = onDl4j.definition();
        var dl4j = assertThrows(IllegalArgumentException.class, () -> new GanTrainer(onDl4j, TinyGan.bars(8, 1),
                Dl4jLayers.generator(run.generator(), run.generatorSettings()),
                Dl4jLayers.discriminator(run.discriminator(), run.discriminatorSettings()), new TrainingHistory(), 0));
        assertTrue(dl4j.getMessage().contains("R1 is computed on the library's own layers"), dl4j.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new R1Penalty(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new R1Penalty(1, 0));
    }

    @Test
    void definitionsAndHistoriesFromBeforeR1ReadAsNoPenalty(@TempDir Path dir) throws Exception {
        RunDefinition d = config(new R1Penalty(2, 4), 1).definition();
        var p = d.toProperties();
        assertEquals(d, RunDefinition.fromProperties(p));
        p.remove("discriminator.r1_gamma");
        p.remove("discriminator.r1_every");
        assertEquals(R1Penalty.NONE, RunDefinition.fromProperties(p).r1());

        Path old = Files.writeString(dir.resolve("history.csv"), TrainingHistory.HEADER_BEFORE_R1 + "\n"
                + "0,0,1.38,0.82,0.49,0.49,0.43,1.15\n");
        StepResult row = TrainingHistory.read(old).row(0);
        assertEquals(0, row.r1());
        assertEquals(1.15, row.seconds());
        assertEquals(0.43, row.dFakeAfter());
    }
}
