package io.gannotebooks.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Calls one of libnd4j's custom ops by name with the output arrays given, and sizes the buffers layers own. */
final class NativeOp {
    private NativeOp() {
    }

    /** Runs op {@code name} on {@code inputs}, writing {@code outputs}; integer then floating-point arguments. */
    static void run(String name, INDArray[] inputs, INDArray[] outputs, int[] integers, double... reals) {
        var op = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(integers);
        if (reals.length > 0) {
            op.addFloatingPointArguments(Arrays.stream(reals).boxed().toArray(Double[]::new));
        }
        Nd4j.getExecutioner().exec(op.build());
    }

    static INDArray[] of(INDArray... arrays) {
        return arrays;
    }

    /** {@code current} if it already has this type and shape, else a new uninitialised array [shape] ('c' order). */
    static INDArray buffer(INDArray current, DataType type, long... shape) {
        if (current != null && current.dataType() == type && Arrays.equals(current.shape(), shape)) {
            return current;
        }
        return Nd4j.createUninitialized(type, shape);
    }
}
