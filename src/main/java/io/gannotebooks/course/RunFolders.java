package io.gannotebooks.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.gannotebooks.train.Checkpoint;
import java.util.Optional;

/**
 * The notebooks' run folders: what the training notebook does with its folder when asked for a fresh run instead
 * of a resumed one, and how the analysis notebook opens the run the training notebook left.
 */
public final class RunFolders {
    private RunFolders() {
    }

    /**
     * The checkpoint of the training notebook's run in {@code runDir}. Without one (notebook 03 has not run in this
     * profile yet) the error says so in one sentence and carries no stack trace: the notebook shows the learner
     * what to do, not where in the library the file was missing. A damaged checkpoint fails as
     * {@link Checkpoint#open} says.
     */
    public static Checkpoint trainedRun(Path runDir, Profile profile) {
        if (!Checkpoint.exists(runDir)) {
            throw new NotTrainedYet("no trained run in " + runDir.normalize() + " yet: run notebook 03 (03-training) "
                    + "first, in the same profile (" + Profile.VARIABLE + "=" + profile.name() + "), then this one");
        }
        return Checkpoint.open(runDir);
    }

    /** The analysis notebook opened before the training notebook ran: a message for the learner, no stack trace. */
    public static final class NotTrainedYet extends RuntimeException {
        NotTrainedYet(String message) {
            super(message, null, false, false);
        }
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
