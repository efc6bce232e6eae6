package io.gannotebooks.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the training notebook does with its run folder when asked for a fresh run instead of a resumed one. */
public final class RunFolders {
    private RunFolders() {
    }

    /**
     * Renames {@code dir} to {@code NAME.previous-1} beside it (or {@code -2}, …: the first free name), so that
     * a new run starts in {@code dir}; nothing is deleted. Returns the new name, or empty when {@code dir}
     * does not exist.
     */
    public static Optional<Path> setAside(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        Path absolute = dir.toAbsolutePath().normalize();
        for (int k = 1; ; k++) {
            Path target = absolute.resolveSibling(absolute.getFileName() + ".previous-" + k);
            if (!Files.exists(target)) {
                try {
                    return Optional.of(Files.move(absolute, target));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rename " + absolute + " to " + target + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
