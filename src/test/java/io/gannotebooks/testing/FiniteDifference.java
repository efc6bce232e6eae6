package io.gannotebooks.testing;

import java.util.function.DoubleSupplier;
import java.util.function.LongPredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central differences of a scalar function of an array, compared entry by entry with an analytic gradient:
 * (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h against ∂f/∂θᵢ, on about {@code samples} evenly spread entries.
 */
public final class FiniteDifference {
    /** The worst entry: its relative error |a − n| / (|a| + |n|), and where it is. */
    public record Report(int checked, double worstError, String worstAt) {
        @Override
        public String toString() {
            return checked + " entries checked, worst relative error " + worstError + " at " + worstAt;
        }
    }

    private FiniteDifference() {
    }

    /**
     * @param values   the array f reads (written in place and restored: a network's parameter view)
     * @param analytic ∂f/∂values, the same length
     * @param skip     entries to leave out (e.g. batch norm's running statistics)
     * @param floor    absolute differences below this are agreement, whatever their ratio
     */
    public static Report check(INDArray values, INDArray analytic, DoubleSupplier f, double h, int samples,
                               LongPredicate skip, double floor) {
        int checked = 0;
        double worst = 0;
        String worstAt = "nowhere";
        long stride = Math.max(1, values.length() / samples);
        for (long i = 0; i < values.length(); i += stride) {
            if (skip.test(i)) {
                continue;
            }
            double original = values.getDouble(i);
            values.putScalar(i, original + h);
            double plus = f.getAsDouble();
            values.putScalar(i, original - h);
            double minus = f.getAsDouble();
            values.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            double a = analytic.getDouble(i);
            double error = Math.abs(a - numeric) / Math.max(1e-300, Math.abs(a) + Math.abs(numeric));
            if (Math.abs(a - numeric) > floor && error > worst) {
                worst = error;
                worstAt = "entry " + i + ": analytic " + a + " vs finite differences " + numeric;
            }
            checked++;
        }
        return new Report(checked, worst, worstAt);
    }
}
