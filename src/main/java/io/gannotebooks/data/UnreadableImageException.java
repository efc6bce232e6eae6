package io.gannotebooks.data;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * One file could not be turned into an image. The message is the short reason shown to the user and written
 * to the list of skipped files; {@link #kind()} is the category the one-line summary counts.
 */
final class UnreadableImageException extends Exception {
    static final String EMPTY = "empty";
    static final String NOT_AN_IMAGE = "not an image";
    static final String DAMAGED = "damaged";
    static final String CANNOT_OPEN = "cannot be opened";

    private final String kind;

    private UnreadableImageException(String kind, String reason) {
        super(reason, null, false, false); // expected and counted, never printed: no stack trace needed
        this.kind = kind;
    }

    static UnreadableImageException empty() {
        return new UnreadableImageException(EMPTY, "empty file");
    }

    static UnreadableImageException notAnImage() {
        return new UnreadableImageException(NOT_AN_IMAGE, "not a supported image");
    }

    static UnreadableImageException damaged(String detail) {
        return new UnreadableImageException(DAMAGED, "damaged (" + detail + ")");
    }

    /** What went wrong while reading: the file could not be opened, or its data made ImageIO fail. */
    static UnreadableImageException of(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException
                || e instanceof FileNotFoundException) {
            return new UnreadableImageException(CANNOT_OPEN, shortMessage(e));
        }
        // ImageIO signals bad data with IIOException, but also with IndexOutOfBounds, NegativeArraySize...
        return damaged(shortMessage(e));
    }

    /** "empty", "not an image", "damaged" or "cannot be opened". */
    String kind() {
        return kind;
    }

    private static String shortMessage(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
