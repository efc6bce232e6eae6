package io.gannotebooks.train;

/** A loss or probability became NaN or infinite: continuing would only spread it through the weights. */
public final class TrainingDivergedException extends RuntimeException {
    private final long iteration;

    public TrainingDivergedException(long iteration, String quantity) {
        super("training diverged at iteration " + iteration + ": " + quantity + " is not a finite number");
        this.iteration = iteration;
    }

    public long iteration() {
        return iteration;
    }
}
