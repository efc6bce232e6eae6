package io.gannotebooks.metrics;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, squared:
 *
 * <pre>
 *   FD² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 * </pre>
 *
 * <p>Fitted to the features of real and of generated images this is the measure popularised as FID, when
 * the features are those of an ImageNet Inception network. This project downloads nothing, so it computes
 * the same formula in feature spaces of its own; its numbers are comparable only within one feature space
 * and one sample size (the estimate is biased upwards, more so for small samples), never with published FIDs.
 *
 * <p>The matrix square root is taken on the symmetric form Σ₁^½ Σ₂ Σ₁^½ rather than on the product
 * Σ₁Σ₂ (the usual shortcut): it has the same trace of square root, and staying symmetric lets a plain
 * symmetric eigensolver do the work with no complex parts to discard.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** FD² between Gaussians fitted to two feature sets, [n][d] and [m][d]. */
    public static double between(double[][] a, double[][] b) {
        return between(GaussianFit.of(a), GaussianFit.of(b));
    }

    public static double between(GaussianFit a, GaussianFit b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("feature sets differ in dimension: " + a.dimension() + " and "
                    + b.dimension());
        }
        double meanTerm = Matrices.squaredDistance(a.mean(), b.mean());
        double[][] rootA = SymmetricEigen.of(a.covariance()).sqrt();
        double[][] middle = Matrices.symmetrised(Matrices.multiply(Matrices.multiply(rootA, b.covariance()), rootA));
        double traceOfRoot = 0;
        for (double lambda : SymmetricEigen.of(middle).values()) {
            traceOfRoot += Math.sqrt(Math.max(lambda, 0));
        }
        double fd = meanTerm + Matrices.trace(a.covariance()) + Matrices.trace(b.covariance()) - 2 * traceOfRoot;
        // identical inputs give 0 up to rounding, which may land a hair below zero
        return Math.max(fd, 0);
    }
}
