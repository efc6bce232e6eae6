package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.NetworkSettings;
import io.gannotebooks.testing.TinyGan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GeneratorAverageTest {
    @TempDir
    Path tmp;

    @Test
    void itIsTheExponentialAverageOfTheWeightsItWasShown() {
        Generator g = new Generator(TinyGan.generator(), new NetworkSettings(3, 1e-3, 0.5, DataType.DOUBLE));
        INDArray start = g.network().params().dup();
        GeneratorAverage average = new GeneratorAverage(g, 0);
        double[] shown = {1.0, -2.0, 0.5};
        INDArray expected = start.dup();
        for (int t = 0; t < shown.length; t++) {
            g.network().params().assign(shown[t]);
            average.update(g);
            double decay = GeneratorAverage.decayAfter(t);
            expected = expected.mul(decay).add(shown[t] * (1 - decay));
        }
        assertEquals(0.0, average.generator().network().params().sub(expected).amaxNumber().doubleValue(), 1e-12);
        assertEquals(3, average.updates());
    }

    @Test
    void itForgetsTheStartQuicklyAndSpansAboutAThousandStepsLater() {
        assertEquals(0.1, GeneratorAverage.decayAfter(0), 1e-12);
        assertEquals(0.991, GeneratorAverage.decayAfter(990), 1e-12);
        assertEquals(GeneratorAverage.DECAY, GeneratorAverage.decayAfter(1_000_000), 1e-12);
    }

    @Test
    void checkpointsKeepTheAverageAndResumeItExactly() throws Exception {
        ImageDataset data = TinyGan.bars(256, 5);
        var config = TinyGan.config(8, 6, 8, DataType.FLOAT);
        GanTrainer straight = new GanTrainer(config, data);
        straight.train();

        GanTrainer first = new GanTrainer(config, data);
        first.trainUntil(3);
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, "bars", dir);
        Checkpoint saved = Checkpoint.open(dir);
        assertEquals(params(first.averagedGenerator()), params(saved.generator()), "sampling generator = the average");
        assertEquals(params(first.generator()), params(saved.trainedGenerator()));
        GanTrainer resumed = saved.resume(data, config);
        resumed.train();
        assertEquals(params(straight.averagedGenerator()), params(resumed.averagedGenerator()));
        assertEquals(6, resumed.average().updates());
    }

    @Test
    void aCheckpointWrittenBeforeAveragingSamplesFromTheTrainedGenerator() throws Exception {
        ImageDataset data = TinyGan.bars(256, 5);
        GanTrainer trainer = new GanTrainer(TinyGan.config(8, 2, 8, DataType.FLOAT), data);
        trainer.train();
        Path dir = tmp.resolve("old");
        Checkpoint.save(trainer, "bars", dir);
        // what the previous format looked like: no average, no checksum line for it
        Files.delete(dir.resolve(Checkpoint.AVERAGE));
        Properties state = new Properties();
        try (var in = Files.newInputStream(dir.resolve(Checkpoint.STATE))) {
            state.load(in);
        }
        state.remove("sha256." + Checkpoint.AVERAGE);
        state.remove("average.updates");
        try (var out = Files.newOutputStream(dir.resolve(Checkpoint.STATE))) {
            state.store(out, null);
        }
        Checkpoint old = Checkpoint.open(dir);
        assertEquals(params(trainer.generator()), params(old.generator()));
        GanTrainer resumed = old.resume(data, TinyGan.config(8, 3, 8, DataType.FLOAT));
        assertEquals(params(trainer.generator()), params(resumed.averagedGenerator()), "the average starts at G");
    }

    private static List<Float> params(Generator g) {
        List<Float> out = new ArrayList<>();
        for (float v : g.network().params().toFloatVector()) {
            out.add(v);
        }
        return out;
    }
}
