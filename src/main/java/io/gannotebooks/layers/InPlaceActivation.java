package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise activation a = f(x) whose slope f′ can be read from a alone (ReLU, LeakyReLU), run in
 * place in both directions: forward overwrites x with a; backward overwrites a with f′ and multiplies,
 * ∂L/∂x = ∂L/∂a · f′. Two plain passes, about 3 times faster than libnd4j's {@code relu_bp}/{@code lrelu_bp}
 * on [64, 64, 64, 64]. a is free by then: the layer after this one read it in its own backward pass, which
 * ran first.
 */
abstract class InPlaceActivation implements Layer {
    private final String name;
    private INDArray output;
    private INDArray slope;      // f′ at the latest forward, kept by a tangent pass (a must stay as it is)
    private boolean linearised;  // a tangent pass ran since the latest forward
    private boolean outputIsSlope; // a backward pass ran since the latest forward: a was overwritten by f′

    InPlaceActivation(String name) {
        this.name = name;
    }

    /** x ← f(x). */
    abstract void activateInPlace(INDArray x);

    /** a ← f′ at the point whose activation is a. */
    abstract void slopeInPlace(INDArray a);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final INDArray forward(INDArray x) {
        activateInPlace(x);
        output = x;
        linearised = false;
        outputIsSlope = false;
        return x;
    }

    @Override
    public final INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        if (linearised) {
            return g.muli(slope);
        }
        slopeInPlace(output);
        outputIsSlope = true;
        return g.muli(output);
    }

    /** dy = f′(x) ⊙ dx, in place on dx; after a backward pass too, which left f′ where a was. */
    @Override
    public final INDArray tangent(INDArray direction) {
        slope = NativeOp.buffer(slope, output.dataType(), output.shape()).assign(output);
        if (!outputIsSlope) {
            slopeInPlace(slope);
        }
        linearised = true;
        return direction.muli(slope);
    }

    @Override
    public final boolean overwritesInput() {
        return true;
    }

    @Override
    public final boolean overwritesOutputInBackward() {
        return true;
    }

    @Override
    public final boolean readsOutputInBackward() {
        return true;
    }
}
