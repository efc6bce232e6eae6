package io.gannotebooks.train;

import io.gannotebooks.data.ImageDataset;
import java.nio.file.Path;

/**
 * The training notebook's one call: continue the run in {@code dir} if it has a checkpoint (a notebook
 * re-run, or a kernel that died), otherwise start it; either way with {@link RunOutputs} attached so
 * the history, samples and checkpoints land in {@code dir} as with {@code ./gan train}.
 */
public final class CourseRun {
    private CourseRun() {
    }

    public static GanTrainer openOrCreate(Path dir, String datasetSpec, ImageDataset data, TrainingConfig config) {
        GanTrainer trainer;
        if (Checkpoint.exists(dir)) {
            Checkpoint checkpoint = Checkpoint.open(dir);
            long target = Math.max(config.iterations(), checkpoint.iteration());
            trainer = checkpoint.resume(data, checkpoint.config().withIterations(target)
                    .withIntervals(config.sampleEvery(), config.checkpointEvery()));
        } else {
            trainer = new GanTrainer(config, data);
        }
        return trainer.addListener(new RunOutputs(dir, datasetSpec));
    }
}
