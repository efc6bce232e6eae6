package io.gannotebooks.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paths between two latent vectors. Linear interpolation cuts through the middle of the Gaussian ball,
 * where a high-dimensional z almost never lies (‖z‖ ≈ √100 = 10); spherical interpolation keeps the
 * norm, so every point on the path looks like a sample G was trained on.
 */
public final class LatentWalk {
    private LatentWalk() {
    }

    /** {@code steps} points from a to b inclusive, [steps, latent]; a and b are [latent] or [1, latent]. */
    public static INDArray linear(INDArray a, INDArray b, int steps) {
        INDArray u = a.reshape(1, a.length());
        INDArray v = b.reshape(1, b.length());
        INDArray out = Nd4j.create(a.dataType(), steps, a.length());
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0 : (double) i / (steps - 1);
            out.putRow(i, u.mul(1 - t).addi(v.mul(t)));
        }
        return out;
    }

    /** Great-circle interpolation (slerp) between a and b. */
    public static INDArray spherical(INDArray a, INDArray b, int steps) {
        INDArray u = a.reshape(1, a.length());
        INDArray v = b.reshape(1, b.length());
        double cos = u.mul(v).sumNumber().doubleValue() / (u.norm2Number().doubleValue() * v.norm2Number().doubleValue());
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        if (omega < 1e-6) {
            return linear(a, b, steps);
        }
        INDArray out = Nd4j.create(a.dataType(), steps, a.length());
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0 : (double) i / (steps - 1);
            double wa = Math.sin((1 - t) * omega) / Math.sin(omega);
            double wb = Math.sin(t * omega) / Math.sin(omega);
            out.putRow(i, u.mul(wa).addi(v.mul(wb)));
        }
        return out;
    }
}
