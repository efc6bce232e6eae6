package io.gannotebooks.metrics;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix, A = V diag(λ) Vᵀ, by the cyclic Jacobi method.
 *
 * <p>Jacobi is slow for large matrices (O(d³) per sweep, a handful of sweeps) but the feature spaces here
 * have at most a few hundred dimensions, where it takes milliseconds; in exchange it is short, needs no
 * library and is accurate to rounding even for the nearly singular covariances of small samples, which
 * is what the Fréchet distance feeds it.
 *
 * @param values  the eigenvalues, largest first
 * @param vectors the matching unit eigenvectors as columns: {@code vectors[i][k]} is component i of vector k
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes {@code a}, which must be square and symmetric (only checked up to rounding). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length
                        + " entries, expected " + n);
            }
            m[i] = a[i].clone();
        }
        double[][] v = Matrices.identity(n);
        double scale = Math.max(Matrices.frobeniusSquared(m), Double.MIN_NORMAL);
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonalSquared(m) > 1e-30 * scale; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, p, q);
                }
            }
        }
        return sorted(m, v);
    }

    /**
     * One Jacobi rotation in the (p, q) plane, chosen to zero m[p][q]: m ← Jᵀ m J and v ← v J, with
     * J = identity except J[p][p] = J[q][q] = c, J[p][q] = s, J[q][p] = −s.
     */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) {
            return;
        }
        // t = tan of the rotation angle: the smaller root of t² + 2θt − 1 = 0, which keeps the rotation
        // below 45° and the update numerically stable
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) { // columns p and q
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) { // rows p and q
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonalSquared(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    sum += m[i][j] * m[i][j];
                }
            }
        }
        return sum;
    }

    private static SymmetricEigen sorted(double[][] m, double[][] v) {
        int n = m.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * V diag(f(λ)) Vᵀ: a function applied to the matrix through its eigenvalues (square root, inverse...).
     */
    public double[][] map(java.util.function.DoubleUnaryOperator f) {
        int n = values.length;
        double[] fv = new double[n];
        for (int k = 0; k < n; k++) {
            fv[k] = f.applyAsDouble(values[k]);
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += vectors[i][k] * fv[k] * vectors[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }

    /**
     * The symmetric square root of a positive semi-definite matrix. Eigenvalues that rounding pushed
     * slightly below zero are taken as zero: a covariance has none below zero.
     */
    public double[][] sqrt() {
        return map(lambda -> Math.sqrt(Math.max(lambda, 0)));
    }
}
