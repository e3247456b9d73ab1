package dev.auraxium.transport;

import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket connection.
 *
 * <h2>Threading</h2>
 * All methods may be called from any thread.
 * <ul>
 *   <li>{@link #sendText(String)}: sends are queued and written one at a time in call order; the
 *       future completes when the message was handed to the network, or fails when the connection
 *       is closed.</li>
 *   <li>{@link #request(long)}: the listener receives no message unless demand was requested; the
 *       initial demand is zero. Demand accumulates (saturating at {@code Long.MAX_VALUE}).</li>
 *   <li>{@link #close(int, String)} sends a close frame and waits for the peer's;
 *       {@link #abort()} drops the connection at once.</li>
 * </ul>
 */
public interface TransportConnection {

    /**
     * @param text one whole text message
     * @return completes when written; fails if the connection is closed or broken
     */
    CompletableFuture<Void> sendText(String text);

    /**
     * Lets the listener receive {@code n} more messages.
     *
     * @param n a positive count
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    void request(long n);

    /**
     * Starts the close handshake. Idempotent.
     *
     * @param code a WebSocket close code, e.g. 1000
     * @param reason a short reason (at most 123 UTF-8 bytes)
     * @return completes when the close frame was sent
     */
    CompletableFuture<Void> close(int code, String reason);

    /** Closes the connection abruptly, without a close handshake. Idempotent. */
    void abort();

    /** @return true until the connection was closed or broken */
    boolean isOpen();
}
