package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.util.Version;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** run.json in a run folder: valid JSON naming the definition, its hash, the schedule, the library and the data. */
class RunRecordTest {
    static final ImageDataset BARS = TinyGan.bars(40, 2);

    @TempDir
    Path tmp;

    @Test
    void aRunFolderSaysWhichRunWroteIt() throws IOException {
        TrainingConfig config = TinyGan.config(3, 2, 4, DataType.FLOAT);
        Path run = tmp.resolve("run");
        RunFolder.openOrResume(run, BARS, config).train();
        JsonNode json = new ObjectMapper().readTree(run.resolve(RunRecord.FILE).toFile());
        assertEquals(Version.library(), json.get("library_version").asText());
        assertEquals(BARS.spec(), json.get("dataset").asText());
        assertEquals("4", json.get("definition").get("batch_size").asText());
        assertEquals("3", json.get("definition").get("seed").asText());
        assertEquals("2", json.get("schedule").get("iterations").asText());
        assertEquals(0, json.get("session_started_at_iteration").asLong());
        String hash = json.get("definition_sha256").asText();
        assertEquals(RunRecord.hash(config.definition().toProperties()), hash);

        // resumed to 4 iterations: the same recipe, the same hash, a longer schedule, a later start
        RunFolder.openOrResume(run, BARS, config.withIterations(4)).train();
        JsonNode resumed = new ObjectMapper().readTree(run.resolve(RunRecord.FILE).toFile());
        assertEquals(hash, resumed.get("definition_sha256").asText());
        assertEquals("4", resumed.get("schedule").get("iterations").asText());
        assertEquals(2, resumed.get("session_started_at_iteration").asLong());

        RunDefinition faster = config.definition().toBuilder().learningRate(1e-3).build();
        assertNotEquals(hash, RunRecord.hash(faster.toProperties()), "another recipe, another hash");
    }
}
