package io.gannotebooks.cli;

import static io.gannotebooks.cli.CommandLineTest.gan;
import static io.gannotebooks.cli.CommandLineTest.numbers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.cli.CommandLineTest.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gan train --curriculum}: the run's stages in one command are the run stopped at a stage's end and resumed
 * on the next stage's images (what docs/convergence.md's curriculum did by hand), and it resumes in either stage.
 */
class CurriculumRunTest {
    private static final Object[] RECIPE = {"--batch", 4, "--seed", 5, "--sample-every", 2};
    private static final String UPRIGHT = "shapes:square,upright";
    private static final String ROTATED = "shapes:square";

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
    }

    private static Outcome train(Path out, Object... args) {
        Object[] argv = new Object[3 + args.length + RECIPE.length];
        argv[0] = "train";
        argv[1] = "--out";
        argv[2] = out;
        System.arraycopy(args, 0, argv, 3, args.length);
        System.arraycopy(RECIPE, 0, argv, 3 + args.length, RECIPE.length);
        Outcome o = gan(argv);
        assertEquals(0, o.status(), o.err());
        return o;
    }

    @Test
    void oneCommandIsTheRunStoppedAtTheStagesEndAndResumedOnTheNextImages() throws IOException {
        Path staged = tmp.resolve("staged");
        Outcome o = train(staged, "--curriculum", UPRIGHT + "@2", "--data", ROTATED, "--iterations", 4,
                "--metrics-every", 2);
        assertTrue(o.err().contains("(iterations 1..2)") && o.err().contains("(iterations 3..4)"), o.err());
        assertEquals(3, Files.readAllLines(staged.resolve("metrics.csv")).size(), "header, iterations 2 and 4");

        // by hand: two iterations on the upright squares, the checkpoint pointed at the rotated ones, resumed
        Path byHand = tmp.resolve("by-hand");
        train(byHand, "--data", UPRIGHT, "--iterations", 2);
        Path state = byHand.resolve("checkpoint/state.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        }
        p.setProperty("dataset", ROTATED);
        try (OutputStream out = Files.newOutputStream(state)) {
            p.store(out, null);
        }
        train(byHand, "--resume", "--data", ROTATED, "--iterations", 4);
        assertEquals(numbers(byHand), numbers(staged));
        assertArrayEquals(Files.readAllBytes(byHand.resolve("samples/iter_000004.png")),
                Files.readAllBytes(staged.resolve("samples/iter_000004.png")), "the same G at the end");

        // and the first stage did train on other images than the rotated squares
        Path rotated = tmp.resolve("rotated");
        train(rotated, "--data", ROTATED, "--iterations", 2);
        assertNotEquals(numbers(rotated).get(1), numbers(staged).get(1));
    }

    @Test
    void aCurriculumRunResumesInEitherStageWithoutBeingToldItsStages() throws IOException {
        Path straight = tmp.resolve("straight");
        train(straight, "--curriculum", UPRIGHT + "@2", "--data", ROTATED, "--iterations", 4);
        for (int stop : new int[]{1, 2}) { // inside the first stage, and at its end (the checkpoint still on its images)
            Path split = tmp.resolve("split-" + stop);
            train(split, "--curriculum", UPRIGHT + "@2", "--data", ROTATED, "--iterations", stop);
            Outcome resumed = train(split, "--resume", "--iterations", 4);
            assertTrue(resumed.err().contains("(iterations 3..4)"), resumed.err());
            assertEquals(numbers(straight), numbers(split), "stopped at " + stop);
        }
    }

    @Test
    void fromOneClassToFiveTheMeasuresGainTheirColumns() throws IOException {
        Path run = tmp.resolve("classes");
        train(run, "--curriculum", ROTATED + "@2", "--data", "shapes", "--iterations", 4, "--metrics-every", 2);
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.contains("class_entropy") && header.get(header.size() - 1).equals("seconds"), lines.get(0));
        int entropy = header.indexOf("class_entropy");
        assertEquals("", lines.get(1).split(",", -1)[entropy], "one class has no entropy");
        assertFalse(lines.get(2).split(",", -1)[entropy].isEmpty(), "five have");
        assertEquals(header.size(), lines.get(1).split(",", -1).length);
    }

    @Test
    void badStagesFailInOneLineBeforeTraining() throws IOException {
        Path x = tmp.resolve("x");
        CommandLineTest.expectError(2, "--curriculum: each stage is DATA@ITERATION", "train", "--curriculum", ROTATED,
                "--out", x);
        CommandLineTest.expectError(2, "--curriculum: each curriculum stage must end after the one before",
                "train", "--curriculum", ROTATED + "@4;shapes:disc@2", "--out", x);
        CommandLineTest.expectError(2, "give --iterations, not --epochs", "train", "--curriculum", ROTATED + "@4",
                "--epochs", 1, "--out", x);
        CommandLineTest.expectError(1, "no such folder", "train", "--curriculum", ROTATED + "@2", "--data",
                tmp.resolve("missing"), "--out", x);
        assertFalse(Files.exists(x.resolve("history.csv")), "nothing trained");
    }
}
