package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.util.Files2;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generators the library ships: their weights match their checksums, their provenance is whole, and they draw. */
class ReferenceGeneratorTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static byte[] resource(String word, String name) throws Exception {
        try (InputStream in = ReferenceGeneratorTest.class.getResourceAsStream(ExportedGenerator.SHIPPED.get(word) + name)) {
            assertTrue(in != null, "the " + word + " generator's " + name + " is not on the classpath");
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ExportedGenerator.REFERENCE_NAME, ExportedGenerator.UPRIGHT_SQUARES_NAME,
            ExportedGenerator.ROTATED_SQUARES_NAME})
    void theShippedWeightsMatchTheirChecksumAndStayUnderTenMegabytes(String word) throws Exception {
        byte[] weights = resource(word, ExportedGenerator.WEIGHTS);
        assertTrue(weights.length < 10_000_000, weights.length + " bytes");
        String sha = HexFormat.of().formatHex(Files2.sha256Digest().digest(weights));
        assertEquals(sha, ExportedGenerator.shipped(word).get("sha256"));
    }

    @ParameterizedTest
    @CsvSource({"reference, shapes", "reference-upright-squares, 'shapes:square,upright'",
            "reference-rotated-squares, shapes:square"})
    void itsProvenanceNamesTheRunThatMadeIt(String word, String dataset) {
        ExportedGenerator r = ExportedGenerator.shipped(word);
        long iteration = Long.parseLong(r.get("iteration"));
        assertTrue(iteration > 0);
        assertEquals(iteration * r.definition().batchSize(), Long.parseLong(r.get("images_seen")));
        assertTrue(r.get("command").startsWith("./gan train "), r.get("command"));
        assertTrue(r.get("command").contains("--seed " + r.definition().seed() + " "), r.get("command"));
        assertTrue(Double.parseDouble(r.get("training_seconds")) > 0);
        assertTrue(r.get("machine").contains("cores"), r.get("machine"));
        assertEquals(dataset, r.dataset());
        assertTrue(Double.isFinite(Double.parseDouble(r.get("evaluation.fd"))), "its evaluation travels with it");
    }

    @ParameterizedTest
    @ValueSource(strings = {ExportedGenerator.REFERENCE_NAME, ExportedGenerator.UPRIGHT_SQUARES_NAME,
            ExportedGenerator.ROTATED_SQUARES_NAME})
    void itDrawsImagesOfTheDesignNotesShape(String word) {
        var g = ExportedGenerator.shipped(word).generator();
        INDArray images = g.generate(LatentNoise.sample(1, 2, 0, 8, g.spec().latentSize(), g.dataType()));
        assertEquals(java.util.List.of(8L, 3L, 64L, 64L), java.util.Arrays.stream(images.shape()).boxed().toList());
        assertTrue(images.amaxNumber().doubleValue() <= 1 && Double.isFinite(images.sumNumber().doubleValue()));
        assertTrue(images.stdNumber().doubleValue() > 0.05, "the images are not flat");
    }

    @Test
    void anUnknownWordListsTheShippedOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExportedGenerator.shipped("referense"));
        assertEquals("no shipped generator is called referense; there are reference, reference-rotated-squares,"
                + " reference-upright-squares",
                e.getMessage());
    }
}
