package io.gannotebooks.metrics;

import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Networks the library trains for its own use, kept as DL4J zips under {@code <cache>/models/} and named
 * by the hash of their recipe: a changed recipe gets a new file, so stale weights are never read. A file
 * is written whole under a temporary name and renamed, so a crash or two processes training at once
 * leave either no file or a complete one.
 */
final class ModelCache {
    private final Path directory;

    ModelCache(Path cacheRoot) {
        this.directory = cacheRoot.resolve("models");
    }

    Path fileFor(String name, String key) {
        return directory.resolve(name + "-" + key + ".zip");
    }

    /**
     * The cached network {@code name-key}, or a freshly trained one that is then cached. A damaged file is
     * reported on {@code progress} (may be null) and replaced.
     */
    ComputationGraph graph(String name, String key, Supplier<ComputationGraph> train, PrintStream progress) {
        Path file = fileFor(name, key);
        if (Files.exists(file)) {
            try {
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            } catch (IOException | RuntimeException e) {
                if (progress != null) {
                    progress.println("the cached " + name + " " + file + " is unreadable (" + e.getMessage()
                            + "); training it again");
                }
            }
        }
        ComputationGraph network = train.get();
        try {
            Files2.writeAtomically(file, out -> ModelSerializer.writeModel(network, out, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the " + name + " in " + file + ": " + e.getMessage(), e);
        }
        return network;
    }
}
