package dev.auraxium.transport;

/**
 * Receives one connection's traffic.
 *
 * <h2>Threading</h2>
 * A transport calls a listener from one thread at a time (never concurrently, with a
 * happens-before edge between calls), in this order: {@link #onOpen} once, then
 * {@link #onText} only while demand was {@linkplain TransportConnection#request(long) requested},
 * then exactly one of {@link #onClose} or {@link #onError}, after which nothing more is called.
 * Methods should return quickly: they run on the transport's I/O thread.
 *
 * <p>Every method has a no-op default.
 */
public interface TransportListener {

    /**
     * @param connection the connection, now open; no demand has been requested yet
     */
    default void onOpen(TransportConnection connection) {
    }

    /**
     * @param connection the connection
     * @param message one whole text message (the transport reassembles fragments)
     */
    default void onText(TransportConnection connection, String message) {
    }

    /**
     * The connection closed: the peer sent a close frame, or a close completed.
     *
     * @param connection the connection
     * @param code the close code (1006 when the connection dropped without one, 1009 when the
     *     transport refused a message over its size limit)
     * @param reason the close reason, possibly empty
     */
    default void onClose(TransportConnection connection, int code, String reason) {
    }

    /**
     * The connection failed after it opened (I/O error, protocol error). Final.
     *
     * @param connection the connection
     * @param error what went wrong
     */
    default void onError(TransportConnection connection, Throwable error) {
    }
}
