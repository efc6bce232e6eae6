package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.AdamSettings;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.NetworkSettings;
import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.util.Streams;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D trained on images moved ε to where it errs most ({@code --d-adversarial}): the moved images lie ε away
 * (L2) along the gradient of D's loss and raise it, D itself is left alone; in the run definition (older
 * definitions read as 0 with their hash unchanged); it changes training and resumes exactly.
 */
class AdversarialDiscriminatorTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static INDArray images(long seed, int n) {
        var r = Streams.of(seed, 7, 0);
        double[] v = new double[n * 3 * 8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.tanh(1.5 * r.nextGaussian());
        }
        return Nd4j.create(v, new long[]{n, 3, 8, 8}, DataType.DOUBLE);
    }

    /** −Σ log D(x) (y = 1) or −Σ log(1 − D(x)) (y = 0), from D's verdicts. */
    private static double loss(Discriminator d, INDArray x, double y) {
        double sum = 0;
        for (double p : d.backward(x, y, Discriminator.Wanted.IMAGE).probabilities()) {
            sum -= Math.log(y == Discriminator.REAL ? p : 1 - p);
        }
        return sum;
    }

    @Test
    void theImagesMoveByTheRadiusAlongTheLossGradientAndRaiseTheLoss() {
        var d = new Discriminator(TinyGan.discriminator().withBatchNorm(false),
                new NetworkSettings(4, AdamSettings.NO_MOMENTUM, DataType.DOUBLE));
        d.network().params().muli(25); // weights far enough from N(0, 0.02) for D to have an opinion
        INDArray x = images(2, 5);
        INDArray before = d.network().params().dup();
        for (double y : new double[]{Discriminator.REAL, Discriminator.FAKE}) {
            INDArray g = d.backward(x, y, Discriminator.Wanted.IMAGE).imageGradient().dup();
            double[] given = d.backward(x, y, Discriminator.Wanted.IMAGE).probabilities();
            var hardest = d.hardest(x, y, 1e-4);
            assertEquals(java.util.Arrays.toString(given), java.util.Arrays.toString(hardest.probabilities()));
            for (int i = 0; i < 5; i++) {
                INDArray step = hardest.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).sub(
                        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)));
                INDArray gi = g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
                assertEquals(1e-4, step.norm2Number().doubleValue(), 1e-14, "image " + i + " moved by ε");
                double cosine = step.mul(gi).sumNumber().doubleValue()
                        / (step.norm2Number().doubleValue() * gi.norm2Number().doubleValue());
                assertEquals(1, cosine, 1e-12, "image " + i + " moved along the loss gradient");
            }
            // to first order the loss rises by ε Σ ‖gᵢ‖, the most any move of that length can give
            double rise = loss(d, hardest.images(), y) - loss(d, x, y);
            double expected = 0;
            for (int i = 0; i < 5; i++) {
                expected += 1e-4 * g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).norm2Number().doubleValue();
            }
            assertTrue(expected > 1e-6, "D's loss has a gradient: " + expected);
            assertEquals(expected, rise, 0.01 * expected, "label " + y);
        }
        assertEquals(before, d.network().params(), "D itself is left as it was");
    }

    private static TrainingConfig config(double radius, long iterations) {
        TrainingConfig tiny = TinyGan.config(6, iterations, 8, DataType.FLOAT);
        return new TrainingConfig(tiny.definition().toBuilder().adversarialRadius(radius).build(), tiny.schedule());
    }

    @Test
    void itIsPartOfTheDefinitionAndOldDefinitionsReadAsOff() {
        RunDefinition on = config(2, 1).definition();
        RunDefinition off = config(0, 1).definition();
        assertEquals(2, RunDefinition.fromProperties(on.toProperties()).adversarialRadius());
        assertNotEquals(on, off);
        assertFalse(off.toProperties().containsKey("discriminator.adversarial_radius"),
                "recipes without it keep their definition hash");
        assertEquals(0, RunDefinition.fromProperties(off.toProperties()).adversarialRadius());
        var e = assertThrows(IllegalArgumentException.class, () -> config(-1, 1));
        assertTrue(e.getMessage().contains("adversarial radius"), e.getMessage());
    }

    @Test
    void itChangesTrainingAndAResumedRunContinuesExactly() throws IOException {
        var plain = new GanTrainer(config(0, 4), TinyGan.bars(64, 1));
        plain.train();
        var straight = new GanTrainer(config(2, 4), TinyGan.bars(64, 1));
        straight.train();
        assertNotEquals(plain.discriminator().network().params(), straight.discriminator().network().params());
        assertEquals(plain.history().row(0).dReal(), straight.history().row(0).dReal(), 1e-6,
                "the history reports D's verdict on the images as given");

        var first = new GanTrainer(config(2, 2), TinyGan.bars(64, 1));
        first.train();
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.save(first, dir);
        var resumed = Checkpoint.open(dir).resume(TinyGan.bars(64, 1), config(2, 4));
        resumed.train();
        assertEquals(straight.discriminator().network().params(), resumed.discriminator().network().params());
        assertEquals(straight.generator().network().params(), resumed.generator().network().params());
    }
}
