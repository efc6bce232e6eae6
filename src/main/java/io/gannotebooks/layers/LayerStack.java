package io.gannotebooks.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers in sequence: the forward pass runs them in order, the backward pass in reverse, each layer's
 * input gradient being the previous layer's output gradient (the chain rule).
 *
 * <p>Layers that work in place (ReLU writes over its input, batch normalisation over its input in the
 * backward pass) are checked once here: the array they overwrite is the previous layer's output, so that
 * layer must not read its own output in its backward pass, and it must not be the stack's input, which
 * belongs to the caller. Activations also write over their output in the backward pass (by then the
 * layers after them are done with it), which the stack allows for every layer but the last: its output is
 * the stack's result, which the caller holds.
 */
public final class LayerStack {
    private final List<Layer> layers;
    private INDArray outputGradient; // a copy of the caller's ∂L/∂(output), which the top layer may write over

    public LayerStack(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        Layer last = layers.get(layers.size() - 1);
        if (last.overwritesOutputInBackward()) {
            throw new IllegalArgumentException(last.name() + " writes over its output in the backward pass, and"
                    + " as the last layer its output is the caller's result");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).overwritesInput()) {
                continue;
            }
            int producer = i - 1;
            while (producer >= 0 && layers.get(producer).outputIsInputView()) {
                producer--;
            }
            if (producer < 0) {
                throw new IllegalArgumentException(layers.get(i).name() + " writes over its input, which is the"
                        + " caller's data");
            }
            if (layers.get(producer).readsOutputInBackward()) {
                throw new IllegalArgumentException(layers.get(i).name() + " writes over the output of "
                        + layers.get(producer).name() + ", which its backward pass still reads");
            }
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The forward pass in training mode; the result is the top layer's buffer, valid until the next forward. */
    public INDArray forward(INDArray input) {
        INDArray x = input;
        LayerClock clock = LayerClock.active();
        for (Layer layer : layers) {
            long start = clock == null ? 0 : System.nanoTime();
            x = layer.forward(x);
            if (clock != null) {
                clock.forward(layer, start, x);
            }
        }
        return x;
    }

    /**
     * The tangent pass of the latest {@link #forward}: J(x) v, the directional derivative of the output along
     * {@code direction} (see {@link Layer#tangent}); a following {@link #backward} differentiates that
     * directional derivative with respect to the weights. {@code direction} itself is left as it is.
     */
    public INDArray tangent(INDArray direction) {
        INDArray v = direction.dup(); // activations multiply their input in place
        for (Layer layer : layers) {
            v = layer.tangent(v);
        }
        return v;
    }

    /**
     * The backward pass of the latest {@link #forward}: writes every layer's parameter gradients (when
     * {@code parameterGradients}) and returns ∂L/∂(input) (when {@code inputGradient}, else null).
     * {@code gradient} itself is left as it is.
     */
    public INDArray backward(INDArray gradient, boolean inputGradient, boolean parameterGradients) {
        outputGradient = NativeOp.buffer(outputGradient, gradient.dataType(), gradient.shape());
        INDArray g = outputGradient.assign(gradient);
        LayerClock clock = LayerClock.active();
        for (int i = layers.size() - 1; i >= 0; i--) {
            long start = clock == null ? 0 : System.nanoTime();
            g = layers.get(i).backward(g, i > 0 || inputGradient, parameterGradients);
            if (clock != null) {
                clock.backward(layers.get(i), start);
            }
        }
        return g;
    }
}
