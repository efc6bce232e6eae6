package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.metrics.SymmetricEigen;
import io.gannotebooks.model.DiscriminatorSpec;
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

    private static TrainingConfig config(boolean spectral, long iterations) {
        TrainingConfig tiny = TinyGan.config(5, iterations, 8, DataType.FLOAT);
        RunDefinition d = tiny.definition().toBuilder().dBatchNorm(false).dSpectralNorm(spectral).build();
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

    private static void assertNormalised(MultiLayerNetwork d, String when) {
        List<Double> sigmas = largestSingularValues(d);
        assertEquals(3, sigmas.size(), "two convolutions and the dense unit");
        for (double sigma : sigmas) {
            assertEquals(1, sigma, 2e-3, when + ": σ = " + sigmas);
        }
    }

    @Test
    void everyWeightHasLargestSingularValueOneFromTheStartAndAfterEveryStep() {
        var trainer = new GanTrainer(config(true, 5), TinyGan.bars(64, 1));
        assertNormalised(trainer.discriminator().network(), "a fresh D");
        trainer.train();
        assertNormalised(trainer.discriminator().network(), "after 5 steps");

        var plain = new GanTrainer(config(false, 5), TinyGan.bars(64, 1));
        plain.train();
        assertTrue(largestSingularValues(plain.discriminator().network()).stream().allMatch(s -> s < 0.5),
                "without it D's N(0, 0.02) weights stay far below 1 (what makes the check above mean something)");
        assertNotEquals(plain.history().row(4).lossD(), trainer.history().row(4).lossD());
    }

    @Test
    void aResumedRunProjectsExactlyAsTheUninterruptedOne() throws IOException {
        var straight = new GanTrainer(config(true, 6), TinyGan.bars(64, 1));
        straight.train();

        var first = new GanTrainer(config(true, 3), TinyGan.bars(64, 1));
        first.train();
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, dir);
        assertTrue(Files.isRegularFile(dir.resolve(Checkpoint.SPECTRAL)));
        var resumed = Checkpoint.open(dir).resume(TinyGan.bars(64, 1), config(true, 6));
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
        assertTrue(spec.withSpectralNorm(true).spectralNorm());
        assertFalse(spec.withSpectralNorm(true).batchNorm(), "spectral normalisation takes batch norm's place");
        assertFalse(spec.withSpectralNorm(true).withBatchNorm(true).spectralNorm());
        assertThrows(IllegalArgumentException.class, () -> new DiscriminatorSpec(64, 3, List.of(64), true, true));

        var on = config(true, 1).definition();
        assertTrue(RunDefinition.fromProperties(on.toProperties()).discriminator().spectralNorm());
        var off = config(false, 1).definition().toProperties();
        assertFalse(off.containsKey("discriminator.spectral_norm"), "recipes without it keep their definition hash");
        assertFalse(RunDefinition.fromProperties(off).discriminator().spectralNorm());
        assertNotEquals(on, config(false, 1).definition());
    }

    @Test
    void r1WorksWithIt() {
        TrainingConfig base = config(true, 2);
        var run = new TrainingConfig(base.definition().toBuilder().r1(10, 1).build(), base.schedule());
        var trainer = new GanTrainer(run, TinyGan.bars(64, 1));
        trainer.train();
        assertTrue(trainer.history().row(1).r1() > 0);
        assertNormalised(trainer.discriminator().network(), "after R1 steps");
    }
}
