package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.Downsampling;
import io.gannotebooks.model.SpectralNorm;
import io.gannotebooks.testing.TinyGan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A D whose blocks convolve at full side and then average 2x2 blocks ({@code --d-downsample pooled}): in the
 * run definition (older definitions read as strided, with their hash unchanged), trained with R1 and with
 * spectral normalisation, resumed exactly from a checkpoint. The layer's gradients, the native pass against
 * DL4J's and R1's first-order gradient are checked in LayerGradientTest, NativeLayersTest and R1GradientTest.
 */
class PooledDiscriminatorTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static TrainingConfig config(long iterations, RunDefinition.Builder lever) {
        TrainingConfig tiny = TinyGan.config(3, iterations, 8, DataType.FLOAT);
        return new TrainingConfig(lever.dDownsampling(Downsampling.POOLED).build(), tiny.schedule());
    }

    private static RunDefinition.Builder recipe() {
        return TinyGan.config(3, 1, 8, DataType.FLOAT).definition().toBuilder().dBatchNorm(false);
    }

    @Test
    void itIsPartOfTheDefinitionAndOldDefinitionsReadAsStrided() {
        RunDefinition pooled = config(1, recipe()).definition();
        RunDefinition strided = recipe().build();
        assertEquals("pooled", pooled.toProperties().getProperty("discriminator.downsampling"));
        assertEquals(Downsampling.POOLED, RunDefinition.fromProperties(pooled.toProperties()).discriminator().downsampling());
        assertNotEquals(strided, pooled);
        assertFalse(strided.toProperties().containsKey("discriminator.downsampling"),
                "recipes without it keep their definition hash");
        assertEquals(Downsampling.STRIDED, RunDefinition.fromProperties(strided.toProperties()).discriminator().downsampling());
    }

    @Test
    void itTrainsWithR1AndWithSpectralNormalisation() {
        var withR1 = new GanTrainer(config(3, recipe().r1(10, 1)), TinyGan.bars(64, 1));
        withR1.train();
        var d = withR1.discriminator().network();
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < d.getnLayers(); i++) {
            if (d.getLayer(i).conf().getLayer() instanceof SubsamplingLayer pool) {
                pools.add(pool.getLayerName());
            }
        }
        assertEquals(List.of("pool1", "pool2"), pools);
        assertTrue(withR1.history().row(2).r1() > 0);
        assertTrue(Double.isFinite(withR1.history().row(2).lossD()));

        var spectral = new GanTrainer(config(3, recipe().dSpectralNorm(SpectralNorm.ALL)), TinyGan.bars(64, 1));
        spectral.train();
        assertTrue(Double.isFinite(spectral.history().row(2).lossD()));
    }

    @Test
    void aResumedRunContinuesExactly() throws IOException {
        var straight = new GanTrainer(config(4, recipe().r1(10, 2)), TinyGan.bars(64, 1));
        straight.train();
        var first = new GanTrainer(config(2, recipe().r1(10, 2)), TinyGan.bars(64, 1));
        first.train();
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, dir);
        var resumed = Checkpoint.open(dir).resume(TinyGan.bars(64, 1), config(4, recipe().r1(10, 2)));
        resumed.train();
        assertEquals(straight.discriminator().network().params(), resumed.discriminator().network().params());
        assertEquals(straight.generator().network().params(), resumed.generator().network().params());
    }
}
