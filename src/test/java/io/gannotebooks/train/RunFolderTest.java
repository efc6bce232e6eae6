package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.data.ImageFolderDataset;
import io.gannotebooks.data.ProgressListener;
import io.gannotebooks.testing.Histories;
import io.gannotebooks.testing.TinyGan;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The one open-or-resume policy, and checkpoints written by the code before it: format 1 of
 * src/test/resources/checkpoints/format1-tiny was saved by the library as it was before the run
 * definition was split from the schedule (TinyGan, seed 5, batch 4, 3 iterations on bars(64, 1)).
 */
class RunFolderTest {
    @TempDir
    Path tmp;

    private Path oldCheckpoint() throws IOException {
        Path dir = tmp.resolve("old/checkpoint");
        Files.createDirectories(dir);
        for (String f : List.of("generator.zip", "discriminator.zip", "history.csv", "state.properties")) {
            try (InputStream in = getClass().getResourceAsStream("/checkpoints/format1-tiny/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir.getParent();
    }

    @Test
    void aCheckpointOfTheOldFormatResumesToTheHistoryTheOldCodeWrote() throws IOException {
        Path run = oldCheckpoint();
        Checkpoint saved = Checkpoint.open(run);
        assertEquals(3, saved.iteration());
        assertEquals("shapes", saved.dataset());
        // the data was bars(64, 1), recorded under the spec "shapes": the test says so explicitly
        var data = new TinyGan.Respec(TinyGan.bars(64, 1), "shapes");
        TrainingConfig requested = TinyGan.config(5, 6, 4, DataType.FLOAT);
        GanTrainer trainer = RunFolder.openOrResume(run, data, requested);
        assertEquals(3, trainer.iteration());
        trainer.train();
        // DL4J's layers wrote that history; the own layers continue it to float rounding (NativeTrainingTest
        // compares every value). The rows before the resume are the checkpoint's, to the last digit, and the old
        // code's history has no r1 column: read as 0, the penalty that run did not have
        List<StepResult> expected = Histories.resource("/checkpoints/format1-tiny-resumed-to-6.csv");
        List<StepResult> actual = Histories.withoutClock(run.resolve("history.csv"));
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.subList(0, 3), actual.subList(0, 3));
        assertTrue(Files.readString(run.resolve("checkpoint/state.properties")).contains("library.version="));
    }

    @Test
    void anUnchangedSettingIsAcceptedAndAChangedOneIsNamedWithBothValues() throws IOException {
        Path run = oldCheckpoint();
        var data = new TinyGan.Respec(TinyGan.bars(64, 1), "shapes");
        var e = assertThrows(ChangedSettingException.class,
                () -> RunFolder.openOrResume(run, data, TinyGan.config(5, 6, 8, DataType.FLOAT)));
        assertTrue(e.getMessage().contains("batch_size: 4 in the checkpoint, 8 requested"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        var other = new TinyGan.Respec(TinyGan.bars(64, 1), "bars");
        var d = assertThrows(ChangedSettingException.class,
                () -> RunFolder.openOrResume(run, other, TinyGan.config(5, 6, 4, DataType.FLOAT)));
        assertTrue(d.getMessage().contains("dataset: shapes in the checkpoint, bars requested"), d.getMessage());
        // the learning rate may change: the cure after a divergence
        var slower = TinyGan.config(5, 6, 4, DataType.FLOAT);
        slower = slower.withDefinition(slower.definition().toBuilder().learningRate(1e-3).build());
        assertEquals(3, RunFolder.openOrResume(run, data, slower).iteration());
        // a run already past the requested count is finished, not refused
        assertTrue(RunFolder.openOrResume(run, data, TinyGan.config(5, 2, 4, DataType.FLOAT)).finished());
    }

    @Test
    void aCheckpointOfTheRemovedMixedBatchesIsRefusedInOneLine() throws IOException {
        Path run = oldCheckpoint();
        Path state = run.resolve("checkpoint/state.properties");
        Files.writeString(state, Files.readString(state).replace("config.d_batches=SEPARATE", "config.d_batches=MIXED"));
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.open(run).config());
        assertTrue(e.getMessage().contains("d_batches=MIXED, which this version no longer supports"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        // without the key (as this version writes them) a checkpoint loads
        Files.writeString(state, Files.readString(state).replace("config.d_batches=MIXED\n", ""));
        assertEquals(4, Checkpoint.open(run).config().batchSize());
    }

    /** A folder of 6 small PNGs, each one colour on the left and another on the right, opened at TinyGan's 8px. */
    private ImageDataset halves(boolean flip) throws IOException {
        Path folder = tmp.resolve("halves");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            for (int i = 0; i < 6; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        image.setRGB(x, y, (x < 8 ? Color.getHSBColor(i / 6f, 1, 1) : Color.DARK_GRAY).getRGB());
                    }
                }
                ImageIO.write(image, "png", folder.resolve("h" + i + ".png").toFile());
            }
        }
        var options = ImageFolderDataset.Options.defaults().withImageSize(8).withFlip(flip)
                .withCacheDirectory(tmp.resolve("cache"));
        return ImageFolderDataset.open(folder, options, ProgressListener.silent());
    }

    @Test
    void mirrorImagesArePartOfTheDatasetSoAResumeWithOrWithoutThemIsRefusedInOneLine() throws IOException {
        Path folder = tmp.resolve("halves");
        ImageDataset plain = halves(false);
        ImageDataset flipped = halves(true);
        assertEquals(folder.toRealPath().toString(), plain.spec());
        assertEquals(folder.toRealPath() + "+flip", flipped.spec());
        assertEquals(12, flipped.size());

        for (boolean savedWithMirrors : new boolean[]{false, true}) {
            Path run = tmp.resolve("run-" + savedWithMirrors);
            ImageDataset saved = savedWithMirrors ? flipped : plain;
            ImageDataset other = savedWithMirrors ? plain : flipped;
            RunFolder.openOrResume(run, saved, TinyGan.config(5, 2, 4, DataType.FLOAT)).train();
            assertEquals(saved.spec(), Checkpoint.open(run).dataset(), "the checkpoint records the mirrors");

            var e = assertThrows(ChangedSettingException.class,
                    () -> RunFolder.openOrResume(run, other, TinyGan.config(5, 4, 4, DataType.FLOAT)));
            assertTrue(e.getMessage().contains("dataset: " + saved.spec() + " in the checkpoint, " + other.spec()
                    + " requested"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());

            // the same images with the mirrors as before: accepted
            GanTrainer resumed = RunFolder.openOrResume(run, halves(savedWithMirrors),
                    TinyGan.config(5, 4, 4, DataType.FLOAT));
            assertEquals(2, resumed.iteration());
            resumed.train();
            assertEquals(4, resumed.iteration());
        }
    }

    @Test
    void aCheckpointFromBeforeTheSpecCarriedMirrorsReadsThemFromTheDatasetName() throws IOException {
        Path run = oldCheckpoint();
        Path state = run.resolve("checkpoint/state.properties");
        assertEquals("shapes", Checkpoint.open(run).dataset(), "no mirrors in its name: the spec as it was");
        // as the code before wrote a folder run with --flip: the folder in the spec, the mirrors in the name
        Files.writeString(state, Files.readString(state).replace("dataset=shapes", "dataset=/data/faces")
                .replace("dataset.name=bars", "dataset.name=folder faces (40 images + mirrors)"));
        assertEquals("/data/faces+flip", Checkpoint.open(run).dataset());
    }
}
