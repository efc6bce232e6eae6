package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.testing.TinyGan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The running average of G's weights: what it computes, what it draws, and that it survives a checkpoint. */
class GeneratorAverageTest {
    @TempDir
    Path tmp;

    private static TrainingConfig averaged(double decay, long iterations) {
        var config = TinyGan.config(4, iterations, 8, DataType.DOUBLE);
        return config.withDefinition(config.definition().toBuilder().average(decay).build());
    }

    @Test
    void theAverageIsDThetaBarPlusOneMinusDTheta() {
        var trainer = new GanTrainer(averaged(0.75, 3), TinyGan.bars(128, 1));
        INDArray before = trainer.sampler().network().params().dup();
        assertEquals(trainer.generator().network().params(), before, "it starts at G's weights");
        trainer.iterate();
        INDArray theta = trainer.generator().network().params();
        assertNotEquals(before, theta, "G moved");
        INDArray expected = before.mul(0.75).addi(theta.mul(0.25));
        INDArray actual = trainer.sampler().network().params();
        double worst = actual.sub(expected).amaxNumber().doubleValue();
        assertTrue(worst < 1e-12, "θ̄ = 0.75 θ̄ + 0.25 θ, off by " + worst);
        assertEquals(trainer.sampler().generate(trainer.fixedNoise()), trainer.samples(), "the average draws the grids");
    }

    @Test
    void withoutAnAverageGDraws() {
        var trainer = new GanTrainer(averaged(0, 1), TinyGan.bars(128, 1));
        assertTrue(trainer.sampler() == trainer.generator());
        assertNull(trainer.average());
    }

    @Test
    void aResumedRunKeepsItsAverageExactly() throws IOException {
        var straight = new GanTrainer(averaged(0.9, 6), TinyGan.bars(128, 1));
        straight.train();

        var first = new GanTrainer(averaged(0.9, 3), TinyGan.bars(128, 1));
        first.train();
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, dir);
        assertTrue(Files.isRegularFile(dir.resolve(Checkpoint.AVERAGE)));
        var checkpoint = Checkpoint.open(dir);
        assertEquals(first.sampler().network().params(), checkpoint.generator().network().params(),
                "a checkpoint's generator is the average, what its grids showed");
        assertEquals(", drawn by the running average of G (decay 0.9)", checkpoint.drawnBy());
        var resumed = checkpoint.resume(TinyGan.bars(128, 1), averaged(0.9, 6));
        resumed.train();
        assertEquals(straight.sampler().network().params(), resumed.sampler().network().params());
        assertEquals(straight.generator().network().params(), resumed.generator().network().params());

        Files.delete(dir.resolve(Checkpoint.AVERAGE));
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.open(dir));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(Checkpoint.AVERAGE), e.getMessage());
    }

    @Test
    void theDecayIsChecked() {
        var run = averaged(0, 1).definition();
        assertThrows(IllegalArgumentException.class, () -> run.toBuilder().average(1).build());
        assertThrows(IllegalArgumentException.class, () -> run.toBuilder().average(-0.1).build());
        assertEquals(0.99, RunDefinition.fromProperties(run.toBuilder().average(0.99).build().toProperties()).averageDecay());
    }
}
