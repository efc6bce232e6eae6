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
        INDArray viaFloat = GeneratorGradientTest.backprop(gFloat, dFloat, z).dup();
        INDArray viaDouble = GeneratorGradientTest.backprop(gDouble, dDouble, z.castTo(DataType.DOUBLE)).dup();
        double scale = Transforms.abs(viaDouble).maxNumber().doubleValue();
        double worst = Transforms.abs(viaFloat.castTo(DataType.DOUBLE).sub(viaDouble)).maxNumber().doubleValue();
        assertTrue(worst < 1e-3 * scale, "largest difference " + worst + " against largest gradient " + scale);

        INDArray images = gFloat.generate(z);
        INDArray dGradFloat = dFloat.backward(images, Discriminator.REAL).parameterGradient();
        INDArray dGradDouble = dDouble.backward(images.castTo(DataType.DOUBLE), Discriminator.REAL).parameterGradient();
        double dScale = Transforms.abs(dGradDouble).maxNumber().doubleValue();
        double dWorst = Transforms.abs(dGradFloat.castTo(DataType.DOUBLE).sub(dGradDouble)).maxNumber().doubleValue();
        assertTrue(dWorst < 1e-3 * dScale, "D: largest difference " + dWorst + " against largest gradient " + dScale);
    }
}
