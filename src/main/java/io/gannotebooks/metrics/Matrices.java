package io.gannotebooks.metrics;

/** The few dense-matrix operations the measures need, on double[rows][columns]. */
final class Matrices {
    private Matrices() {
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int rows = a.length;
        int inner = b.length;
        int columns = b[0].length;
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            if (a[i].length != inner) {
                throw new IllegalArgumentException("cannot multiply: " + a[i].length + " columns by " + inner + " rows");
            }
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                double[] oi = out[i];
                for (int j = 0; j < columns; j++) {
                    oi[j] += aik * bk[j];
                }
            }
        }
        return out;
    }

    static double trace(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += m[i][i];
        }
        return sum;
    }

    static double frobeniusSquared(double[][] m) {
        double sum = 0;
        for (double[] row : m) {
            for (double x : row) {
                sum += x * x;
            }
        }
        return sum;
    }

    /** (m + mᵀ) / 2: removes the asymmetry that rounding leaves in a product meant to be symmetric. */
    static double[][] symmetrised(double[][] m) {
        int n = m.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (m[i][j] + m[j][i]) / 2;
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** Checks that every row has the same length and returns it. */
    static int columns(double[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        int d = rows[0].length;
        for (double[] row : rows) {
            if (row.length != d) {
                throw new IllegalArgumentException(what + " has rows of different lengths (" + d + " and "
                        + row.length + ")");
            }
        }
        return d;
    }
}
