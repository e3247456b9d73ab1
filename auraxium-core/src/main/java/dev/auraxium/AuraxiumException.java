package dev.auraxium;

/**
 * The root of every exception this library throws for a failure of the service, the network or the
 * data. Misuse of the API (a bad argument, a call in the wrong state) is reported with the JDK's
 * {@link IllegalArgumentException} and {@link IllegalStateException} instead.
 */
public class AuraxiumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, never containing a whole service id
     */
    public AuraxiumException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, never containing a whole service id
     * @param cause the underlying failure
     */
    public AuraxiumException(String message, Throwable cause) {
        super(message, cause);
    }
}
