package dev.auraxium.event;

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
 *         System.out.println("connection " + e.slot() + " unhealthy: " + e.cause());
 *     }
 * });
 * }</pre>
 *
 * @param slot which of the {@link EventClient.Builder#connections(int) n} connections, from 0
 * @param kind what happened
 * @param cause why, for {@link Kind#LOST}, {@link Kind#REPLACING}, {@link Kind#FAILED},
 *     {@link Kind#REJECTED} and {@link Kind#DRIFT} (e.g. {@code "close"}, {@code "error"},
 *     {@code "heartbeat"}, {@code "probe"}, {@code "silence"}, {@code "connectionStateChanged"});
 *     empty otherwise
 * @param retryIn for {@link Kind#RETRY_SCHEDULED}: the backoff delay chosen
 * @param time when it happened (wall clock)
 */
public record ConnectionEvent(int slot, Kind kind, String cause, Optional<Duration> retryIn, Instant time) {

    /** What happened to a connection. */
    public enum Kind {
        /** A connection attempt started. */
        CONNECTING,
        /** The WebSocket opened. */
        OPENED,
        /** The server confirmed the connection and its subscription: events flow. */
        READY,
        /** The connection ended unexpectedly (cause: {@code close}, {@code error}, {@code connectionStateChanged}). */
        LOST,
        /** A connection attempt failed and will be retried (cause: the failure). */
        FAILED,
        /** A retry was scheduled after {@link #retryIn()}. */
        RETRY_SCHEDULED,
        /**
         * A watchdog found the connection unhealthy (cause: {@code heartbeat}, {@code probe},
         * {@code silence}); a replacement is being opened while it stays open.
         */
        REPLACING,
        /** The replacement is ready and the unhealthy connection was closed. */
        REPLACED,
        /**
         * The server's subscription differed from the client's in what it delivers (cause: each
         * part that differs, with the expected value and the server's); resubscribing.
         */
        DRIFT,
        /**
         * The connection was refused in a way retrying cannot cure: the service id was rejected
         * (cause {@code "HTTP 403"}), or the transport said so, e.g. for an untrusted TLS
         * certificate; the client stopped connecting.
         */
        REJECTED,
        /** The connection was closed on purpose (disconnect, close, last trigger removed). */
        CLOSED
    }

    /**
     * Checks the components: each reference must be non-null.
     *
     * @param slot which of the {@link EventClient.Builder#connections(int) n} connections, from 0
     * @param kind what happened
     * @param cause why, for {@link Kind#LOST}, {@link Kind#REPLACING}, {@link Kind#FAILED},
     *     {@link Kind#REJECTED} and {@link Kind#DRIFT} (e.g. {@code "close"}, {@code "error"},
     *     {@code "heartbeat"}, {@code "probe"}, {@code "silence"}, {@code "connectionStateChanged"});
     *     empty otherwise
     * @param retryIn for {@link Kind#RETRY_SCHEDULED}: the backoff delay chosen
     * @param time when it happened (wall clock)
     * @throws NullPointerException if a component is {@code null}
     */
    public ConnectionEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(retryIn, "retryIn");
        Objects.requireNonNull(time, "time");
    }
}
