package io.gannotebooks.cli;

import static io.gannotebooks.cli.CommandLineTest.gan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.CheckpointException;
import io.gannotebooks.train.ExportedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ./gan export writes a generator that draws what the run's checkpoint draws, and refuses damaged weights. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
    }

    @Test
    void anExportedGeneratorDrawsWhatItsCheckpointDrawsAndNamesWhereItComesFrom() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, gan("train", "--iterations", 3, "--batch", 4, "--seed", 9, "--out", run).status());
        Path exported = tmp.resolve("exported");
        var o = gan("export", "--checkpoint", run, "--out", exported, "--command", "./gan train --iterations 3");
        assertEquals(0, o.status(), o.err());

        ExportedGenerator e = ExportedGenerator.open(exported);
        assertEquals("3", e.get("iteration"));
        assertEquals("12", e.get("images_seen"));
        assertEquals("./gan train --iterations 3", e.get("command"));
        assertEquals("shapes", e.dataset());
        assertEquals(9, e.definition().seed());
        assertTrue(e.get("machine").contains("cores"), e.get("machine"));
        assertTrue(Files.size(exported.resolve("generator.zip")) < Files.size(run.resolve("checkpoint/generator.zip")),
                "the export keeps no Adam state");
        INDArray z = LatentNoise.sample(1, 2, 0, 5, 100, e.generator().dataType());
        assertArrayEquals(Checkpoint.open(run).generator().generate(z).reshape(-1).toFloatVector(),
                e.generator().generate(z).reshape(-1).toFloatVector());

        assertEquals(0, gan("sample", "--checkpoint", exported, "--n", 4, "--out", tmp.resolve("s.png")).status());
        assertTrue(Files.size(tmp.resolve("s.png")) > 100);
    }

    @Test
    void damagedWeightsAreRefusedInOneLine() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, gan("train", "--iterations", 1, "--batch", 2, "--out", run).status());
        Path exported = tmp.resolve("exported");
        assertEquals(0, gan("export", "--checkpoint", run, "--out", exported).status());
        byte[] bytes = Files.readAllBytes(exported.resolve("generator.zip"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(exported.resolve("generator.zip"), bytes);
        var e = assertThrows(CheckpointException.class, () -> ExportedGenerator.open(exported));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        var o = gan("sample", "--checkpoint", exported, "--out", tmp.resolve("x.png"));
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("gan: ") && o.err().contains("damaged") && !o.err().contains("\tat "), o.err());
        assertEquals(2, gan("export", "--checkpoint", run).status(), "--out is required");
    }
}
