package dev.auraxium.internal.session;

import dev.auraxium.transport.TransportConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One connection's view of the server: guarded by the client's lock unless noted. */
final class Link {
    final long id;
    final int slot;
    final TransportConnection connection;
    final SubscriptionSync sync = new SubscriptionSync();
    /** The server said {@code connectionStateChanged} connected: the subscription was sent. */
    boolean pushConnected;
    boolean ready;
    boolean unhealthy;
    /** Replaced and closing; its remaining frames are still taken. */
    boolean draining;
    long readyAt;
    long lastHeartbeat;
    long nextProbeAt;
    /** World id to online, from heartbeats. */
    final Map<Integer, Boolean> online = new HashMap<>();
    /** Written by the transport thread, read by the watchdog: concurrent. */
    final ConcurrentHashMap<Integer, Long> lastEventByWorld = new ConcurrentHashMap<>();

    Link(long id, int slot, TransportConnection connection, long now) {
        this.id = id;
        this.slot = slot;
        this.connection = connection;
        // the heartbeat watchdog counts from the open: a connection that never beats is stale
        this.lastHeartbeat = now;
    }

    /** @return whether subscription commands go to this link: connected and not replaced */
    boolean live() {
        return pushConnected && !draining;
    }

    /** @return the link of a connection in a snapshot of links, or null */
    static Link of(Link[] links, Object connection) {
        for (Link l : links) {
            if (l.connection == connection) {
                return l;
            }
        }
        return null;
    }
}
