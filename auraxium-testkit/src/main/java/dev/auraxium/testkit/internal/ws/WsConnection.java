package dev.auraxium.testkit.internal.ws;

import java.time.Duration;

/**
 * One open WebSocket connection of a {@link WebSocketServer}, as seen by the layer above.
 *
 * <h2>Lifecycle</h2>
 * Handed to {@link WebSocketHandler#onOpen}; open until a close handshake completes, a protocol error,
 * {@link #abort()}, the server's {@code close()}, or the peer dropping the socket; then
 * {@link WebSocketHandler#onClose} runs once. Sends on a connection that is no longer open are dropped.
 *
 * <h2>Threading</h2>
 * All methods are thread-safe and never block on the network. Sends are queued and written, in the order
 * they were queued, by the connection's writer thread, which packs many frames into one socket write.
 * If more than {@link WebSocketServer.Config#maxPendingBytesPerConnection()} bytes wait in the queue
 * (a client that does not read), the connection is aborted.
 *
 * <pre>{@code
 * connection.sendText("{\"type\":\"heartbeat\"}");
 * connection.sendFrame(WsProtocol.OPCODE_PING, true, new byte[] {1, 2});
 * connection.close(WsProtocol.CLOSE_GOING_AWAY, "bye");
 * }</pre>
 */
public interface WsConnection {

    /** @return this connection's id, unique within its server, increasing from 1 */
    long id();

    /** @return the upgrade request that opened this connection */
    HandshakeRequest request();

    /** @return whether the connection is open: no close sent or received, not aborted */
    boolean isOpen();

    /**
     * Queues one unfragmented text frame. Never blocks; dropped when the connection is not open.
     *
     * @param text the message
     */
    void sendText(String text);

    /**
     * Queues one frame exactly as described, for fault injection: fragments, control frames, bad
     * opcodes, oversize control frames. The server does not check it. Dropped when not open.
     *
     * @param opcode the opcode, 0..15
     * @param fin the FIN bit
     * @param payload the payload (copied)
     */
    void sendFrame(int opcode, boolean fin, byte[] payload);

    /**
     * Queues bytes to be written as they are (malformed frames, garbage). Dropped when not open.
     *
     * @param bytes the bytes (copied)
     */
    void sendRaw(byte[] bytes);

    /**
     * Starts the close handshake: queues a close frame after what is already queued, then waits
     * (bounded by the server's handshake timeout) for the peer's close before closing the socket.
     * Returns at once; does nothing if the connection is not open.
     *
     * @param code a close code to send, 1000..4999
     * @param reason a reason, at most 123 UTF-8 bytes
     */
    void close(int code, String reason);

    /** Drops the TCP connection at once, without a close frame; queued sends are discarded. */
    void abort();

    /**
     * The "slow writes" fault: the writer sleeps this long before each socket write.
     *
     * @param perFlush the delay, {@link Duration#ZERO} to turn it off
     */
    void setWriteDelay(Duration perFlush);

    /** @return frames written to the socket so far (raw sends count as one each) */
    long framesSent();

    /** @return bytes written to the socket so far, frame headers included */
    long bytesSent();

    /**
     * @return bytes queued but not yet written (payload sizes; for text, its length in chars, a lower
     *     bound of its UTF-8 size)
     */
    long pendingBytes();

    /** @return what the layer above attached, or null */
    Object attachment();

    /** @param attachment anything the layer above wants to keep with this connection */
    void attach(Object attachment);
}
