package io.gannotebooks.train;

/** A checkpoint that is missing, truncated, corrupted or not ours; the message names the file. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
