package io.gannotebooks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tangent pass J(x)·v of a discriminator-shaped stack against central differences of its forward pass,
 * in double precision; what a backward pass after it computes (no bias gradient, the input gradient of the
 * linear map); and that it reads the activations' slopes correctly whether or not a backward pass ran first.
 */
class TangentPassTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void setUp() {
        Backend.configure();
        Nd4j.getRandom().setSeed(7);
    }

    private static Parameter parameter(double scale, long... shape) {
        return new Parameter(Nd4j.randn(D, shape).muli(scale), Nd4j.zeros(D, shape));
    }

    /** 8×8×3 → 4×4×4 → 2×2×5 → one logit, LeakyReLU 0.2 between, biases everywhere: D's shape, small. */
    private static final List<Parameter> PARAMETERS = List.of(parameter(0.5, 4, 3, 4, 4), parameter(0.5, 4),
            parameter(0.5, 5, 4, 4, 4), parameter(0.5, 5), parameter(0.5, 20, 1), parameter(0.5, 1));

    private static LayerStack stack() {
        var p = PARAMETERS;
        var down = new Geometry(4, 4, 2, 2, 1, 1);
        return new LayerStack(List.of(new Convolution("down1", p.get(0), p.get(1), down), new LeakyReLU("lrelu1", 0.2),
                new Convolution("down2", p.get(2), p.get(3), down), new LeakyReLU("lrelu2", 0.2),
                new Reshape("flatten", 20), new Dense("logit", p.get(4), p.get(5))));
    }

    @Test
    void tangentIsTheDirectionalDerivativeOfTheForwardPass() {
        INDArray x = Nd4j.randn(D, 3, 3, 8, 8);
        INDArray v = Nd4j.randn(D, 3, 3, 8, 8);
        LayerStack s = stack();
        double h = 1e-6;
        INDArray plus = s.forward(x.add(v.mul(h))).dup();
        INDArray minus = s.forward(x.sub(v.mul(h))).dup();
        INDArray numeric = plus.sub(minus).divi(2 * h);
        s.forward(x);
        INDArray tangent = s.tangent(v).dup();
        assertEquals(0, tangent.sub(numeric).amaxNumber().doubleValue(), 1e-7 * numeric.amaxNumber().doubleValue() + 1e-12,
                "J v " + tangent + " against finite differences " + numeric);
    }

    @Test
    void tangentAfterABackwardPassReadsTheSameSlopes() {
        INDArray x = Nd4j.randn(D, 2, 3, 8, 8);
        INDArray v = Nd4j.randn(D, 2, 3, 8, 8);
        LayerStack s = stack();
        s.forward(x);
        INDArray fresh = s.tangent(v).dup();
        s.forward(x);
        s.backward(Nd4j.ones(D, 2, 1), true, false); // overwrites each activation with its slope
        assertEquals(fresh, s.tangent(v));
    }

    @Test
    void backwardAfterTheTangentHasNoBiasGradientAndTheLinearMapsInputGradient() {
        INDArray x = Nd4j.randn(D, 2, 3, 8, 8);
        INDArray v = Nd4j.randn(D, 2, 3, 8, 8);
        LayerStack s = stack();
        s.forward(x);
        INDArray dx = s.backward(Nd4j.ones(D, 2, 1), true, true).dup(); // ∇ₓ s at x
        s.forward(x);
        s.tangent(v);
        INDArray dv = s.backward(Nd4j.ones(D, 2, 1), true, true);       // ∇ᵥ (J v) = Jᵀ 1, the same
        assertEquals(0, dv.sub(dx).amaxNumber().doubleValue(), 1e-12);
        for (int bias : new int[]{1, 3, 5}) {
            assertEquals(0, PARAMETERS.get(bias).gradient().amaxNumber().doubleValue(), "bias " + bias);
        }
        assertTrue(PARAMETERS.get(0).gradient().amaxNumber().doubleValue() > 0);
    }

    @Test
    void batchNormHasNoTangentPass() {
        var bn = new BatchNorm("bn", parameter(1, 4), parameter(1, 4), parameter(0, 4), parameter(0, 4), 1e-5, 0.9);
        bn.forward(Nd4j.randn(D, 2, 4, 2, 2));
        var e = assertThrows(UnsupportedOperationException.class, () -> bn.tangent(Nd4j.randn(D, 2, 4, 2, 2)));
        assertTrue(e.getMessage().contains("bn"), e.getMessage());
    }
}
