package io.gannotebooks.train;

import io.gannotebooks.data.ImageDataset;
import java.nio.file.Path;

/**
 * The one way a run is opened, by {@code ./gan train} and by the training notebook alike: continue the run
 * saved in {@code dir} if it has a checkpoint (a notebook re-run, a kernel that died, {@code --resume}),
 * otherwise start it; either way with {@link RunOutputs} attached, so history and checkpoints land in
 * {@code dir}. A resumed run keeps its definition and dataset: an unchanged setting is accepted, a changed
 * one refused with one line naming it ({@link Checkpoint#resume}).
 */
public final class RunFolder {
    private RunFolder() {
    }

    public static GanTrainer openOrResume(Path dir, ImageDataset data, TrainingConfig config) {
        GanTrainer trainer = Checkpoint.exists(dir) ? Checkpoint.open(dir).resume(data, config)
                : new GanTrainer(config, data);
        return trainer.addListener(new RunOutputs(dir));
    }
}
