package io.gannotebooks.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a run to a folder as it trains: run.json (which run this is, {@link RunRecord}) when it starts,
 * history.csv (one line per iteration, flushed, so a crash loses nothing) and checkpoint/ every K iterations
 * and at the end. {@link RunFolder} attaches it; the pictures
 * (sample grids, loss.png) are written by {@code io.gannotebooks.plot.RunPictures}.
 */
public final class RunOutputs implements TrainingListener {
    private final Path dir;
    private BufferedWriter historyCsv;

    public RunOutputs(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoint");
    }

    @Override
    public void onStart(GanTrainer trainer) {
        try {
            Files.createDirectories(dir);
            RunRecord.write(trainer, dir);
            // on resume the checkpoint's history is the truth: rows written after it are recomputed identically
            trainer.history().write(dir.resolve("history.csv"));
            historyCsv = Files.newBufferedWriter(dir.resolve("history.csv"), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    @Override
    public void onStep(GanTrainer trainer, StepResult result) {
        try {
            historyCsv.write(TrainingHistory.csvLine(result));
            historyCsv.newLine();
            historyCsv.flush();
            int every = trainer.config().schedule().checkpointEvery();
            if (every > 0 && trainer.iteration() % every == 0 && !trainer.finished()) {
                Checkpoint.save(trainer, checkpointDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEnd(GanTrainer trainer) {
        try {
            if (historyCsv != null) {
                historyCsv.close();
                historyCsv = null;
            }
            if (trainer.failure() == null && trainer.history().size() > 0) {
                Checkpoint.save(trainer, checkpointDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }
}
