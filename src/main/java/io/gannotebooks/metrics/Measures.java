package io.gannotebooks.metrics;

import io.gannotebooks.data.ShapeClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Names, targets and meanings of the measures: the rows of an {@link Evaluation}, in reading order. */
final class Measures {
    /** Even spread: 1000 samples from 5 equal classes score 0.999; shares 30/25/20/15/10% score 0.96. */
    static final double ENTROPY_TARGET = 0.95;
    /** Twice what fresh real images score by construction ({@link Memorisation#COPY_QUANTILE}). */
    static final double COPY_TARGET = 2 * Memorisation.COPY_QUANTILE;

    private Measures() {
    }

    static List<Measure> of(Scores generated, Scores real, String featureSpace) {
        List<Measure> rows = new ArrayList<>();
        rows.add(new Measure("fd", "Fréchet distance in " + featureSpace, generated.frechet(), real.frechet(),
                Optional.empty(), "lower is better; real vs real is the floor at this sample size"));
        rows.add(new Measure("kid", "kernel distance (KID estimator) in " + featureSpace, generated.kernel(),
                real.kernel(), Optional.empty(), "unbiased MMD², cubic kernel; about 0 for real images"));
        ManifoldCoverage g = generated.manifold();
        ManifoldCoverage r = real.manifold();
        String k = "k = " + g.k();
        rows.add(new Measure("precision", "precision (" + k + " manifolds)", g.precision(), r.precision(),
                Optional.empty(), "share of generated images inside the real manifold: realism"));
        rows.add(new Measure("recall", "recall (" + k + " manifolds)", g.recall(), r.recall(), Optional.empty(),
                "share of real images inside the generated manifold: variety"));
        rows.add(new Measure("density", "density (" + k + ")", g.density(), r.density(), Optional.empty(),
                "about 1 when matched; above 1 crowds the typical images"));
        rows.add(new Measure("coverage", "coverage (" + k + ")", g.coverage(), r.coverage(), Optional.empty(),
                "share of real neighbourhoods holding a generated image"));
        if (generated.classes() != null) {
            addClasses(rows, generated.classes(), real.classes());
        }
        if (generated.memorisation() != null) {
            Memorisation m = generated.memorisation();
            rows.add(new Measure("nearest_ratio", "distance to nearest training image, generated / held-out real",
                    m.medianRatio(), Double.NaN, Optional.empty(),
                    "medians, in pixels: about 1 novel, well below 1 copies, above 1 not yet realistic"));
            rows.add(new Measure("copy_share", "near-copies of training images", m.copyShare(),
                    Memorisation.COPY_QUANTILE, Optional.of(Target.atMost(COPY_TARGET)),
                    "closer to the training set than 95% of held-out real images"));
        }
        return rows;
    }

    private static void addClasses(List<Measure> rows, ClassHistogram generated, ClassHistogram real) {
        rows.add(new Measure("confident", "confidently classified (p ≥ " + Measure.format(generated.threshold()) + ")",
                generated.confidentShare(), real.confidentShare(), Optional.of(Target.atLeast(0.9)),
                "share of images the shape classifier names with confidence"));
        rows.add(new Measure("classes_covered", "classes with at least half their share",
                generated.classesCovered(), real.classesCovered(), Optional.of(Target.atLeast(1)),
                "mode coverage: 1 = all " + generated.drawnCount() + " shape classes present in strength"));
        if (generated.drawnCount() > 1) {
            rows.add(new Measure("class_entropy", "class entropy / log " + generated.drawnCount(),
                    generated.normalizedEntropy(), real.normalizedEntropy(), Optional.of(Target.atLeast(ENTROPY_TARGET)),
                    "1 = classes evenly spread, 0 = one class only"));
        }
        double[] shares = generated.shares();
        double[] realShares = real.shares();
        for (ShapeClass c : ShapeClass.values()) {
            // a class the data do not draw has no share to reach: its row shows how much G strays into it
            Optional<Target> target = generated.drawn().contains(c) ? Optional.of(Target.atLeast(generated.halfShare()))
                    : Optional.empty();
            rows.add(new Measure("share_" + c.word(), "share of " + c.word(), shares[c.ordinal()],
                    realShares[c.ordinal()], target, "classified as " + c.word()));
        }
    }
}
