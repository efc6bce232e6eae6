package io.gannotebooks.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The same numbers under another shape, row-major ('c' order) as DL4J's pre-processors read them: the
 * generator's dense output [B, 8192] seen as [B, 128, 8, 8], the discriminator's last map [B, 512, 4, 4]
 * seen as [B, 8192]. A view, not a copy.
 */
public final class Reshape implements Layer {
    private final String name;
    private final long[] shape; // of one example
    private long[] inputShape;

    /** @param shape the shape of one example after the reshape */
    public Reshape(String name, long... shape) {
        this.name = name;
        this.shape = shape.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray forward(INDArray x) {
        inputShape = x.shape();
        long[] to = new long[shape.length + 1];
        to[0] = x.size(0);
        System.arraycopy(shape, 0, to, 1, shape.length);
        return view(x, to);
    }

    @Override
    public INDArray backward(INDArray g, boolean wantInputGradient, boolean parameterGradients) {
        return view(g, inputShape);
    }

    private INDArray view(INDArray x, long[] to) {
        if (Arrays.stream(to).reduce(1, (p, q) -> p * q) != x.length()) {
            throw new IllegalArgumentException(name + ": cannot see " + Arrays.toString(x.shape()) + " as "
                    + Arrays.toString(to));
        }
        return x.reshape('c', to); // a view of a contiguous row-major array (every buffer here is one)
    }

    @Override
    public INDArray tangent(INDArray direction) {
        return forward(direction);
    }

    @Override
    public boolean outputIsInputView() {
        return true;
    }
}
