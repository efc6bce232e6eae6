package io.gannotebooks.train;

/**
 * A run was asked to continue with a setting other than the one it was saved with. An argument error:
 * the command line reports it in one line and exits with status 2.
 */
public final class ChangedSettingException extends IllegalArgumentException {
    public ChangedSettingException(String message) {
        super(message);
    }
}
