package dev.auraxium.testkit.tck;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server's end of one connection in a {@link TransportContractTest}: what the server sends
 * to the transport under test, how it ends the connection, and what it saw. Thread-safe; no
 * method blocks except {@link #awaitClosed(Duration)}.
 */
public interface ContractPeer {

    /** @param text one whole text message to send */
    void sendText(String text);

    /**
     * Sends one text message; on a wire, split into continuation frames of {@code fragmentBytes}
     * bytes (splitting multi-byte characters), in memory as one message.
     *
     * @param text the message
     * @param fragmentBytes the size of each fragment
     */
    void sendFragmented(String text, int fragmentBytes);

    /**
     * Sends pings and empty pongs, each ping with a one-byte payload.
     *
     * @param count how many of each
     * @throws UnsupportedOperationException when the server has no wire frames
     */
    void sendPingsAndPongs(int count);

    /**
     * Starts a clean close.
     *
     * @param code the close code
     * @param reason the reason
     */
    void close(int code, String reason);

    /** Drops the connection without a close frame. */
    void abort();

    /**
     * @return what the server queued for the client but could not hand over yet (the client is
     *     not reading or has no demand), in chars of text
     */
    long backlog();

    /** @return the service id the upgrade request carried, when the server can tell */
    Optional<String> serviceId();

    /**
     * Waits until the server saw the connection end.
     *
     * @param timeout how long to wait
     * @return how it ended, or null on timeout
     * @throws InterruptedException if interrupted
     */
    Closed awaitClosed(Duration timeout) throws InterruptedException;

    /**
     * How the server saw a connection end.
     *
     * @param code the close code, when the server can tell (1006 for a drop)
     * @param reason the close reason, empty when unknown
     */
    record Closed(OptionalInt code, String reason) {
    }
}
