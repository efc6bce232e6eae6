package io.gannotebooks.bench.spike;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** How far one implementation's results are from another's, array by array. */
final class BlockComparison {
    /** What a step produces, by name. */
    static final Map<String, Function<DeconvBlock, INDArray>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("output", DeconvBlock::output);
        PARTS.put("dL/dx", DeconvBlock::inputGradient);
        PARTS.put("dL/dW", DeconvBlock::weightGradient);
        PARTS.put("dL/dgamma", DeconvBlock::gammaGradient);
        PARTS.put("dL/dbeta", DeconvBlock::betaGradient);
    }

    private BlockComparison() {
    }

    /** max |a - b| / max |b| in double precision, over the elements in logical order ([1, C] equals [C]). */
    static double relativeError(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE).reshape(a.length());
        INDArray y = b.castTo(DataType.DOUBLE).reshape(b.length());
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("sizes differ: " + a.length() + " vs " + b.length());
        }
        double scale = Transforms.abs(y).maxNumber().doubleValue();
        return Transforms.abs(x.sub(y)).maxNumber().doubleValue() / scale;
    }

    /** The largest relative error over all parts. */
    static double worst(DeconvBlock candidate, DeconvBlock reference) {
        double worst = 0;
        for (var get : PARTS.values()) {
            worst = Math.max(worst, relativeError(get.apply(candidate), get.apply(reference)));
        }
        return worst;
    }
}
