package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.Augmentation;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.model.NetworkSettings;
import io.gannotebooks.testing.FiniteDifference;
import io.gannotebooks.testing.TinyGan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient G receives through D is the gradient of the non-saturating loss −Σ log D(G(z)), checked
 * against central finite differences in double precision; and computing it leaves D untouched.
 */
class GeneratorGradientTest {
    static final int BATCH = 5;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static Generator generator() {
        return new Generator(TinyGan.generator(), new NetworkSettings(11, 1e-3, 0.5, DataType.DOUBLE));
    }

    private static Discriminator discriminator() {
        return new Discriminator(TinyGan.discriminator(), new NetworkSettings(12, 1e-3, 0.5, DataType.DOUBLE));
    }

    /** −Σ_i log D(G(z_i)) with both networks in training mode (BatchNorm on batch statistics). */
    private static double loss(MultiLayerNetwork g, MultiLayerNetwork d, INDArray z) {
        INDArray p = d.output(g.output(z, true), true);
        return -Transforms.log(p, true).sumNumber().doubleValue();
    }

    /** G's step as GanTrainer takes it: D's input gradient with label "real", pushed back through G. */
    static INDArray backprop(Generator g, Discriminator d, INDArray z) {
        INDArray fake = g.forward(z);
        return g.backward(d.backward(fake, Discriminator.REAL).imageGradient());
    }

    @Test
    void generatorGradientMatchesCentralFiniteDifferences() {
        Generator gen = generator();
        Discriminator dis = discriminator();
        INDArray z = LatentNoise.sample(5, 0, 0, BATCH, 4, DataType.DOUBLE);
        INDArray analytic = backprop(gen, dis, z).dup();
        checkAgainstFiniteDifferences(gen.network(), analytic, () -> loss(gen.network(), dis.network(), z));
    }

    /**
     * With every augmentation on, G's gradient is that of −Σ log D(A(G(z))) for the batch's draws of A: the
     * augmentation's backward (its transpose) sits between D's input gradient and G's backward pass.
     */
    @Test
    void generatorGradientThroughTheAugmentationMatchesFiniteDifferences() {
        Generator gen = generator();
        Discriminator dis = discriminator();
        INDArray z = LatentNoise.sample(5, 0, 0, BATCH, 4, DataType.DOUBLE);
        var draws = (java.util.function.Supplier<io.gannotebooks.util.Streams.Generator>)
                () -> io.gannotebooks.util.Streams.of(3, io.gannotebooks.util.Streams.AUGMENTATION, 0, 2);
        var seen = Augmentation.ALL.apply(gen.forward(z), draws.get());
        INDArray analytic = gen.backward(seen.backward(dis.backward(seen.images(), Discriminator.REAL).imageGradient())).dup();
        checkAgainstFiniteDifferences(gen.network(), analytic, () -> {
            INDArray p = dis.network().output(Augmentation.ALL.apply(gen.network().output(z, true), draws.get()).images(), true);
            return -Transforms.log(p, true).sumNumber().doubleValue();
        });
    }

    private static void checkAgainstFiniteDifferences(MultiLayerNetwork g, INDArray analytic,
                                                      java.util.function.DoubleSupplier lossOfG) {

        // g.params() is a view: writing it changes the network; BatchNorm's running statistics are not trained
        var report = FiniteDifference.check(g.params(), analytic, lossOfG, 1e-6, 150, i -> isRunningStatistic(g, i), 1e-9);
        assertTrue(report.checked() > 100, report.toString());
        assertTrue(report.worstError() < 1e-5, report.toString());
    }

    @Test
    void generatorStepLeavesTheDiscriminatorBitForBitUnchanged() {
        Generator gen = generator();
        Discriminator dis = discriminator();
        MultiLayerNetwork g = gen.network();
        MultiLayerNetwork d = dis.network();
        // one real D update first, so D's Adam state and BatchNorm statistics are not trivially zero
        var trainer = new GanTrainer(TinyGan.config(3, 10, BATCH, DataType.DOUBLE), TinyGan.bars(64, 1));
        trainer.iterate();
        gen = trainer.generator();
        dis = trainer.discriminator();
        d = dis.network();
        g = gen.network();
        INDArray dParams = d.params().dup();
        INDArray dUpdater = d.getUpdater().getStateViewArray().dup();
        INDArray gParams = g.params().dup();

        INDArray z = LatentNoise.sample(6, 0, 0, BATCH, 4, DataType.DOUBLE);
        gen.update(backprop(gen, dis, z), BATCH, 1, 0);

        assertEquals(dParams, d.params(), "D's parameters (including BatchNorm statistics) changed");
        assertEquals(dUpdater, d.getUpdater().getStateViewArray(), "D's optimiser state changed");
        assertTrue(Transforms.abs(g.params().sub(gParams)).maxNumber().doubleValue() > 0, "G did not move");
    }

    private static boolean isRunningStatistic(MultiLayerNetwork net, long flatIndex) {
        long offset = 0;
        for (var layer : net.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                long n = entry.getValue().length();
                if (flatIndex < offset + n) {
                    String name = entry.getKey();
                    return name.equals("mean") || name.equals("var") || name.equals("log10stdev");
                }
                offset += n;
            }
        }
        return false;
    }

    @Test
    void parameterTablesCoverTheFlatParameterVector() {
        // isRunningStatistic walks the layers' parameter tables; they must tile params() exactly
        MultiLayerNetwork g = generator().network();
        long total = java.util.Arrays.stream(g.getLayers()).mapToLong(l -> l.numParams()).sum();
        assertEquals(g.numParams(), total);
    }
}
