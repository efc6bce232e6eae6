package io.gannotebooks.data;

/**
 * A dataset cannot be opened or read. The message is one line for the user and names the path involved,
 * so the command line and notebooks can print it as is, without a stack trace.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
