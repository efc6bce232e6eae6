package io.gannotebooks.data;

/** One file could not be turned into an image; the message is the short reason shown to the user. */
final class UnreadableImageException extends Exception {
    UnreadableImageException(String reason) {
        super(reason, null, false, false); // expected and counted, never printed: no stack trace needed
    }
}
