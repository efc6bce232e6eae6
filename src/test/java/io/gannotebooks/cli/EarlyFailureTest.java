package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gannotebooks.backend.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong is said in one line, before any work: arguments, output locations, a
 * batch too big for memory, and checkpoints damaged in ways a checksum cannot see.
 */
class EarlyFailureTest {
    @TempDir
    static Path shared;
    private static Path tinyRun;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainATinyRun() {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
        tinyRun = shared.resolve("tiny");
        CommandLineTest.Outcome o = CommandLineTest.gan("train", "--iterations", 1, "--batch", 2, "--out", tinyRun);
        assertEquals(0, o.status(), o.err());
    }

    /**
     * Runs {@code ./gan args}, expects {@code status} and exactly one stderr line containing {@code message}.
     * One line means none of the lines a command prints once it starts working (the backend, the data, the
     * training or measuring banner); a refused {@code train} also leaves no row of history in its folder.
     * Not a wall-clock bound: a loaded test machine made a 30-second one fail.
     */
    private static String expectOneLine(int status, String message, Object... args) {
        CommandLineTest.Outcome o = CommandLineTest.gan(args);
        assertEquals(status, o.status(), "status of " + List.of(args) + ": " + o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), "one line, not: " + o.err());
        assertTrue(lines.get(0).startsWith("gan: ") && lines.get(0).contains(message), "stderr was: " + o.err());
        List<Object> list = List.of(args);
        int out = list.indexOf("--out");
        if (list.get(0).equals("train") && out >= 0 && out + 1 < list.size()) {
            Path history = Path.of(list.get(out + 1).toString()).resolve("history.csv");
            assertTrue(historyRows(history) == 0, "failed before the first history row, but " + history + " has "
                    + historyRows(history));
        }
        return lines.get(0);
    }

    private static long historyRows(Path history) {
        try (Stream<String> lines = Files.lines(history)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException e) {
            return 0; // no file (or none readable): no row
        }
    }

    private Path copyOfTinyRun(String name) throws IOException {
        Path copy = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(tinyRun)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(tinyRun.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    // ---- memory

    @Test
    void aBatchTooBigForMemoryIsRefusedBeforeTraining() {
        Path out = tmp.resolve("huge");
        String line = expectOneLine(2, "gan: batch 4096 needs about ", "train", "--batch", 4096, "--out", out);
        assertTrue(line.matches(".*use --batch \\d+ or less.*GAN_JAVA_OPTS.*"), line);
        assertFalse(Files.exists(out), "no run folder for a refused run");
        expectOneLine(2, "gan: batch 4096 needs about ", "bench", "--batch", 4096, "--iterations", 1);
    }

    @Test
    void outOfMemoryAnywhereInTheChainIsFound() {
        Throwable wrapped = new RuntimeException("Error during neural network forward pass",
                new OutOfMemoryError("Physical memory usage is too high: physicalBytes (4282M) > maxPhysicalBytes (4096M)"));
        assertEquals(wrapped.getCause(), Main.outOfMemory(wrapped));
        assertEquals(null, Main.outOfMemory(new RuntimeException("other", new IllegalStateException())));
    }

    @Test
    void dl4jWritesNoCrashDumpFiles() {
        assertFalse(org.deeplearning4j.util.CrashReportingUtil.isCrashDumpsEnabled(),
                "dl4j-memory-crash-dump-*.txt would land in the user's working directory");
    }

    // ---- checks that came too late

    @Test
    void aBadNumberFailsBeforeStartUpAndLeavesNoRunFolder() {
        Path out = tmp.resolve("m");
        expectOneLine(2, "--metrics-every must be a whole number, got 'abc'", "train", "--metrics-every", "abc",
                "--out", out);
        expectOneLine(2, "--sample-every must be a whole number", "train", "--sample-every", "x", "--out", out);
        expectOneLine(2, "--checkpoint-every must be between", "train", "--checkpoint-every", -1, "--out", out);
        expectOneLine(2, "--epochs must be between", "train", "--epochs", 0, "--out", out);
        assertFalse(Files.exists(out), "no empty run folder left behind");
    }

    @Test
    void sampleChecksItsOutputBeforeLoadingTheGenerator() {
        expectOneLine(1, "cannot write to /proc: this file system does not allow creating files there",
                "sample", "--checkpoint", tinyRun, "--out", "/proc/x.png");
    }

    @Test
    void evaluateChecksItsReportFolderBeforeMeasuring() throws Exception {
        Path run = copyOfTinyRun("read-only");
        ReadOnly folder = ReadOnly.make(run);
        try {
            expectOneLine(1, "cannot write to " + run.toAbsolutePath(), "evaluate", "--checkpoint", run, "--n", 10);
        } finally {
            folder.undo();
        }
    }

    @Test
    void trainSaysWhyItCannotWriteItsRunFolder() {
        expectOneLine(1, "cannot write to /proc/gan-run: this file system does not allow creating files there",
                "train", "--out", "/proc/gan-run");
    }

    // ---- small things

    @Test
    void eachCommandsHelpPrintsItsUsage() {
        for (String command : List.of("train", "sample", "evaluate", "bench")) {
            CommandLineTest.Outcome o = CommandLineTest.gan(command, "--help");
            assertEquals(0, o.status(), o.err());
            assertTrue(o.out().startsWith("usage: ./gan " + command + " "), o.out());
            assertEquals("", o.err());
        }
        assertTrue(CommandLineTest.gan("train", "-h").out().contains("--metrics-every"));
    }

    @Test
    void commandLineMistakesAreOneLineWithAReadableBound() {
        expectOneLine(2, "unknown option '--bogus' (./gan help shows the usage)", "train", "--bogus");
        expectOneLine(2, "--data must not be empty", "train", "--data", "", "--out", tmp.resolve("d"));
        expectOneLine(2, "--lr must be above 0 and at most 1, got -1", "train", "--lr", -1, "--out", tmp.resolve("l"));
        expectOneLine(2, "--d-downsample takes strided (DCGAN's 4x4 stride-2 convolutions) or pooled (3x3 convolutions"
                + " and 2x2 means), got 'avg'", "train", "--d-downsample", "avg", "--out", tmp.resolve("p"));
        expectOneLine(2, "--d-adversarial must be at least 0 and at most 100, got -2", "train", "--d-adversarial", -2,
                "--out", tmp.resolve("a"));
        expectOneLine(1, "cannot write to /proc/x: this file system does not allow creating files there",
                "bench", "--export-replay", "/proc/x", "--iterations", 1, "--batch", 2);
    }

    // ---- damaged checkpoints

    private static Properties state(Path run) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(run.resolve("checkpoint/state.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static void store(Path run, Properties p) throws IOException {
        try (OutputStream out = Files.newOutputStream(run.resolve("checkpoint/state.properties"))) {
            p.store(out, null);
        }
    }

    @Test
    void aLatentSizeEditedInStatePropertiesIsNamed() throws IOException {
        Path run = copyOfTinyRun("latent");
        Properties p = state(run);
        p.setProperty("config.generator.latent", "50");
        store(run, p);
        Path checkpoint = run.resolve("checkpoint").toAbsolutePath();
        expectOneLine(1, "checkpoint file " + checkpoint.resolve("generator.zip") + " does not match "
                        + checkpoint.resolve("state.properties") + ": its layer 0 is DenseLayer 'dense' 100 -> 8192 where"
                        + " the generator has DenseLayer 'dense' 50 -> 8192",
                "sample", "--checkpoint", run, "--out", tmp.resolve("s.png"));
    }

    @Test
    void theDiscriminatorCopiedOverTheGeneratorIsNamedEvenWithChecksumsRecomputed() throws Exception {
        Path run = copyOfTinyRun("swapped");
        Path g = run.resolve("checkpoint/generator.zip");
        Files.copy(run.resolve("checkpoint/discriminator.zip"), g, StandardCopyOption.REPLACE_EXISTING);
        Properties p = state(run);
        p.setProperty("sha256.generator.zip",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(g))));
        store(run, p);
        String line = expectOneLine(1, "checkpoint file " + g.toAbsolutePath() + " does not match ",
                "sample", "--checkpoint", run, "--out", tmp.resolve("s.png"));
        assertTrue(line.contains("its layer 0 is ConvolutionLayer 'down1'") && line.contains("the generator has "
                + "DenseLayer 'dense'"), line);
    }

    @Test
    void aHugeSparseStateFileIsCalledDamagedNotReadIntoMemory() throws IOException {
        Path run = copyOfTinyRun("sparse");
        Path state = run.resolve("checkpoint/state.properties");
        try (RandomAccessFile file = new RandomAccessFile(state.toFile(), "rw")) {
            file.setLength(8L << 30); // 8 GB of holes: no disk used
        }
        expectOneLine(1, state.toAbsolutePath() + " is damaged: 8589934592 bytes",
                "sample", "--checkpoint", run, "--out", tmp.resolve("s.png"));
    }

    /**
     * A folder no file can be created in, also for root: permission bits, and where they do not bind
     * (root), the immutable attribute (chattr +i, ext4 and most Linux file systems). Skips the test when
     * neither works, rather than pretending.
     */
    record ReadOnly(Path dir, boolean immutable) {
        static ReadOnly make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            boolean immutable = false;
            if (writable(dir) && Files.isExecutable(Path.of("/usr/bin/chattr"))) {
                immutable = new ProcessBuilder("/usr/bin/chattr", "+i", dir.toString()).start().waitFor() == 0;
            }
            ReadOnly made = new ReadOnly(dir, immutable);
            if (writable(dir)) {
                made.undo();
                assumeTrue(false, "cannot make a read-only folder here");
            }
            return made;
        }

        void undo() throws Exception {
            if (immutable) {
                new ProcessBuilder("/usr/bin/chattr", "-i", dir.toString()).start().waitFor();
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        private static boolean writable(Path dir) {
            try {
                Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
