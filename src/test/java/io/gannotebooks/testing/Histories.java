package io.gannotebooks.testing;

import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Training histories as tests compare them: every number but the wall clock. */
public final class Histories {
    private Histories() {
    }

    /** The rows of {@code history} with their seconds set to 0. */
    public static List<StepResult> withoutClock(TrainingHistory history) {
        return history.rows().stream().map(r -> new StepResult(r.iteration(), r.epoch(), r.lossD(), r.lossG(),
                r.dReal(), r.dFake(), r.dFakeAfter(), r.r1(), 0)).toList();
    }

    /** A history.csv file, of this version's format or of the one before R1, without the clock. */
    public static List<StepResult> withoutClock(Path csv) {
        try {
            return withoutClock(TrainingHistory.read(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A history.csv test resource, read as {@link TrainingHistory#read} reads files. */
    public static List<StepResult> resource(String name) {
        try (InputStream in = Histories.class.getResourceAsStream(name)) {
            Path tmp = Files.createTempFile("history", ".csv");
            try {
                Files.write(tmp, in.readAllBytes());
                return withoutClock(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
