package io.gannotebooks.data;

/**
 * Hears how opening an image folder, font or archive goes, so the command line can draw a progress line and a notebook can
 * print a note. Every call comes from the thread that called open, one after another.
 */
public interface ProgressListener {

    /** {@code done} of {@code total} files decoded or found unreadable. Not called when the cache is used. */
    default void decoded(int done, int total) {
    }

    /** {@code bytes} of an archive downloaded so far, of {@code total} (-1 when the server does not say). */
    default void downloaded(long bytes, long total) {
    }

    /** A one-line message for the user: where the cache is, how many files were skipped. */
    default void note(String line) {
    }

    static ProgressListener silent() {
        return new ProgressListener() {
        };
    }
}
