package dev.auraxium.cli.internal;

/** Bad usage found while running a command (exit code 2); the message is the one line shown. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public UsageException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and how to fix it
     * @param cause the underlying error
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
