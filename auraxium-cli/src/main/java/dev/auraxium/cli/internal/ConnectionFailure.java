package dev.auraxium.cli.internal;

/** The connection failed or the service id was rejected (exit code 3); the message is the one line shown. */
public final class ConnectionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, the service id redacted
     * @param cause the underlying error
     */
    public ConnectionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
