package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The notebooks as committed: without outputs or execution counts (running them produces those), and every
 * cell with an id of its own (nbformat 4.5 requires one; nbformat's validator warns today and will refuse).
 */
class CommittedNotebooksTest {
    @Test
    void notebooksAreCommittedWithoutOutputsAndWithACellIdEach() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(4, notebooks.size(), notebooks.toString());
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            JsonNode root = new ObjectMapper().readTree(nb.toFile());
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (JsonNode cell : root.get("cells")) {
                String where = nb.getFileName() + " cell " + i++;
                JsonNode id = cell.get("id");
                if (id == null || id.asText().isEmpty()) {
                    problems.add(where + " has no id");
                } else if (!ids.add(id.asText())) {
                    problems.add(where + " repeats the id " + id.asText());
                }
                if (cell.has("outputs") && cell.get("outputs").size() > 0) {
                    problems.add(where + " has outputs");
                }
                if (cell.has("execution_count") && !cell.get("execution_count").isNull()) {
                    problems.add(where + " has an execution count");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
