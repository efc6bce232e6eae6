package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.CacheDirectory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./gan evaluate end to end, on an untrained checkpoint: the plumbing, not the quality. */
class EvaluateCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String previousCache;

    @BeforeAll
    static void checkpoint() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
        // the shape classifier and decoded folders go to the build's cache, never the user's
        previousCache = System.getProperty(CacheDirectory.PROPERTY);
        System.setProperty(CacheDirectory.PROPERTY, Path.of("target", "test-cache").toAbsolutePath().toString());
        run = tmp.resolve("run");
        // a checkpoint at iteration 0 is enough to exercise loading, generating and measuring
        Checkpoint.save(new GanTrainer(TrainingConfig.dcgan(1, 1, 4), ShapesDataset.standard()),
                run.resolve("checkpoint"));
    }

    @AfterAll
    static void restoreCache() {
        if (previousCache == null) {
            System.clearProperty(CacheDirectory.PROPERTY);
        } else {
            System.setProperty(CacheDirectory.PROPERTY, previousCache);
        }
    }

    @Test
    void measuresAShapesCheckpointAndWritesCsvAndJsonBesideIt() throws IOException {
        var o = CommandLineTest.gan("evaluate", "--checkpoint", run, "--n", 30);
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("Fréchet distance in shape-classifier features"), o.out());
        assertTrue(o.out().contains("share of triangle") && o.out().contains("real vs real"), o.out());
        assertTrue(o.err().contains("measuring 30 generated images against 30 real images"), o.err());
        List<String> csv = Files.readAllLines(run.resolve("evaluation.csv"));
        assertEquals("key,measure,value,real_vs_real,target,met,meaning", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("fd,")) && csv.stream().anyMatch(l -> l.startsWith("copy_share,")),
                csv.toString());
        String json = Files.readString(run.resolve("evaluation.json"));
        assertTrue(json.contains("\"subject\": \"checkpoint ") && json.contains("at iteration 0\""), json);
        assertTrue(json.contains("\"class_counts\""), json);
        assertFalse(Files.exists(run.resolve("checkpoint/evaluation.csv")), "the checkpoint folder stays as saved");
    }

    @Test
    void truncatedNoiseIsNamedInTheReport() throws IOException {
        var o = CommandLineTest.gan("evaluate", "--checkpoint", run, "--n", 30, "--truncation", 1);
        assertEquals(0, o.status(), o.err());
        String json = Files.readString(run.resolve("evaluation.json"));
        assertTrue(json.contains("at iteration 0, noise truncated to |z| ≤ 1\""), json);
    }

    @Test
    void measuresAgainstAnImageFolderInRandomFeatures() throws IOException {
        Path folder = pictures(tmp.resolve("pictures"), 40);
        var o = CommandLineTest.gan("evaluate", "--checkpoint", run.resolve("checkpoint"), "--data", folder, "--n", 20);
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("Fréchet distance in random-network features"), o.out());
        assertFalse(o.out().contains("share of"), "no shape classes for a folder: " + o.out());
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        expectError(2, "evaluate needs --checkpoint DIR", "evaluate");
        expectError(2, "--n must be between 10 and 100000, got 5", "evaluate", "--checkpoint", run, "--n", 5);
        expectError(2, "unknown option '--out'", "evaluate", "--checkpoint", run, "--out", "x");
        expectError(1, "no checkpoint at", "evaluate", "--checkpoint", tmp.resolve("nothing"));
        expectError(1, "no such folder", "evaluate", "--checkpoint", run, "--data", tmp.resolve("missing"));
        expectError(1, "an evaluation needs at least 20", "evaluate", "--checkpoint", run, "--data",
                pictures(tmp.resolve("few"), 5));
    }

    private static void expectError(int status, String message, Object... args) {
        var o = CommandLineTest.gan(args);
        assertEquals(status, o.status(), "status of " + List.of(args) + ": " + o.err());
        String first = o.err().lines().filter(l -> l.startsWith("gan: ")).findFirst().orElse("");
        assertTrue(first.contains(message), "stderr was: " + o.err());
        assertFalse(o.err().contains("\tat "), "stack trace in: " + o.err());
    }

    /** {@code count} PNGs of coloured rectangles, different in colour and place. */
    private static Path pictures(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.getHSBColor(i / (float) count, 0.6f, 0.3f));
            g.fillRect(0, 0, 64, 64);
            g.setColor(Color.getHSBColor((i * 7 % count) / (float) count, 0.9f, 0.9f));
            g.fillRect(i % 40, (i * 3) % 40, 12 + i % 10, 12 + (i * 5) % 10);
            g.dispose();
            ImageIO.write(image, "png", dir.resolve(String.format("p%03d.png", i)).toFile());
        }
        return dir;
    }
}
