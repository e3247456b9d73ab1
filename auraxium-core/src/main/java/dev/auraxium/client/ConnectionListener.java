package dev.auraxium.client;

/**
 * Observes an {@link EventClient}'s connections: opens, losses, retries, watchdog replacements,
 * subscription drifts. Registered with {@link EventClient.Builder#connectionListener}.
 *
 * <p>Threading: called from transport and timer threads, possibly concurrently for different
 * connections, never while the client holds its lock; it must return quickly and not block. What
 * it throws is logged and ignored.
 *
 * <pre>{@code
 * EventClient.builder().connectionListener(e -> log.info(e.slot() + " " + e.kind() + " " + e.cause() + " " + e.detail()));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionListener {
    /** @param event what happened */
    void onConnectionEvent(ConnectionEvent event);
}
