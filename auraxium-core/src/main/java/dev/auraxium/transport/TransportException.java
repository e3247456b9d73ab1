package dev.auraxium.transport;

import dev.auraxium.AuraxiumException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A connection could not be opened or broke. When the server answered the upgrade request with an
 * HTTP status, {@link #httpStatus()} carries it: 403 means the service id was rejected, which is
 * fatal ({@link #isFatal()}); 429 and 5xx are retried, honouring {@link #retryAfter()}. A transport
 * may mark other failures fatal, e.g. a TLS certificate the client does not trust.
 *
 * <p>Messages never contain a whole service id.
 */
public class TransportException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of a refused upgrade, or {@code null}. */
    private final Integer httpStatus;
    /** The server's {@code Retry-After} delay, or {@code null}. */
    private final Duration retryAfter;
    /** Whether the transport marked the failure as one retrying cannot cure. */
    private final boolean fatal;

    /**
     * @param message what failed
     * @param cause the underlying failure, or null
     */
    public TransportException(String message, Throwable cause) {
        this(message, cause, OptionalInt.empty(), Optional.empty());
    }

    /**
     * @param message what failed
     * @param cause the underlying failure, or null
     * @param httpStatus the HTTP status of a refused upgrade, when there was one
     * @param retryAfter the server's {@code Retry-After}, when it sent one
     */
    public TransportException(String message, Throwable cause, OptionalInt httpStatus, Optional<Duration> retryAfter) {
        super(message, cause);
        this.httpStatus = httpStatus.isPresent() ? httpStatus.getAsInt() : null;
        this.retryAfter = retryAfter.orElse(null);
        this.fatal = false;
    }

    /**
     * A failure without an HTTP status that retrying may or may not cure.
     *
     * @param message what failed
     * @param cause the underlying failure, or null
     * @param fatal true when retrying cannot help (e.g. the server's TLS certificate is not trusted)
     */
    public TransportException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.httpStatus = null;
        this.retryAfter = null;
        this.fatal = fatal;
    }

    /** @return the HTTP status of a refused upgrade, when there was one */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** @return the server's {@code Retry-After}, when it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * @return true when retrying cannot help: HTTP 403 (the service id was rejected), or a failure
     *     the transport marked fatal (such as an untrusted TLS certificate)
     */
    public boolean isFatal() {
        return fatal || httpStatus != null && httpStatus == 403;
    }
}
