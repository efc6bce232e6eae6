package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.util.Files2;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator the library ships: its weights match their checksum, its provenance is whole, and it draws. */
class ReferenceGeneratorTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ReferenceGeneratorTest.class.getResourceAsStream(ExportedGenerator.REFERENCE + name)) {
            assertTrue(in != null, "the reference generator's " + name + " is not on the classpath");
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedWeightsMatchTheirChecksumAndStayUnderTenMegabytes() throws Exception {
        byte[] weights = resource(ExportedGenerator.WEIGHTS);
        assertTrue(weights.length < 10_000_000, weights.length + " bytes");
        String sha = HexFormat.of().formatHex(Files2.sha256Digest().digest(weights));
        assertEquals(sha, ExportedGenerator.reference().get("sha256"));
    }

    @Test
    void itsProvenanceNamesTheRunThatMadeIt() {
        ExportedGenerator r = ExportedGenerator.reference();
        long iteration = Long.parseLong(r.get("iteration"));
        assertTrue(iteration > 0);
        assertEquals(iteration * r.definition().batchSize(), Long.parseLong(r.get("images_seen")));
        assertTrue(r.get("command").startsWith("./gan train "), r.get("command"));
        assertTrue(Double.parseDouble(r.get("training_seconds")) > 0);
        assertTrue(r.get("machine").contains("cores"), r.get("machine"));
        assertEquals("shapes", r.dataset());
        assertTrue(Double.isFinite(Double.parseDouble(r.get("evaluation.fd"))), "its evaluation travels with it");
    }

    @Test
    void itDrawsImagesOfTheDesignNotesShape() {
        var g = ExportedGenerator.reference().generator();
        INDArray images = g.generate(LatentNoise.sample(1, 2, 0, 8, g.spec().latentSize(), g.dataType()));
        assertEquals(java.util.List.of(8L, 3L, 64L, 64L), java.util.Arrays.stream(images.shape()).boxed().toList());
        assertTrue(images.amaxNumber().doubleValue() <= 1 && Double.isFinite(images.sumNumber().doubleValue()));
        assertTrue(images.stdNumber().doubleValue() > 0.05, "the images are not flat");
    }
}
