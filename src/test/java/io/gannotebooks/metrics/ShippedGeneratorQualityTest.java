package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.train.ExportedGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the shipped generators draw, as the shape classifier sees it: the upright-squares generator draws squares
 * (its provenance says 86 % of 1 000), the five-class reference draws more than one class. A wrong file in the
 * resources, or a loader that drew with the wrong weights or statistics, fails here.
 */
class ShippedGeneratorQualityTest {
    private static final int IMAGES = 200;

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static ClassHistogram classes(Generator g) {
        var z = LatentNoise.sample(7, Evaluator.NOISE_STREAM, 0, IMAGES, g.spec().latentSize(), g.dataType());
        return ClassHistogram.of(TestCache.classifier().probabilities(g.generate(z)));
    }

    /**
     * The squares' generators draw squares: upright ones, and at many angles the one taught upright first (the
     * classifier, trained on every rotation, names most of them squares).
     */
    @ParameterizedTest
    @CsvSource({"reference-upright-squares, 0.75, 0.65", "reference-rotated-squares, 0.6, 0.6"})
    void theSquaresGeneratorsDrawSquares(String word, double minSquares, double minConfident) {
        ClassHistogram h = classes(ExportedGenerator.shipped(word).generator());
        double squares = h.shares()[ShapeClass.SQUARE.ordinal()];
        assertTrue(squares >= minSquares, word + ", squares: " + squares);
        assertTrue(h.confidentShare() >= minConfident, word + ", confident: " + h.confidentShare());
    }

    @Test
    void theReferenceDrawsSeveralClasses() {
        ClassHistogram h = classes(ExportedGenerator.reference().generator());
        long drawn = java.util.Arrays.stream(h.shares()).filter(s -> s >= 0.05).count();
        assertTrue(drawn >= 3, "classes with 5 % of the images: " + drawn + " " + java.util.Arrays.toString(h.shares()));
    }
}
