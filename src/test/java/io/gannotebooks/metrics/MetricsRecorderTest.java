package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.plot.EvaluationCharts;
import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The recorder on a tiny GAN (8x8 images, random-network features): rows, resume, and no effect on training. */
class MetricsRecorderTest {
    static final ImageDataset BARS = TinyGan.bars(120, 3);
    static final Evaluator EVALUATOR = Evaluator.with(BARS, RandomFeatures.standard(), 40);

    @TempDir
    Path tmp;

    @Test
    void appendsARowEveryKIterationsAndLeavesTrainingAsItWas() throws IOException {
        TrainingConfig config = TinyGan.config(5, 5, 8, DataType.FLOAT);
        GanTrainer plain = new GanTrainer(config, BARS);
        plain.train();
        GanTrainer measured = new GanTrainer(config, BARS);
        var recorder = new MetricsRecorder(tmp, EVALUATOR, 2, 20);
        measured.addListener(recorder).train();

        List<String> lines = Files.readAllLines(recorder.file());
        assertEquals("iteration,fd,kid,precision,recall,density,coverage,seconds", lines.get(0));
        assertEquals(List.of("2", "4", "5"), lines.stream().skip(1).map(l -> l.split(",")[0]).toList(),
                "every 2 iterations, and the last");
        var table = MetricsRecorder.read(recorder.file());
        assertEquals(3, table.rowCount());
        assertTrue(table.doubleColumn("fd").min() > 0, "an untrained tiny generator is far from the data");
        assertEquals(2, EvaluationCharts.overTrainingChart(table, "fd", "recall").getSeriesCollection().size());

        List<StepResult> a = plain.history().rows();
        List<StepResult> b = measured.history().rows();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).lossD(), b.get(i).lossD(), "iteration " + i);
            assertEquals(a.get(i).lossG(), b.get(i).lossG(), "iteration " + i);
        }
        assertEquals(plain.generator().network().params(), measured.generator().network().params());
        assertEquals(plain.discriminator().network().params(), measured.discriminator().network().params());
    }

    @Test
    void withARunningAverageTheTrainedGeneratorsCurveIsThatOfTheRunWithoutOne() throws IOException {
        TrainingConfig config = TinyGan.config(7, 4, 8, DataType.FLOAT);
        Path plain = tmp.resolve("plain");
        new GanTrainer(config, BARS).addListener(new MetricsRecorder(plain, EVALUATOR, 2, 20)).train();
        Path averaged = tmp.resolve("averaged");
        TrainingConfig withAverage = config.withDefinition(config.definition().toBuilder().average(0.5).build());
        new GanTrainer(withAverage, BARS).addListener(new MetricsRecorder(averaged, EVALUATOR, 2, 20))
                .addListener(MetricsRecorder.ofTrainedGenerator(averaged, EVALUATOR, 2, 20)).train();

        List<String> trained = withoutSeconds(Files.readAllLines(averaged.resolve(MetricsRecorder.TRAINED_FILE)));
        assertEquals(withoutSeconds(Files.readAllLines(plain.resolve(MetricsRecorder.FILE))), trained);
        List<String> average = withoutSeconds(Files.readAllLines(averaged.resolve(MetricsRecorder.FILE)));
        assertEquals(trained.size(), average.size());
        assertNotEquals(trained.get(1), average.get(1), "the average draws other images than G");
    }

    /**
     * A resumed run's file holds the straight run's rows: rows past the checkpoint (an abandoned later attempt) are
     * measured again, and a row lost between the checkpoint and its measurement (the process killed there) is
     * measured first.
     */
    @Test
    void onResumeTheRowsAreThoseOfTheStraightRun() throws IOException {
        TrainingConfig config = TinyGan.config(6, 4, 8, DataType.FLOAT);
        Path straight = tmp.resolve("straight");
        new GanTrainer(config, BARS).addListener(new MetricsRecorder(straight, EVALUATOR, 2, 20)).train();
        List<String> rows = Files.readAllLines(straight.resolve(MetricsRecorder.FILE));

        List<List<String>> leftBehind = List.of(
                List.of(rows.get(0), rows.get(1), "4,9,9,9,9,9,9,9", "6,9,9,9,9,9,9,9"), // stopped at 2, later rows stale
                List.of(rows.get(0)));                                                  // killed at 2 before its row
        for (List<String> file : leftBehind) {
            Path resumed = Files.createDirectories(tmp.resolve("resumed-" + file.size()));
            Files.write(resumed.resolve(MetricsRecorder.FILE), file);
            GanTrainer trainer = new GanTrainer(config, BARS);
            trainer.trainUntil(2);
            trainer.addListener(new MetricsRecorder(resumed, EVALUATOR, 2, 20)).train();
            assertEquals(withoutSeconds(rows), withoutSeconds(Files.readAllLines(resumed.resolve(MetricsRecorder.FILE))),
                    "left behind: " + file);
        }
    }

    private static List<String> withoutSeconds(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
