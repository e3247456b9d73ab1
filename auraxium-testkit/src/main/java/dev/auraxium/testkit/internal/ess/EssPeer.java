package dev.auraxium.testkit.internal.ess;

import dev.auraxium.testkit.MalformedFrame;
import java.time.Duration;

/**
 * The far end of one ESS connection as the session logic sees it: a WebSocket connection or an
 * in-memory pipe. Keeping the session logic behind this lets both transports share it exactly.
 * Every method may be called from any thread and must not block.
 */
public interface EssPeer {

    /** Queues one whole text message; dropped silently when the peer is closed. */
    void sendText(String text);

    /** Sends a frame that breaks RFC 6455 (or its in-memory equivalent: a protocol error). */
    void sendMalformed(MalformedFrame kind);

    /** Starts a clean close with a close frame. */
    void close(int code, String reason);

    /** Drops the connection without a close frame. */
    void abort();

    /** @return whether the connection is still open */
    boolean isOpen();

    /**
     * @return what waits to reach the client: queued but not written (WebSocket), or not yet
     *     taken by the client's demand (in memory); in chars of text, a lower bound of UTF-8 bytes
     */
    long pendingBytes();

    /** Slows every later write down by {@code perFlush}; {@link Duration#ZERO} restores full speed. */
    void setWriteDelay(Duration perFlush);
}
