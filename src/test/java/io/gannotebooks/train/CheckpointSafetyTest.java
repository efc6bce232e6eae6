package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.testing.TinyGan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Divergence stops training without touching the last good checkpoint; bad checkpoints are named. */
class CheckpointSafetyTest {
    @TempDir
    Path tmp;

    /** The toy images until {@code goodBatches} batches were served, then NaN pixels. */
    private static ImageDataset poisonedAfter(int goodBatches) {
        ImageDataset bars = TinyGan.bars(256, 1);
        return new ImageDataset() {
            private int served;

            public String name() {
                return "poisoned";
            }

            public String spec() {
                return "poisoned";
            }

            public int size() {
                return bars.size();
            }

            public int imageSize() {
                return bars.imageSize();
            }

            public void fill(int[] indices, float[] dest) {
                bars.fill(indices, dest);
                if (served++ >= goodBatches) {
                    java.util.Arrays.fill(dest, Float.NaN);
                }
            }
        };
    }

    @Test
    void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
        Path run = tmp.resolve("run");
        var config = TinyGan.config(1, 20, 8, DataType.FLOAT).withIntervals(0, 2);
        var trainer = new GanTrainer(config, poisonedAfter(5)).addListener(new RunOutputs(run));
        var e = assertThrows(TrainingDivergedException.class, trainer::train);
        assertEquals(5, e.iteration(), e.getMessage());
        assertTrue(e.getMessage().startsWith("training diverged at iteration 6: "), e.getMessage());
        assertTrue(e.getMessage().contains("no longer finite"), e.getMessage());
        assertEquals(4, Checkpoint.open(run).iteration(), "the checkpoint of iteration 4 stays, none is written after");
        assertEquals(4, Checkpoint.open(run).history().size());
    }

    @Test
    void damagedOrForeignCheckpointsAreRefusedWithTheFileNamed() throws IOException {
        Path run = tmp.resolve("run");
        new GanTrainer(TinyGan.config(1, 2, 4, DataType.FLOAT), TinyGan.bars(64, 1))
                .addListener(new RunOutputs(run)).train();
        Path dir = run.resolve("checkpoint");
        assertEquals(2, Checkpoint.open(run).iteration());

        Path history = dir.resolve("history.csv");
        String saved = Files.readString(history);
        Files.writeString(history, saved.replace("0,0,", "0,1,"));
        var damaged = assertThrows(CheckpointException.class, () -> Checkpoint.open(run));
        assertTrue(damaged.getMessage().contains(history.toString()) && damaged.getMessage().contains("damaged"),
                damaged.getMessage());
        Files.writeString(history, saved);

        Path state = dir.resolve("state.properties");
        String properties = Files.readString(state);
        Files.writeString(state, properties.replace("format=1", "format=99"));
        var newer = assertThrows(CheckpointException.class, () -> Checkpoint.open(run));
        assertTrue(newer.getMessage().contains("format 99"), newer.getMessage());

        Files.writeString(state, "hello=world\n");
        var foreign = assertThrows(CheckpointException.class, () -> Checkpoint.open(run));
        assertTrue(foreign.getMessage().contains("is not a GAN notebooks checkpoint"), foreign.getMessage());

        var missing = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp.resolve("nowhere")));
        assertTrue(missing.getMessage().startsWith("no checkpoint at "), missing.getMessage());
    }

    @Test
    void aCrashBetweenTheTwoRenamesFallsBackToThePreviousCheckpoint() throws IOException {
        Path run = tmp.resolve("run");
        new GanTrainer(TinyGan.config(1, 2, 4, DataType.FLOAT), TinyGan.bars(64, 1))
                .addListener(new RunOutputs(run)).train();
        // the state save() leaves if it dies right after moving the old checkpoint aside
        Files.move(run.resolve("checkpoint"), run.resolve("checkpoint.old"));
        Files.createDirectories(run.resolve("checkpoint.new"));
        assertEquals(2, Checkpoint.open(run).iteration());
        assertEquals(2, Checkpoint.open(run.resolve("checkpoint")).iteration());
    }
}
