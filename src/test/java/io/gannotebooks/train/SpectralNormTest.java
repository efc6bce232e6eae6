package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.metrics.SymmetricEigen;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.SpectralNorm;
import io.gannotebooks.testing.TinyGan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * D's spectral normalisation: every weight matrix at largest singular value 1 (checked against an eigen
 * decomposition, not the power iteration itself) from the start and after every step; it changes training;
 * a resumed run continues exactly; definitions from before it read as off.
 */
class SpectralNormTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static TrainingConfig config(SpectralNorm which, long iterations) {
        TrainingConfig tiny = TinyGan.config(5, iterations, 8, DataType.FLOAT);
        RunDefinition d = tiny.definition().toBuilder().dBatchNorm(false).dSpectralNorm(which).build();
        return new TrainingConfig(d, tiny.schedule());
    }

    /** The largest singular value of each of D's weights as the matrix [first dimension, the rest]. */
    private static List<Double> largestSingularValues(MultiLayerNetwork d) {
        List<Double> sigmas = new ArrayList<>();
        for (int i = 0; i < d.getnLayers(); i++) {
            INDArray w = d.getLayer(i).getParam("W");
            if (w == null) {
                continue;
            }
            double[][] m = w.castTo(DataType.DOUBLE).reshape('c', w.size(0), w.length() / w.size(0)).toDoubleMatrix();
            // σ_max(M)² is the largest eigenvalue of M Mᵀ or Mᵀ M, whichever is smaller
            boolean wide = m.length <= m[0].length;
            int n = wide ? m.length : m[0].length;
            double[][] gram = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double s = 0;
                    for (int k = 0; k < (wide ? m[0].length : m.length); k++) {
                        s += wide ? m[a][k] * m[b][k] : m[k][a] * m[k][b];
                    }
                    gram[a][b] = s;
                }
            }
            double top = 0;
            for (double v : SymmetricEigen.of(gram).values()) {
                top = Math.max(top, v);
            }
            sigmas.add(Math.sqrt(top));
        }
        return sigmas;
    }

    /** Checks σ = 1 for the first {@code normalised} weights (of two convolutions and the dense unit). */
    private static void assertNormalised(MultiLayerNetwork d, int normalised, String when) {
        List<Double> sigmas = largestSingularValues(d);
        assertEquals(3, sigmas.size(), "two convolutions and the dense unit");
        for (int k = 0; k < 3; k++) {
            if (k < normalised) {
                assertEquals(1, sigmas.get(k), 2e-3, when + ": σ = " + sigmas);
            } else {
                assertTrue(sigmas.get(k) < 0.5, when + ": the dense unit is left free, σ = " + sigmas);
            }
        }
    }

    @Test
    void everyWeightHasLargestSingularValueOneFromTheStartAndAfterEveryStep() {
        var trainer = new GanTrainer(config(SpectralNorm.ALL, 5), TinyGan.bars(64, 1));
        assertNormalised(trainer.discriminator().network(), 3, "a fresh D");
        trainer.train();
        assertNormalised(trainer.discriminator().network(), 3, "after 5 steps");

        var convolutions = new GanTrainer(config(SpectralNorm.CONVOLUTIONS, 5), TinyGan.bars(64, 1));
        assertNormalised(convolutions.discriminator().network(), 2, "a fresh D, convolutions only");
        convolutions.train();
        assertNormalised(convolutions.discriminator().network(), 2, "after 5 steps, convolutions only");

        var plain = new GanTrainer(config(SpectralNorm.OFF, 5), TinyGan.bars(64, 1));
        plain.train();
        assertTrue(largestSingularValues(plain.discriminator().network()).stream().allMatch(s -> s < 0.5),
                "without it D's N(0, 0.02) weights stay far below 1 (what makes the check above mean something)");
        assertNotEquals(plain.history().row(4).lossD(), trainer.history().row(4).lossD());
    }

    @Test
    void aResumedRunProjectsExactlyAsTheUninterruptedOne() throws IOException {
        var straight = new GanTrainer(config(SpectralNorm.CONVOLUTIONS, 6), TinyGan.bars(64, 1));
        straight.train();

        var first = new GanTrainer(config(SpectralNorm.CONVOLUTIONS, 3), TinyGan.bars(64, 1));
        first.train();
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, dir);
        assertTrue(Files.isRegularFile(dir.resolve(Checkpoint.SPECTRAL)));
        var resumed = Checkpoint.open(dir).resume(TinyGan.bars(64, 1), config(SpectralNorm.CONVOLUTIONS, 6));
        resumed.train();
        assertEquals(straight.discriminator().network().params(), resumed.discriminator().network().params());
        assertEquals(straight.generator().network().params(), resumed.generator().network().params());

        Files.delete(dir.resolve(Checkpoint.SPECTRAL));
        var e = assertThrows(CheckpointException.class, () -> Checkpoint.open(dir));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(Checkpoint.SPECTRAL), e.getMessage());
    }

    @Test
    void itReplacesBatchNormAndOldDefinitionsReadAsOff() {
        var spec = DiscriminatorSpec.dcgan();
        assertTrue(spec.withSpectralNorm(SpectralNorm.ALL).spectral());
        assertFalse(spec.withSpectralNorm(SpectralNorm.ALL).batchNorm(), "spectral normalisation takes batch norm's place");
        assertFalse(spec.withSpectralNorm(SpectralNorm.ALL).withBatchNorm(true).spectral());
        assertThrows(IllegalArgumentException.class,
                () -> new DiscriminatorSpec(64, 3, List.of(64), true, SpectralNorm.CONVOLUTIONS));

        for (SpectralNorm which : List.of(SpectralNorm.ALL, SpectralNorm.CONVOLUTIONS)) {
            var on = config(which, 1).definition();
            assertEquals(which, RunDefinition.fromProperties(on.toProperties()).discriminator().spectralNorm());
            assertNotEquals(on, config(SpectralNorm.OFF, 1).definition());
        }
        var off = config(SpectralNorm.OFF, 1).definition().toProperties();
        assertFalse(off.containsKey("discriminator.spectral_norm"), "recipes without it keep their definition hash");
        assertEquals(SpectralNorm.OFF, RunDefinition.fromProperties(off).discriminator().spectralNorm());
    }

    @Test
    void r1WorksWithIt() {
        TrainingConfig base = config(SpectralNorm.ALL, 2);
        var run = new TrainingConfig(base.definition().toBuilder().r1(10, 1).build(), base.schedule());
        var trainer = new GanTrainer(run, TinyGan.bars(64, 1));
        trainer.train();
        assertTrue(trainer.history().row(1).r1() > 0);
        assertNormalised(trainer.discriminator().network(), 3, "after R1 steps");
    }
}
