package io.gannotebooks.metrics;

/**
 * The raw numbers of one set of images against the real reference, before they are named and formatted
 * ({@link Measures}).
 *
 * @param classes      null outside the shapes dataset
 * @param memorisation null when not measured
 */
record Scores(double frechet, double kernel, ManifoldCoverage manifold, ClassHistogram classes,
              Memorisation memorisation) {

    /** Fits, distances and manifolds of {@code features} against the reference's. */
    static Scores of(double[][] features, double[][] reference, GaussianFit referenceFit, ClassHistogram classes,
                     Memorisation memorisation) {
        return new Scores(FrechetDistance.between(GaussianFit.of(features), referenceFit),
                KernelDistance.between(features, reference), ManifoldCoverage.of(reference, features), classes,
                memorisation);
    }
}
