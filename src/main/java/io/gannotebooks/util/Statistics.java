package io.gannotebooks.util;

import java.util.Arrays;

/** Small summaries of a sample that several places need. */
public final class Statistics {
    private Statistics() {
    }

    /** The median: the middle value, or the mean of the two middle values of an even count. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
