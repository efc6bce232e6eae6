package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.backend.Machine;
import io.gannotebooks.course.Profile;
import io.gannotebooks.model.AdamSettings;
import io.gannotebooks.metrics.MetricsRecorder;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./gan train and ./gan sample end to end, in-process (the same code path as the launcher's main). */
class CommandLineTest {
    @TempDir
    Path tmp;

    record Outcome(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
    }

    static Outcome gan(Object... args) {
        List<String> argv = new ArrayList<>();
        for (Object a : args) {
            argv.add(a.toString());
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainWritesHistorySamplesLossPlotAndCheckpoint() throws IOException {
        Path run = tmp.resolve("run");
        Outcome o = gan("train", "--iterations", 4, "--batch", 4, "--seed", 7, "--out", run, "--sample-every", 2,
                "--metrics-every", 4);
        assertEquals(0, o.status(), o.err());
        TrainingHistory h = TrainingHistory.read(run.resolve("history.csv"));
        assertEquals(4, h.size());
        for (StepResult r : h.rows()) {
            assertTrue(r.finite() && Double.isFinite(r.seconds()), r.toString());
        }
        assertTrue(Files.exists(run.resolve("samples/iter_000002.png")));
        var grid = ImageIO.read(run.resolve("samples/iter_000004.png").toFile());
        assertEquals(8 * 66 + 2, grid.getWidth(), "64 fixed-noise images in an 8x8 grid");
        assertTrue(ImageIO.read(run.resolve("loss.png").toFile()).getWidth() > 100);
        assertTrue(Files.exists(run.resolve("checkpoint/state.properties")));
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and the row of iteration 4");
        assertTrue(o.err().contains("fast path") || !System.getProperty("os.arch").equals("amd64"), o.err());
        // the default precision is the machine's: mixed where the CPU has bfloat16's instructions
        assertTrue(Files.readString(run.resolve("run.json")).contains(
                "\"precision\": \"" + (Machine.hasBf16() ? "mixed" : "fp32") + "\""), "run.json");
        // resumed without the flag, the run goes on measuring as it was told at its start
        Outcome more = gan("train", "--iterations", 8, "--out", run, "--resume");
        assertEquals(0, more.status(), more.err());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "the rows of iterations 4 and 8");

        Path png = tmp.resolve("more.png");
        Outcome s = gan("sample", "--checkpoint", run, "--n", 9, "--seed", 3, "--out", png);
        assertEquals(0, s.status(), s.err());
        assertEquals(3 * 66 + 2, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void theSameSeedGivesTheSameHistory() throws IOException {
        gan("train", "--iterations", 3, "--batch", 4, "--seed", 7, "--out", tmp.resolve("a"));
        gan("train", "--iterations", 3, "--batch", 4, "--seed", 7, "--out", tmp.resolve("b"));
        assertEquals(numbers(tmp.resolve("a")), numbers(tmp.resolve("b")));
    }

    @Test
    void resumeContinuesFromTheCheckpointsIterationExactly() throws IOException {
        Outcome straight = gan("train", "--iterations", 4, "--batch", 4, "--seed", 5, "--out", tmp.resolve("straight"));
        assertEquals(0, straight.status(), straight.err());
        Path split = tmp.resolve("split");
        assertEquals(0, gan("train", "--iterations", 2, "--batch", 4, "--seed", 5, "--out", split).status());
        // repeating a setting the run was saved with is fine on resume
        Outcome resumed = gan("train", "--iterations", 4, "--out", split, "--resume", "--batch", 4, "--seed", 5);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("iterations 3..4"), resumed.err());
        assertEquals(numbers(tmp.resolve("straight")), numbers(split));
        // the final fixed-noise grid is G's output: identical pictures mean identical generator parameters
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Files.readAllBytes(tmp.resolve("straight/samples/iter_000004.png")),
                Files.readAllBytes(split.resolve("samples/iter_000004.png")));
    }

    @Test
    void aRunWithR1ResumesExactlyAndKeepsItsPenalty() throws IOException {
        Object[] recipe = {"--batch", 4, "--seed", 5, "--d-norm", "none", "--r1", 2, "--r1-every", 2};
        Path straight = tmp.resolve("r1-straight");
        Outcome o = gan(concat(new Object[]{"train", "--iterations", 5, "--out", straight}, recipe));
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("R1 "), "the status line shows the penalty: " + o.err());
        Path split = tmp.resolve("r1-split");
        assertEquals(0, gan(concat(new Object[]{"train", "--iterations", 3, "--out", split}, recipe)).status());
        Outcome resumed = gan("train", "--iterations", 5, "--out", split, "--resume"); // the penalty comes from the checkpoint
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals(numbers(straight), numbers(split));
        TrainingHistory h = TrainingHistory.read(split.resolve("history.csv"));
        assertTrue(h.row(0).r1() > 0, "R1 at iteration 0: " + h.row(0));
        assertEquals(h.row(2).r1(), h.row(3).r1(), "a lazy penalty is reported where it was last computed");
        assertNotEquals(h.row(2).r1(), h.row(1).r1());
        expectError(2, "discriminator.r1_gamma: 2.0 in the checkpoint, 3.0 requested", "train", "--out", split,
                "--resume", "--iterations", 6, "--r1", 3);
    }

    @Test
    void mixedPrecisionTrainsWhereTheCpuHasBfloat16AndMayGoOnInFp32() throws IOException {
        Path run = tmp.resolve("mixed");
        Outcome o = gan("train", "--iterations", 2, "--batch", 4, "--seed", 5, "--out", run, "--precision", "mixed");
        if (!Machine.hasBf16()) {
            assertEquals(2, o.status());
            assertTrue(o.err().startsWith("gan: --precision mixed needs a CPU with AVX512_BF16"), o.err());
            assertFalse(Files.exists(run), "refused before the run folder is made");
            return;
        }
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("G's and D's convolutions in bfloat16"), o.err());
        Outcome resumed = gan("train", "--iterations", 3, "--out", run, "--resume", "--precision", "fp32");
        assertEquals(0, resumed.status(), resumed.err());
        assertFalse(resumed.err().contains("bfloat16"), resumed.err());
        TrainingHistory h = TrainingHistory.read(run.resolve("history.csv"));
        assertEquals(3, h.size());
        // mixed precision trains a different G from the first step (rounded inputs), yet a sane one
        Path fp32 = tmp.resolve("fp32");
        assertEquals(0, gan("train", "--iterations", 2, "--batch", 4, "--seed", 5, "--out", fp32, "--precision", "fp32")
                .status());
        TrainingHistory f = TrainingHistory.read(fp32.resolve("history.csv"));
        assertEquals(f.row(0).lossD(), h.row(0).lossD(), 0.05);
        assertNotEquals(f.row(1).lossG(), h.row(1).lossG());
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInputGetsOneClearLineAndANonZeroStatus() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path run = tmp.resolve("existing");
        assertEquals(0, gan("train", "--iterations", 1, "--batch", 2, "--out", run).status());

        expectError(2, "unknown option '--bogus'", "train", "--bogus");
        expectError(2, "--batch must be between 1 and 4096, got 0", "train", "--batch", 0, "--out", tmp.resolve("x"));
        expectError(2, "--iterations must be a whole number", "train", "--iterations", "ten", "--out", tmp.resolve("x"));
        expectError(2, "--iterations must be between", "train", "--iterations", "99999999999999", "--out", tmp.resolve("x"));
        expectError(2, "--lr must be above 0", "train", "--lr", -1, "--out", tmp.resolve("x"));
        expectError(2, "unknown option '--pack'", "train", "--pack", 2, "--out", tmp.resolve("x")); // PacGAN is gone
        expectError(2, "unknown option '--layers'", "train", "--layers", "dl4j", "--out", tmp.resolve("x")); // one path
        assertFalse(gan("train", "--help").out().contains("--layers"), "the own layers always train");
        expectError(2, "--ema must be", "train", "--ema", 1, "--out", tmp.resolve("x"));
        expectError(2, "--r1 penalises each real image's gradient", "train", "--r1", 1, "--out", tmp.resolve("x"));
        expectError(2, "--r1 must be at least 0 and at most 1000, got -1", "train", "--r1", -1, "--d-norm", "none",
                "--out", tmp.resolve("x"));
        expectError(2, "--r1 must be a number", "train", "--r1", "ten", "--out", tmp.resolve("x"));
        expectError(2, "--top-k takes NU or NU,ITERATIONS", "train", "--top-k", "half", "--out", tmp.resolve("x"));
        expectError(2, "--top-k: top-k's fraction must be above 0 and at most 1, got 2", "train", "--top-k", "2,10",
                "--out", tmp.resolve("x"));
        expectError(2, "--precision: precision must be fp32 or mixed, got 'half'", "train", "--precision", "half",
                "--out", tmp.resolve("x"));
        expectError(2, "--r1-every must be between 1 and 1000, got 0", "train", "--r1", 1, "--r1-every", 0,
                "--d-norm", "none", "--out", tmp.resolve("x"));
        expectError(2, "is a file, not a folder", "train", "--out", file);
        expectError(2, "already holds a run", "train", "--out", run);
        expectError(1, "cannot write to", "train", "--out", file.resolve("below-a-file"));
        expectError(1, "cannot write to", "train", "--out", "/proc/gan-notebooks-test");
        expectError(2, "--flip (+flip) applies to image folders and emoji", "train", "--flip", "--out", tmp.resolve("f"));
        expectError(2, "batch_size: 2 in the checkpoint, 8 requested", "train", "--out", run, "--resume", "--batch", 8);
        expectError(2, "seed: 1 in the checkpoint, 4 requested", "train", "--out", run, "--resume", "--seed", 4);
        expectError(1, "no such folder", "train", "--data", tmp.resolve("missing"), "--out", tmp.resolve("y"));
        expectError(1, "no JPEG, PNG, GIF or BMP files", "train", "--data", Files.createDirectories(tmp.resolve("empty")),
                "--out", tmp.resolve("z"));
        expectError(1, "no checkpoint at", "train", "--out", tmp.resolve("fresh"), "--resume");
        expectError(1, "no checkpoint at", "sample", "--checkpoint", tmp.resolve("nothing"), "--out", tmp.resolve("s.png"));
        expectError(2, "--out must name a .png file", "sample", "--checkpoint", run, "--out", tmp.resolve("s.jpg"));
        expectError(2, "--truncation must be at least 0.1 and at most 100", "sample", "--checkpoint", run, "--truncation", 0,
                "--out", tmp.resolve("t.png"));
        expectError(2, "unknown command 'trian'", "trian");
        assertFalse(Files.exists(tmp.resolve("s.png")));
    }

    @Test
    void aProfileTrainsWhatNotebook03TrainsInIt() throws IOException {
        Path run = tmp.resolve("smoke");
        // the smoke profile measures every 12 iterations; --iterations shortens it and changes nothing else
        Outcome o = gan("train", "--profile", "smoke", "--iterations", 12, "--out", run);
        assertEquals(0, o.status(), o.err());
        assertEquals(Profile.smoke().trainingConfig().withIterations(12), Checkpoint.open(run).config());
        // the library's recipe: Adam without momentum for both networks (the recipe table's winner)
        assertEquals(AdamSettings.NO_MOMENTUM, Checkpoint.open(run).config().definition().optimiser());
        assertEquals(AdamSettings.NO_MOMENTUM, Checkpoint.open(run).config().definition().dOptimiser());
        assertTrue(Files.readAllLines(run.resolve(MetricsRecorder.FILE)).size() >= 2, "the notebook's measurement at 12");
        assertTrue(Files.exists(run.resolve("samples/iter_000012.png")));
        expectError(2, "--profile takes smoke, quick or full, got 'fast'", "train", "--profile", "fast",
                "--out", tmp.resolve("p"));
    }

    @Test
    void aDamagedCheckpointIsNamedNotLoaded() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, gan("train", "--iterations", 1, "--batch", 2, "--out", run).status());
        Path g = run.resolve("checkpoint/generator.zip");
        byte[] bytes = Files.readAllBytes(g);
        Files.write(g, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        expectError(1, "checkpoint file " + g.toAbsolutePath(), "sample", "--checkpoint", run, "--out", tmp.resolve("s.png"));
    }

    @Test
    void mirrorImagesStayWithTheRunOnResume() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("pictures"));
        for (int i = 0; i < 3; i++) {
            var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 32; x++) {
                for (int y = 0; y < 64; y++) {
                    image.setRGB(x, y, java.awt.Color.getHSBColor(i / 3f, 1, 1).getRGB()); // left half coloured
                }
            }
            ImageIO.write(image, "png", folder.resolve("p" + i + ".png").toFile());
        }
        Path run = tmp.resolve("mirrored");
        Outcome first = gan("train", "--data", folder, "--flip", "--iterations", 1, "--batch", 2, "--out", run);
        assertEquals(0, first.status(), first.err());
        String spec = folder.toRealPath().toString();
        Outcome refused = gan("train", "--data", folder, "--out", run, "--resume", "--iterations", 2);
        assertEquals(2, refused.status(), refused.err());
        List<String> lines = refused.err().lines().toList(); // the cache note, then the one error line
        assertTrue(lines.get(lines.size() - 1).startsWith("gan: ") && lines.get(lines.size() - 1).contains(
                "dataset: " + spec + "+flip in the checkpoint, " + spec + " requested"), refused.err());
        assertFalse(refused.err().contains("Exception"), refused.err());
        // without --data the run continues on its own dataset, mirrors included
        Outcome resumed = gan("train", "--out", run, "--resume", "--iterations", 2);
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("data: folder pictures (3 images + mirrors)"), resumed.err());
        assertEquals(2, TrainingHistory.read(run.resolve("history.csv")).size());
    }

    static void expectError(int status, String message, Object... args) {
        Outcome o = gan(args);
        assertEquals(status, o.status(), "status of " + List.of(args) + ": " + o.err());
        String first = o.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("gan: ") && first.contains(message), "stderr was: " + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "stack trace in: " + o.err());
    }

    /** The history without the wall-clock column. */
    static List<String> numbers(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
