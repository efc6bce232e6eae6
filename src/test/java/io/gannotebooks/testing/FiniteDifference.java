package io.gannotebooks.testing;

import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongPredicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central differences, the one place the tests write them: (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h against an
 * analytic ∂f/∂θᵢ, entry by entry on about {@code samples} evenly spread entries of an array (a network's
 * parameters, a layer's input, a toy model's few numbers), or for one scalar.
 */
public final class FiniteDifference {
    /** The worst entry: its relative error |a − n| / (|a| + |n|), and where it is. */
    public record Report(int checked, double worstError, String worstAt) {
        @Override
        public String toString() {
            return checked + " entries checked, worst relative error " + worstError + " at " + worstAt;
        }
    }

    /** What is perturbed: read and written in place, and restored after each entry. */
    private interface Entries {
        long length();

        double get(long i);

        void set(long i, double value);
    }

    private FiniteDifference() {
    }

    /** (f(x + h) − f(x − h)) / 2h. */
    public static double derivative(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /**
     * @param values   the array f reads (written in place and restored: a network's parameter view)
     * @param analytic ∂f/∂values, the same length
     * @param skip     entries to leave out (e.g. batch norm's running statistics)
     * @param floor    absolute differences up to this are agreement, whatever their ratio
     */
    public static Report check(INDArray values, INDArray analytic, DoubleSupplier f, double h, int samples,
                               LongPredicate skip, double floor) {
        return check(new Entries() {
            public long length() {
                return values.length();
            }

            public double get(long i) {
                return values.getDouble(i);
            }

            public void set(long i, double value) {
                values.putScalar(i, value);
            }
        }, analytic::getDouble, f, h, samples, skip, floor);
    }

    /** The same for every entry of a plain array. */
    public static Report check(double[] values, double[] analytic, DoubleSupplier f, double h, double floor) {
        return check(new Entries() {
            public long length() {
                return values.length;
            }

            public double get(long i) {
                return values[(int) i];
            }

            public void set(long i, double value) {
                values[(int) i] = value;
            }
        }, i -> analytic[(int) i], f, h, values.length, i -> false, floor);
    }

    private static Report check(Entries values, java.util.function.LongToDoubleFunction analytic, DoubleSupplier f,
                                double h, int samples, LongPredicate skip, double floor) {
        int checked = 0;
        double worst = 0;
        String worstAt = "nowhere";
        long stride = Math.max(1, values.length() / samples);
        for (long i = 0; i < values.length(); i += stride) {
            if (skip.test(i)) {
                continue;
            }
            double original = values.get(i);
            values.set(i, original + h);
            double plus = f.getAsDouble();
            values.set(i, original - h);
            double minus = f.getAsDouble();
            values.set(i, original);
            double numeric = (plus - minus) / (2 * h);
            double a = analytic.applyAsDouble(i);
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
