package io.gannotebooks.plot;

import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.TrainingListener;
import io.gannotebooks.util.Files2;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pictures of a run folder, written as it trains: samples/iter_NNNNNN.png (the fixed-noise images
 * as a grid, every {@code sampleEvery} iterations and at the end) and loss.png at the end. The command
 * line and the training notebook attach it beside {@link io.gannotebooks.train.RunOutputs}.
 */
public final class RunPictures implements TrainingListener {
    static {
        // ImageIO's default disk cache registers a JVM shutdown hook on first use; when that first use is
        // the loss plot written after Ctrl-C, inside shutdown, it throws "Shutdown in progress" and the plot
        // is lost. Memory is enough for pictures this size.
        ImageIO.setUseCache(false);
    }

    private final Path dir;

    public RunPictures(Path dir) {
        this.dir = dir;
    }

    /** Where the grid of iteration {@code iteration} goes. */
    public Path samplePath(long iteration) {
        return dir.resolve("samples").resolve(String.format("iter_%06d.png", iteration));
    }

    @Override
    public void onSamples(GanTrainer trainer, long iteration, INDArray images) {
        writePng(ImageGrid.of(images), samplePath(iteration));
    }

    @Override
    public void onEnd(GanTrainer trainer) {
        if (trainer.failure() == null && trainer.history().size() > 0) {
            writePng(TrainingCharts.overview(trainer.history()), dir.resolve("loss.png"));
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
