package io.gannotebooks.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class EvaluationTest {
    @TempDir
    Path tmp;

    static Evaluation sample() {
        return new Evaluation("checkpoint \"a\", iteration 3", "shapes", "features", 10, 10, List.of(
                new Measure("fd", "Fréchet distance, in features", 1.23456789, 0.5, Optional.empty(), "lower, better"),
                new Measure("confident", "confident", 0.85, 0.99, Optional.of(Target.atLeast(0.9)), "names"),
                new Measure("copy_share", "copies", 0.01, Double.NaN, Optional.of(Target.atMost(0.1)), "copies")),
                Optional.of(new ClassHistogram(new int[]{1, 2, 3, 4, 0}, 7, 0.9)));
    }

    @Test
    void tableShowsValuesTargetsAndVerdicts() {
        var t = sample().table();
        assertEquals(3, t.rowCount());
        assertEquals(1.235, t.doubleColumn("value").get(0), 1e-12, "four significant digits");
        assertEquals("≥ 0.9", t.stringColumn("target").get(1));
        assertEquals("NO", t.stringColumn("met").get(1));
        assertEquals("yes", t.stringColumn("met").get(2));
        assertEquals("", t.stringColumn("met").get(0));
    }

    @Test
    void writesCsvAndValidJson() throws IOException {
        sample().writeTo(tmp);
        List<String> csv = Files.readAllLines(tmp.resolve("evaluation.csv"));
        assertEquals("key,measure,value,real_vs_real,target,met,meaning", csv.get(0));
        assertEquals("fd,\"Fréchet distance, in features\",1.23456789,0.5,,,\"lower, better\"", csv.get(1));
        assertEquals("copy_share,copies,0.01,,≤ 0.1,true,copies", csv.get(3));

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("evaluation.json").toFile());
        assertEquals("checkpoint \"a\", iteration 3", json.get("subject").asText());
        assertEquals(3, json.get("class_counts").get("triangle").asInt());
        JsonNode confident = json.get("measures").get(1);
        assertEquals(0.9, confident.get("target").get("at_least").asDouble());
        assertEquals(false, confident.get("met").asBoolean());
        assertTrue(json.get("measures").get(2).get("real_vs_real").isNull());
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }
}
