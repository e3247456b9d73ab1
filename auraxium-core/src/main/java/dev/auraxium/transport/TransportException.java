package dev.auraxium.transport;

import dev.auraxium.event.AuraxiumException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A connection could not be opened or broke. When the server answered the upgrade request with an
 * HTTP status, {@link #httpStatus()} carries it: 403 means the service id was rejected, which is
 * fatal ({@link #isFatal()}); 429 and 5xx are retried, honouring {@link #retryAfter()}.
 *
 * <p>Messages never contain a whole service id.
 */
public class TransportException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of a refused upgrade, or {@code null}. */
    private final Integer httpStatus;
    /** The server's {@code Retry-After} delay, or {@code null}. */
    private final Duration retryAfter;

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
    }

    /** @return the HTTP status of a refused upgrade, when there was one */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** @return the server's {@code Retry-After}, when it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return true for HTTP 403: the service id was rejected, and retrying cannot help */
    public boolean isFatal() {
        return httpStatus != null && httpStatus == 403;
    }
}
