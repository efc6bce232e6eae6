package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.Curriculum;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code ./gan curves} on a run folder written here: the two tables, the batch from the checkpoint, one-line errors. */
class CurvesCommandTest {
    @TempDir
    Path run;

    @Test
    void printsTheMeasuresAndTheGameInWindows() throws IOException {
        // a tiny run's checkpoint at batch 16: the command reads its state, not its networks
        Checkpoint.save(new GanTrainer(TinyGan.config(1, 1000, 16, DataType.FLOAT), TinyGan.bars(64, 1)),
                run.resolve("checkpoint"));
        Files.writeString(run.resolve("metrics.csv"), """
                iteration,fd,precision,recall,confident,classes_covered,share_disc,share_square,seconds
                500,12.84,0.67,0.05,0.62,0.5,0.25,0.75,3.1
                1000,7.9,0.594,0.176,0.613,1.0,0.5,0.5,6.0
                """);
        TrainingHistory h = new TrainingHistory();
        // D(x), D(G(z)) per step: the second window holds one swing of each kind
        double[][] game = {{0.6, 0.4}, {0.5, 0.5}, {0.7, 0.3}, {0.2, 0.9}, {0.55, 0.45}, {0.6, 0.5}};
        for (int i = 0; i < game.length; i++) {
            h.add(new StepResult(i, 0, 1.0 + i, 2.0 - i / 10.0, game[i][0], game[i][1], 0.4, 0.01 * i, i));
        }
        h.write(run.resolve("history.csv"));

        CommandLineTest.Outcome o = CommandLineTest.gan("curves", "--run", run, "--window", 3);
        assertEquals(0, o.status(), o.err());
        assertEquals("""
                metrics.csv (batch 16):

                | iteration | images | Fréchet distance | precision | recall | confident | classes with half their share | disc / square |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                | 500 | 8 000 | 12.84 | 0.67 | 0.05 | 0.62 | 1 of 2 | 0.25 / 0.75 |
                | 1 000 | 16 000 | 7.90 | 0.59 | 0.18 | 0.61 | 2 of 2 | 0.50 / 0.50 |

                history.csv in windows of 3 iterations:

                | iterations | median D(x) | median D(G(z)) | median loss_d | median loss_g | median R1 | iterations with D(x) < 0.3 | with D(G(z)) > 0.85 |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                | 0–2 | 0.60 | 0.40 | 2.00 | 1.90 | 0.010 | 0 | 0 |
                | 3–5 | 0.55 | 0.50 | 5.00 | 1.60 | 0.040 | 1 | 1 |
                """, o.out());
    }

    @Test
    void aCurriculumRunNamesItsStagesAndLeavesWhatAStageDidNotMeasureBlank() throws IOException {
        var tiny = TinyGan.config(1, 1000, 16, DataType.FLOAT);
        var staged = new TrainingConfig(tiny.definition(),
                tiny.schedule().withCurriculum(Curriculum.parse("shapes:upright,square@500", "shapes")));
        Checkpoint.save(new GanTrainer(staged, TinyGan.bars(64, 1)), run.resolve("checkpoint"));
        // a first stage on images without classes measures no class shares: its row is blank there
        Files.writeString(run.resolve("metrics.csv"), """
                iteration,fd,precision,recall,confident,classes_covered,share_disc,share_square,seconds
                500,12.84,0.67,0.05,,,,,3.1
                1000,7.9,0.594,0.176,0.613,1.0,0.5,0.5,6.0
                """);
        new TrainingHistory().write(run.resolve("history.csv"));

        CommandLineTest.Outcome o = CommandLineTest.gan("curves", "--run", run);
        assertEquals(0, o.status(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("data: shapes:square,upright to iteration 500, then shapes; each row of the measures is against its"
                + " stage's images", lines.get(0));
        assertTrue(lines.contains("| 500 | 8 000 | 12.84 | 0.67 | 0.05 | – | – | – / – |"), o.out());
    }

    @Test
    void aFolderThatIsNoRunIsOneLine() {
        CommandLineTest.Outcome o = CommandLineTest.gan("curves", "--run", run);
        assertEquals(1, o.status());
        assertEquals(List.of("gan: no history.csv in " + run + ": not a run folder"), o.err().lines().toList());
        assertTrue(CommandLineTest.gan("curves").err().startsWith("gan: curves needs --run DIR"));
    }
}
