package io.gannotebooks.data;

/**
 * Hears how opening an image folder goes, so the command line can draw a progress line and a notebook can
 * print a note. Every call comes from the thread that called open, one after another.
 */
public interface ProgressListener {

    /** {@code done} of {@code total} files decoded or found unreadable. Not called when the cache is used. */
    default void decoded(int done, int total) {
    }

    /** A one-line message for the user: where the cache is, how many files were skipped. */
    default void note(String line) {
    }

    static ProgressListener silent() {
        return new ProgressListener() {
        };
    }
}
