package dev.auraxium.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to one of an {@link EventClient}'s connections, given to a
 * {@link ConnectionListener}. Immutable.
 *
 * <pre>{@code
 * EventClient.builder().connectionListener(e -> {
 *     if (e.kind() == ConnectionEvent.Kind.REPLACING) {
 *         System.out.println("connection " + e.slot() + " unhealthy: " + e.cause()); // e.g. HEARTBEAT_TIMEOUT
 *     }
 * });
 * }</pre>
 *
 * @param slot which of the {@link EventClient.Builder#connections(int) n} connections, from 0
 * @param kind what happened
 * @param cause why: for {@link Kind#LOST}, {@link Kind#FAILED}, {@link Kind#RETRY_SCHEDULED},
 *     {@link Kind#REPLACING}, {@link Kind#REPLACED} (the watchdog that started it),
 *     {@link Kind#REJECTED}, {@link Kind#DRIFT} and {@link Kind#CLOSED}
 *     ({@link ConnectionCause#CLIENT_CLOSE}); {@link ConnectionCause#NONE} for the others
 * @param detail free text that goes with the cause, e.g. {@code "HTTP 503"}, a close code and
 *     reason, an exception class, or the parts of a drifted subscription; empty when there is none
 * @param retryIn for {@link Kind#RETRY_SCHEDULED}: the backoff delay chosen
 * @param time when it happened (wall clock)
 */
public record ConnectionEvent(int slot, Kind kind, ConnectionCause cause, String detail, Optional<Duration> retryIn,
        Instant time) {

    /** What happened to a connection. */
    public enum Kind {
        /** A connection attempt started. */
        CONNECTING,
        /** The WebSocket opened. */
        OPENED,
        /** The server confirmed the connection and its subscription: events flow. */
        READY,
        /**
         * The connection ended unexpectedly (cause: {@link ConnectionCause#CONNECTION_CLOSED},
         * {@link ConnectionCause#MESSAGE_TOO_BIG}, {@link ConnectionCause#TRANSPORT_ERROR},
         * {@link ConnectionCause#BACKEND_LOST}).
         */
        LOST,
        /**
         * A connection attempt failed and will be retried (cause:
         * {@link ConnectionCause#CONNECT_FAILED} or {@link ConnectionCause#HANDSHAKE_REFUSED}).
         */
        FAILED,
        /** A retry was scheduled after {@link #retryIn()}. */
        RETRY_SCHEDULED,
        /**
         * A watchdog found the connection unhealthy (cause:
         * {@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
         * {@link ConnectionCause#WORLD_SILENCE}); a replacement is being opened while it stays open.
         */
        REPLACING,
        /** The replacement is ready and the unhealthy connection was closed. */
        REPLACED,
        /**
         * The server's subscription differed from the client's in what it delivers (cause:
         * {@link ConnectionCause#SUBSCRIPTION_DRIFT} when resubscribing,
         * {@link ConnectionCause#SUBSCRIPTION_REPAIR_DEFERRED} or
         * {@link ConnectionCause#SUBSCRIPTION_REPAIR_FAILED} when left alone for now; detail: each
         * part that differs, with the expected value and the server's).
         */
        DRIFT,
        /**
         * The connection was refused in a way retrying cannot cure: the service id was rejected
         * (cause {@link ConnectionCause#SERVICE_ID_REJECTED}, detail {@code "HTTP 403"}), or the
         * transport said so, e.g. for an untrusted TLS certificate (cause
         * {@link ConnectionCause#CONNECT_FAILED}); the client stopped connecting.
         */
        REJECTED,
        /**
         * The connection was closed on purpose (disconnect, close, last trigger removed; cause
         * {@link ConnectionCause#CLIENT_CLOSE}).
         */
        CLOSED
    }

    /**
     * Checks the components: each reference must be non-null.
     *
     * @param slot which of the {@link EventClient.Builder#connections(int) n} connections, from 0
     * @param kind what happened
     * @param cause why: for {@link Kind#LOST}, {@link Kind#FAILED}, {@link Kind#RETRY_SCHEDULED},
     *     {@link Kind#REPLACING}, {@link Kind#REPLACED} (the watchdog that started it),
     *     {@link Kind#REJECTED}, {@link Kind#DRIFT} and {@link Kind#CLOSED}
     *     ({@link ConnectionCause#CLIENT_CLOSE}); {@link ConnectionCause#NONE} for the others
     * @param detail free text that goes with the cause, e.g. {@code "HTTP 503"}, a close code and
     *     reason, an exception class, or the parts of a drifted subscription; empty when there is none
     * @param retryIn for {@link Kind#RETRY_SCHEDULED}: the backoff delay chosen
     * @param time when it happened (wall clock)
     * @throws NullPointerException if a component is {@code null}
     */
    public ConnectionEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryIn, "retryIn");
        Objects.requireNonNull(time, "time");
    }
}
