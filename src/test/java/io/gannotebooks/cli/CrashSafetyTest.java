package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.train.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real {@code gan train} processes: kill -9 at random rows of the history, a file-size limit
 * that makes a checkpoint write fail. Nothing saved may be damaged, and a resumed run must end exactly
 * where an uninterrupted one does.
 */
class CrashSafetyTest {
    static final int ITERATIONS = 30;

    @TempDir
    Path tmp;

    private List<String> train(Path out, long iterations, boolean resume) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--iterations", String.valueOf(iterations), "--out", out.toString(), "--sample-every", "0"));
        if (resume) {
            cmd.add("--resume");
        } else {
            cmd.addAll(List.of("--batch", "4", "--seed", "3", "--checkpoint-every", "3"));
        }
        return cmd;
    }

    private static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean hasCheckpoint(Path run) {
        return Files.exists(run.resolve("checkpoint")) || Files.exists(run.resolve("checkpoint.old"));
    }

    /** The number of complete rows (ending in a newline) in a run's history.csv, header excluded. */
    private static int rows(Path run) throws IOException {
        Path csv = run.resolve("history.csv");
        if (!Files.exists(csv)) {
            return 0;
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        return (int) Math.max(0, text.chars().filter(c -> c == '\n').count() - 1);
    }

    /**
     * Kills {@code p} with SIGKILL as soon as the history has at least {@code row} rows: at a moment of the
     * run chosen by its progress, not by a timer, so a slow or busy machine kills at the same places.
     */
    private static void killAtRow(Process p, Path run, int row, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (rows(run) < row) {
            if (!p.isAlive()) {
                throw new AssertionError("the run ended before row " + row + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("row " + row + " did not appear within 10 minutes: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
    }

    @Test
    void killedAtRandomMomentsAndResumedItEndsExactlyLikeAnUninterruptedRun() throws Exception {
        Path straight = tmp.resolve("straight");
        Process reference = start(train(straight, ITERATIONS, false), tmp.resolve("straight.log"));
        assertEquals(0, reference.waitFor(), Files.readString(tmp.resolve("straight.log")));

        Path run = tmp.resolve("killed");
        Random random = new Random(20261126);
        // four kills at increasing rows, each past every row the previous (killed) process may have left in
        // the file: a resumed process first rewrites the history from its checkpoint, then appends
        int row = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            row = Math.max(row, rows(run)) + 2 + random.nextInt(4);
            Path log = tmp.resolve("attempt" + attempt + ".log");
            killAtRow(start(train(run, ITERATIONS, hasCheckpoint(run)), log), run, row, log);
        }
        assertTrue(row < ITERATIONS, "the kills must fall inside the run, the last was at row " + row);
        Process last = start(train(run, ITERATIONS, hasCheckpoint(run)), tmp.resolve("last.log"));
        assertEquals(0, last.waitFor(), Files.readString(tmp.resolve("last.log")));

        assertEquals(numbers(straight), numbers(run));
        assertArrayEquals(Files.readAllBytes(straight.resolve("samples/iter_000030.png")),
                Files.readAllBytes(run.resolve("samples/iter_000030.png")), "final generator differs");
        assertEquals(ITERATIONS, Checkpoint.open(run).iteration());
    }

    @Test
    void aCheckpointThatCannotBeWrittenLeavesThePreviousOneIntact() throws Exception {
        Path run = tmp.resolve("run");
        Process first = start(train(run, 3, false), tmp.resolve("first.log"));
        assertEquals(0, first.waitFor(), Files.readString(tmp.resolve("first.log")));
        String before = Files.readString(run.resolve("checkpoint/state.properties"));

        // a 5 MB file-size limit: the networks' files (≈7.5 and 10 MB) cannot be written, as on a full disk
        String command = "ulimit -f 5000; exec " + String.join(" ", train(run, 6, true).stream()
                .map(a -> "'" + a + "'").toList());
        Process limited = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("limited.log").toFile()).start();
        int status = limited.waitFor();
        String output = Files.readString(tmp.resolve("limited.log"), StandardCharsets.UTF_8);

        assertEquals(1, status, output);
        assertTrue(output.contains("gan: cannot write") && output.contains("File too large"), output);
        assertFalse(output.contains("\tat "), "stack trace in: " + output);
        assertEquals(before, Files.readString(run.resolve("checkpoint/state.properties")));
        assertEquals(3, Checkpoint.open(run).iteration(), "the previous checkpoint must still load and verify");
        assertFalse(Files.exists(run.resolve("checkpoint.new")), "half-written checkpoint left behind");
    }

    private static List<String> numbers(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
