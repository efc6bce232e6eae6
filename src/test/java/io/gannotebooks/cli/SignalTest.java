package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM sent to a real {@code gan train} process once it is training: the README promises the
 * current iteration is finished, a checkpoint saved and the resume command printed.
 */
class SignalTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCSavesEverythingAndSaysHowToResume() throws Exception {
        stopWith("INT", 130);
    }

    @Test
    void sigtermSavesEverythingAndSaysHowToResume() throws Exception {
        stopWith("TERM", 143);
    }

    private void stopWith(String signal, int expectedStatus) throws Exception {
        // a shell that starts a job in the background without job control makes it ignore SIGINT; the child
        // inherits that, and a JVM that starts with SIGINT ignored never sees Ctrl-C: nothing to test there
        org.junit.jupiter.api.Assumptions.assumeFalse(signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored in this process (started in the background): its children cannot receive it");
        Path run = tmp.resolve("run-" + signal);
        Path log = tmp.resolve(signal + ".log");
        Process gan = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--iterations", "500", "--batch", "4", "--sample-every", "0", "--out", run.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // not on a timer: the signal must arrive while it trains, after the first row of the history
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (historyRows(run) < 1) {
                assertTrue(gan.isAlive(), "ended before training: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no history row after 5 minutes");
                Thread.sleep(100);
            }
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(gan.pid())).start().waitFor());
            assertTrue(gan.waitFor(3, TimeUnit.MINUTES), "still running after SIG" + signal);
        } finally {
            gan.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(expectedStatus, gan.exitValue(), output);
        assertFalse(output.contains("Exception") || output.contains("Shutdown in progress")
                || output.contains("unexpected error"), output);

        Checkpoint checkpoint = Checkpoint.open(run);
        long saved = checkpoint.iteration();
        assertTrue(saved >= 1 && saved < 500, "saved at " + saved);
        List<String> lines = output.strip().lines().toList();
        assertEquals("stopped at iteration " + saved + "; checkpoint saved. Continue with: ./gan train --out " + run
                + " --resume", lines.get(lines.size() - 1), "the last line names the saved iteration");
        assertEquals(saved, TrainingHistory.read(run.resolve("history.csv")).size(), "history up to the checkpoint");
        assertTrue(ImageIO.read(run.resolve("loss.png").toFile()).getWidth() > 100, "loss.png written");
    }

    /** Bit 2 (SIGINT) of the ignored-signal mask in /proc/self/status; false where that file does not exist. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);
    }

    private static int historyRows(Path run) throws IOException {
        Path csv = run.resolve("history.csv");
        if (!Files.exists(csv)) {
            return 0;
        }
        return (int) Math.max(0, Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count() - 1);
    }
}
