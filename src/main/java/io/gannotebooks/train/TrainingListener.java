package io.gannotebooks.train;

/**
 * Hooks through which the command line and the notebooks show progress without their own loop.
 * All methods have empty defaults; they run on the training thread, between iterations.
 */
public interface TrainingListener {

    /** Before the first iteration of this session; {@code trainer.iteration()} > 0 after a resume. */
    default void onStart(GanTrainer trainer) {
    }

    /** After every iteration. */
    default void onStep(GanTrainer trainer, StepResult result) {
    }

    /**
     * After G drew its images of the fixed noise ({@link Schedule#sampleEvery}, and at the end):
     * {@code images} is [fixedNoiseCount, C, H, W] in [-1, 1].
     */
    default void onSamples(GanTrainer trainer, long iteration, org.nd4j.linalg.api.ndarray.INDArray images) {
    }

    /** When training stops, normally or not. */
    default void onEnd(GanTrainer trainer) {
    }
}
