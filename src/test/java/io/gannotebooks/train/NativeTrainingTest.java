package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.Dl4jLayers;
import io.gannotebooks.model.LayerEngine;
import io.gannotebooks.testing.TinyGan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training on the native layers is training on DL4J's: the same seed gives the same history, the same
 * parameters (BatchNorm's running statistics included) and the same Adam state after a few iterations.
 * In double precision to 1e-7 (DL4J's LeakyReLU gradient reads α in single precision, see
 * {@code NativeLayersTest}); in single precision to float rounding, which a GAN's feedback between the two
 * networks amplifies a little with every step.
 */
class NativeTrainingTest {

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static GanTrainer trainer(TrainingConfig config, LayerEngine engine) {
        RunDefinition run = config.definition();
        boolean dl4j = engine == LayerEngine.DL4J;
        var g = dl4j ? Dl4jLayers.generator(run.generator(), run.generatorSettings())
                : new Generator(run.generator(), run.generatorSettings());
        var d = dl4j ? Dl4jLayers.discriminator(run.discriminator(), run.discriminatorSettings())
                : new Discriminator(run.discriminator(), run.discriminatorSettings());
        return new GanTrainer(config, TinyGan.bars(256, 4), g, d, new TrainingHistory(), 0);
    }

    @Test
    void doublePrecisionHistoriesAndParametersAgree() {
        compare(TinyGan.config(8, 5, 8, DataType.DOUBLE), 1e-7);
    }

    @Test
    void singlePrecisionHistoriesAndParametersAgreeToFloatRounding() {
        compare(TinyGan.config(8, 3, 8, DataType.FLOAT), 1e-6);
    }

    @Test
    void withAugmentationAndWithoutBatchNormInTheDiscriminator() {
        var config = TinyGan.config(8, 4, 8, DataType.DOUBLE);
        var run = config.definition().toBuilder().dBatchNorm(false)
                .augmentation(io.gannotebooks.model.Augmentation.ALL).build();
        compare(config.withDefinition(run), 1e-7);
    }

    /**
     * A checkpoint written by DL4J's layers (RunFolderTest's format-1 checkpoint) resumes on the native
     * layers and trains on to the history DL4J's layers wrote, to float rounding.
     */
    @Test
    void aCheckpointSavedOnDl4jsLayersResumesOnTheNativeOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path dir = tmp.resolve("old/checkpoint");
        java.nio.file.Files.createDirectories(dir);
        for (String f : java.util.List.of("generator.zip", "discriminator.zip", "history.csv", "state.properties")) {
            try (var in = getClass().getResourceAsStream("/checkpoints/format1-tiny/" + f)) {
                java.nio.file.Files.copy(in, dir.resolve(f));
            }
        }
        java.nio.file.Path run = dir.getParent();
        var data = new TinyGan.Respec(TinyGan.bars(64, 1), "shapes"); // as RunFolderTest explains
        GanTrainer trainer = RunFolder.openOrResume(run, data, TinyGan.config(5, 6, 4, DataType.FLOAT));
        assertEquals(LayerEngine.NATIVE, trainer.generator().layerEngine());
        assertEquals(LayerEngine.NATIVE, trainer.discriminator().layerEngine());
        trainer.train();
        var expected = io.gannotebooks.testing.Histories.resource("/checkpoints/format1-tiny-resumed-to-6.csv");
        var actual = io.gannotebooks.testing.Histories.withoutClock(run.resolve("history.csv"));
        assertEquals(expected.size(), actual.size());
        for (int row = 0; row < expected.size(); row++) {
            StepResult e = expected.get(row);
            StepResult a = actual.get(row);
            double[] want = {e.iteration(), e.epoch(), e.lossD(), e.lossG(), e.dReal(), e.dFake(), e.dFakeAfter(), e.r1()};
            double[] got = {a.iteration(), a.epoch(), a.lossD(), a.lossG(), a.dReal(), a.dFake(), a.dFakeAfter(), a.r1()};
            for (int col = 0; col < want.length; col++) {
                assertEquals(want[col], got[col], 1e-5 * Math.max(1, Math.abs(want[col])), "row " + row + " column " + col);
            }
        }
    }

    private static void compare(TrainingConfig config, double tolerance) {
        GanTrainer dl4j = trainer(config, LayerEngine.DL4J);
        GanTrainer own = trainer(config, LayerEngine.NATIVE);
        assertEquals(LayerEngine.NATIVE, own.generator().layerEngine());
        assertEquals(LayerEngine.NATIVE, own.discriminator().layerEngine());
        for (int i = 0; i < config.iterations(); i++) {
            StepResult a = dl4j.iterate();
            StepResult b = own.iterate();
            double[] expected = {a.lossD(), a.lossG(), a.dReal(), a.dFake(), a.dFakeAfter()};
            double[] actual = {b.lossD(), b.lossG(), b.dReal(), b.dFake(), b.dFakeAfter()};
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], tolerance * Math.max(1, Math.abs(expected[k])),
                        "iteration " + i + ", column " + k);
            }
        }
        same("G", dl4j.generator().network(), own.generator().network(), tolerance);
        same("D", dl4j.discriminator().network(), own.discriminator().network(), tolerance);
    }

    /** Every parameter array (weights, γ, β, running mean, running log10 std) and Adam's state. */
    private static void same(String what, MultiLayerNetwork expected, MultiLayerNetwork actual, double tolerance) {
        for (int i = 0; i < expected.getnLayers(); i++) {
            for (var entry : expected.getLayer(i).paramTable().entrySet()) {
                INDArray want = entry.getValue();
                INDArray have = actual.getLayer(i).getParam(entry.getKey());
                close(what + " " + i + "_" + entry.getKey(), have, want, tolerance);
            }
        }
        close(what + " Adam state", actual.getUpdater().getStateViewArray(), expected.getUpdater().getStateViewArray(),
                tolerance);
    }

    private static void close(String what, INDArray actual, INDArray expected, double tolerance) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1e-3, Transforms.abs(e).maxNumber().doubleValue());
        double worst = Transforms.abs(actual.castTo(DataType.DOUBLE).sub(e)).maxNumber().doubleValue();
        assertTrue(worst <= tolerance * scale, what + ": largest difference " + worst + " against " + scale);
    }
}
