package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.Discriminator;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.GeneratorSpec;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.model.NetworkSettings;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training runs in single precision, where DL4J hands convolutions and batch norm to oneDNN; the
 * finite-difference test runs in double precision, where DL4J computes them itself. Same weights, same
 * inputs: the two paths must give the same gradients (to single-precision accuracy).
 */
class FastPathGradientTest {
    static final int BATCH = 8;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    @Test
    void singlePrecisionGradientsMatchTheVerifiedDoublePrecisionPath() {
        var gSpec = new GeneratorSpec(16, 4, 32, List.of(32, 16), 3);
        var dSpec = new DiscriminatorSpec(16, 3, List.of(16, 32));
        Generator gFloat = new Generator(gSpec, new NetworkSettings(1, 2e-4, 0.5, DataType.FLOAT));
        Discriminator dFloat = new Discriminator(dSpec, new NetworkSettings(2, 2e-4, 0.5, DataType.FLOAT));
        Generator gDouble = new Generator(gSpec, new NetworkSettings(1, 2e-4, 0.5, DataType.DOUBLE));
        Discriminator dDouble = new Discriminator(dSpec, new NetworkSettings(2, 2e-4, 0.5, DataType.DOUBLE));
        gDouble.network().setParams(gFloat.network().params().castTo(DataType.DOUBLE));
        dDouble.network().setParams(dFloat.network().params().castTo(DataType.DOUBLE));

        INDArray z = LatentNoise.sample(3, 0, 0, BATCH, 16, DataType.FLOAT);
        INDArray viaFloat = gradient(gFloat.network(), dFloat.network(), z);
        INDArray viaDouble = gradient(gDouble.network(), dDouble.network(), z.castTo(DataType.DOUBLE));
        double scale = Transforms.abs(viaDouble).maxNumber().doubleValue();
        double worst = Transforms.abs(viaFloat.castTo(DataType.DOUBLE).sub(viaDouble)).maxNumber().doubleValue();
        assertTrue(worst < 1e-3 * scale, "largest difference " + worst + " against largest gradient " + scale);

        INDArray images = gFloat.generate(z);
        var labels = org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, BATCH, 1);
        INDArray dGradFloat = dFloat.network().calculateGradients(images, labels, null, null).getFirst().gradient().dup();
        INDArray dGradDouble = dDouble.network().calculateGradients(images.castTo(DataType.DOUBLE),
                labels.castTo(DataType.DOUBLE), null, null).getFirst().gradient();
        double dScale = Transforms.abs(dGradDouble).maxNumber().doubleValue();
        double dWorst = Transforms.abs(dGradFloat.castTo(DataType.DOUBLE).sub(dGradDouble)).maxNumber().doubleValue();
        assertTrue(dWorst < 1e-3 * dScale, "D: largest difference " + dWorst + " against largest gradient " + dScale);
    }

    private static INDArray gradient(MultiLayerNetwork g, MultiLayerNetwork d, INDArray z) {
        g.setInput(z);
        List<INDArray> acts = g.feedForward(true, false);
        return GanTrainer.generatorGradient(g, d, acts.get(acts.size() - 1)).gradient().dup();
    }
}
