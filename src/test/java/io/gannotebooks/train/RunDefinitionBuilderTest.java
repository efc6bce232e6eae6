package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.layers.Precision;
import io.gannotebooks.model.AdamSettings;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.GeneratorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The recipe as one object: its presets, one-line changes, and a check that runs once, at build(). */
class RunDefinitionBuilderTest {
    @Test
    void theRecipeIsTheDesignNotesNetworksWithAdamWithoutMomentum() {
        RunDefinition r = RunDefinition.recipe().build();
        assertEquals(GeneratorSpec.designNote(), r.generator());
        assertEquals(DiscriminatorSpec.dcgan(), r.discriminator());
        assertEquals(AdamSettings.NO_MOMENTUM, r.optimiser());
        assertEquals(AdamSettings.NO_MOMENTUM, r.dOptimiser());
        assertEquals(16, r.batchSize());
        assertEquals(1, r.seed());
        assertEquals(DataType.FLOAT, r.dataType());
        assertEquals(R1Penalty.NONE, r.r1());
        assertEquals(TopK.NONE, r.topK());
        assertEquals(Precision.FP32, r.precision());
        assertEquals(AdamSettings.DCGAN, RunDefinition.dcgan().build().optimiser());
    }

    @Test
    void aLeverIsOneCallAndTheRestStaysAsItWas() {
        RunDefinition base = RunDefinition.recipe().seed(7).batchSize(32).build();
        RunDefinition r1 = base.toBuilder().dBatchNorm(false).r1(1, 4).dLearningRate(4e-4).build();
        assertEquals(new R1Penalty(1, 4), r1.r1());
        assertEquals(4e-4, r1.dOptimiser().learningRate());
        assertEquals(base.optimiser(), r1.optimiser(), "G's optimiser untouched");
        assertEquals(List.of("discriminator.batch_norm: true before, false after",
                        "discriminator.learning_rate: 2.0E-4 before, 4.0E-4 after",
                        "discriminator.r1_every: 1 before, 4 after",
                        "discriminator.r1_gamma: 0.0 before, 1.0 after"),
                base.differences(r1, "before", "after"));
        assertEquals(base, base.toBuilder().build(), "a builder from a definition builds the same definition");
        RunDefinition.Builder scratch = base.toBuilder();
        scratch.seed(8);
        assertNotEquals(scratch.build(), base.toBuilder().build(), "each toBuilder() is a fresh scratch pad");
    }

    @Test
    void settingsThatDoNotFitTogetherAreRefusedAtBuild() {
        var b = RunDefinition.recipe().r1(10); // D still has batch norm: fine until built
        var e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("--d-norm none"), e.getMessage());
        var smallD = RunDefinition.recipe().discriminator(new DiscriminatorSpec(32, 3, List.of(64, 128)));
        e = assertThrows(IllegalArgumentException.class, smallD::build);
        assertTrue(e.getMessage().contains("generator draws 64px images but the discriminator reads 32px"), e.getMessage());
        var mixedDouble = RunDefinition.recipe().precision(Precision.MIXED).dataType(DataType.DOUBLE);
        e = assertThrows(IllegalArgumentException.class, mixedDouble::build);
        assertEquals("mixed precision trains FLOAT weights, not DOUBLE", e.getMessage());
    }

    @Test
    void precisionIsStoredAndOlderCheckpointsReadAsFp32() {
        RunDefinition mixed = RunDefinition.recipe().precision(Precision.MIXED).build();
        var p = mixed.toProperties();
        assertEquals("mixed", p.getProperty("precision"));
        assertEquals(mixed, RunDefinition.fromProperties(p));
        p.remove("precision"); // a checkpoint from before mixed precision existed
        assertEquals(RunDefinition.recipe().build(), RunDefinition.fromProperties(p));
        assertTrue(RunDefinition.RESUMABLE_CHANGES.contains("precision"), "a mixed run may go on where there is no bf16");
    }

    @Test
    void aRunOfARemovedLeverIsRefusedInOneLine() {
        var p = RunDefinition.recipe().build().toProperties();
        p.setProperty("discriminator.pack", "2");
        var e = assertThrows(IllegalArgumentException.class, () -> RunDefinition.fromProperties(p));
        assertTrue(e.getMessage().startsWith("it was trained with D judging packs of 2 images (PacGAN)"), e.getMessage());
        p.setProperty("discriminator.pack", "1"); // what checkpoints of this version's predecessors say: fine
        assertEquals(RunDefinition.recipe().build(), RunDefinition.fromProperties(p));
    }
}
