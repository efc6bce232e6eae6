package io.gannotebooks.train;

import io.gannotebooks.plot.TrainingCharts;
import io.gannotebooks.util.Files2;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;

/**
 * Writes a run to a folder as it trains: history.csv (one line per iteration, flushed, so a crash loses
 * nothing), samples/iter_NNNNNN.png (fixed-noise grids), checkpoint/ every K iterations and at the end,
 * and loss.png. The command line and the notebooks attach the same listener.
 */
public final class RunOutputs implements TrainingListener {
    static {
        // ImageIO's default disk cache registers a JVM shutdown hook on first use; when that first use is
        // the loss plot written after Ctrl-C, inside shutdown, it throws "Shutdown in progress" and the plot
        // is lost. Memory is enough for pictures this size.
        ImageIO.setUseCache(false);
    }

    private final Path dir;
    private final String datasetSpec;
    private BufferedWriter historyCsv;

    public RunOutputs(Path dir, String datasetSpec) {
        this.dir = dir;
        this.datasetSpec = datasetSpec;
    }

    public Path dir() {
        return dir;
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoint");
    }

    public Path samplesDir() {
        return dir.resolve("samples");
    }

    @Override
    public void onStart(GanTrainer trainer) {
        try {
            Files.createDirectories(samplesDir());
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
            int every = trainer.config().checkpointEvery();
            if (every > 0 && trainer.iteration() % every == 0 && !trainer.finished()) {
                Checkpoint.save(trainer, datasetSpec, checkpointDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onSamples(GanTrainer trainer, long iteration, BufferedImage grid) {
        writePng(grid, samplesDir().resolve(String.format("iter_%06d.png", iteration)));
    }

    @Override
    public void onEnd(GanTrainer trainer) {
        try {
            if (historyCsv != null) {
                historyCsv.close();
                historyCsv = null;
            }
            if (trainer.failure() == null && trainer.history().size() > 0) {
                Checkpoint.save(trainer, datasetSpec, checkpointDir());
                writePng(TrainingCharts.overview(trainer.history()), dir.resolve("loss.png"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a PNG atomically: a reader never sees a half-written picture. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            Files2.writeAtomically(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
