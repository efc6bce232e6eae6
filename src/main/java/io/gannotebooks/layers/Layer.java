package io.gannotebooks.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a network in training: a forward pass that remembers what its backward pass needs, and a
 * backward pass that turns ∂L/∂(output) into ∂L/∂(input) and writes ∂L/∂(parameters) into the parameters'
 * gradient views.
 *
 * <p>Buffers: each layer owns the arrays it writes, allocated when the batch size changes and reused
 * otherwise, so a training step allocates no activation or gradient. What a pass returns stays valid until
 * the layer's next pass of the same kind. To save memory, some layers write over arrays they are given;
 * they say so through {@link #overwritesInput()}, and {@link LayerStack} checks that nobody still needs
 * what they overwrite.
 */
public interface Layer {
    /** A short name for tables and messages ("up1", "bn1"). */
    String name();

    /**
     * The forward pass in training mode.
     *
     * @param input [B, ...]; kept (not copied) for the backward pass, so it must not change in between
     * @return the output [B, ...]: this layer's buffer, or {@code input} itself for a layer that works in place
     */
    INDArray forward(INDArray input);

    /**
     * The backward pass of the latest {@link #forward}.
     *
     * @param outputGradient     ∂L/∂(output), the shape of the output; the layer may write over it
     * @param inputGradient      whether ∂L/∂(input) is wanted (not for a network's first layer, whose input is data)
     * @param parameterGradients whether to write ∂L/∂(parameters) into the gradient views
     * @return ∂L/∂(input), or null when not wanted and not computed
     */
    INDArray backward(INDArray outputGradient, boolean inputGradient, boolean parameterGradients);

    /**
     * The tangent pass (forward mode): the layer's derivative at the latest {@link #forward} applied to a
     * direction, dy = J(x) dx. Linear layers apply their weights without the bias, activations multiply by
     * their slope at x. Until the next {@link #forward}, {@link #backward} is then the backward pass of that
     * linear map at input dx: the same input gradient, weight gradients from dx, and bias gradients of 0
     * (a bias does not change J). What R1 needs without a second derivative ({@code Discriminator}).
     *
     * @param direction dx, the shape of the latest forward input; the layer may write over it
     * @return dy: a buffer of this layer's, or {@code direction} itself for a layer that works in place
     * @throws UnsupportedOperationException for a layer whose derivative depends on its whole batch
     */
    default INDArray tangent(INDArray direction) {
        throw new UnsupportedOperationException(name() + " has no tangent pass");
    }

    /** Whether this layer writes over its input (in its forward or backward pass). */
    default boolean overwritesInput() {
        return false;
    }

    /**
     * Whether the backward pass writes over this layer's output (the layers after it have read it by then;
     * only a stack's last output, which the caller holds, must stay).
     */
    default boolean overwritesOutputInBackward() {
        return false;
    }

    /** Whether the backward pass reads this layer's own output (then the next layer must leave it alone). */
    default boolean readsOutputInBackward() {
        return false;
    }

    /** Whether the output is a view of the input (a reshape): then both are the same memory. */
    default boolean outputIsInputView() {
        return false;
    }
}
