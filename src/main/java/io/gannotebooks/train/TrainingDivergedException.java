package io.gannotebooks.train;

/** A loss or probability became NaN or infinite: continuing would only spread it through the weights. */
public final class TrainingDivergedException extends RuntimeException {
    private final long iteration;

    public TrainingDivergedException(long iteration, String quantity) {
        super("training diverged at iteration " + (iteration + 1) + ": " + quantity
                + (quantity.endsWith("s") ? " are" : " is") + " no longer finite (NaN or infinite)");
        this.iteration = iteration;
    }

    private TrainingDivergedException(long iteration, String message, Throwable cause) {
        super(message, cause);
        this.iteration = iteration;
    }

    /** The same failure, with what the user can do about it appended to the message. */
    public TrainingDivergedException withAdvice(String advice) {
        return new TrainingDivergedException(iteration, getMessage() + ". " + advice, this);
    }

    /** 0-based index of the iteration that produced the non-finite value. */
    public long iteration() {
        return iteration;
    }
}
