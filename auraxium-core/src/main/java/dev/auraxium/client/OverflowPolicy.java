package dev.auraxium.client;

/**
 * What an {@link EventClient} does when its bounded event queue (between the transport and the
 * dispatch thread) is full.
 *
 * <pre>{@code
 * EventClient.builder().queueCapacity(10_000).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
 * }</pre>
 */
public enum OverflowPolicy {
    /**
     * The default: the client asks the transport for one more frame only when the queue has room
     * ({@code request(n)} flow control), so nothing is dropped; a slow action slows the reading of
     * the socket instead, and the server may eventually drop the connection.
     */
    BACKPRESSURE,
    /** Drop the oldest queued event to make room for the new one; every drop is counted. */
    DROP_OLDEST,
    /** Drop the arriving event; every drop is counted. */
    DROP_NEWEST
}
