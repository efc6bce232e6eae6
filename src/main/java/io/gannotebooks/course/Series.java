package io.gannotebooks.course;

/**
 * Small readings of a series of numbers (a parameter's value per iteration): where it is lowest, and how far
 * it swings in successive windows, which is how a damped oscillation shows in numbers.
 */
public final class Series {
    private Series() {
    }

    /** The index of the smallest value (the first, on ties). */
    public static int argmin(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an empty series has no minimum");
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * max − min of each window of {@code window} values from index {@code from} on: [from, from + window),
     * [from + window, from + 2·window), …; a last window shorter than half of {@code window} is left out.
     */
    public static double[] swings(double[] values, int from, int window) {
        if (window < 1 || from < 0) {
            throw new IllegalArgumentException("need a window of 1 or more and a start of 0 or more");
        }
        int count = 0;
        for (int start = from; start < values.length; start += window) {
            if (Math.min(values.length, start + window) - start >= (window + 1) / 2) {
                count++;
            }
        }
        double[] out = new double[count];
        for (int w = 0; w < count; w++) {
            int start = from + w * window;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = start; i < Math.min(values.length, start + window); i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            out[w] = max - min;
        }
        return out;
    }
}
