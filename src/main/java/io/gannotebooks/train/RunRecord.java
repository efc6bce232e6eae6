package io.gannotebooks.train;

import io.gannotebooks.util.Files2;
import io.gannotebooks.util.Json;
import io.gannotebooks.util.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code run.json} beside a run's history.csv and metrics.csv, which stay plain CSV: which run wrote them — its
 * definition, the definition's hash, the schedule, the library version and the dataset — readable without
 * opening the checkpoint (which holds the same, for resuming). Two folders with the same
 * {@code definition_sha256} trained the same recipe; their numbers differ only by dataset or schedule.
 */
public final class RunRecord {
    public static final String FILE = "run.json";

    private RunRecord() {
    }

    /** Writes (atomically) what {@code trainer} runs into {@code dir}/run.json. */
    public static void write(GanTrainer trainer, Path dir) throws IOException {
        Properties definition = trainer.config().definition().toProperties();
        Properties schedule = trainer.config().schedule().toProperties();
        String text = "{\n"
                + "  \"library_version\": " + Json.text(Version.library()) + ",\n"
                + "  \"dataset\": " + Json.text(trainer.data().spec()) + ",\n"
                + "  \"dataset_name\": " + Json.text(trainer.data().name()) + ",\n"
                + "  \"definition_sha256\": " + Json.text(hash(definition)) + ",\n"
                + "  \"definition\": " + object(definition) + ",\n"
                + "  \"schedule\": " + object(schedule) + ",\n"
                + "  \"session_started_at_iteration\": " + trainer.iteration() + "\n"
                + "}\n";
        Files2.writeAtomically(dir.resolve(FILE), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of the definition's key=value lines in key order: the same recipe, the same hash. */
    public static String hash(Properties definition) {
        MessageDigest digest = Files2.sha256Digest();
        for (String key : new TreeSet<>(definition.stringPropertyNames())) {
            digest.update((key + "=" + definition.getProperty(key) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String object(Properties p) {
        List<String> keys = List.copyOf(new TreeSet<>(p.stringPropertyNames()));
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ").append(Json.text(keys.get(i))).append(": ")
                    .append(Json.text(p.getProperty(keys.get(i))));
        }
        return out.append("\n  }").toString();
    }
}
