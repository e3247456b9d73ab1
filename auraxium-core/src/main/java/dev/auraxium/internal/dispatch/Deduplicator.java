package dev.auraxium.internal.dispatch;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Drops repeated event payloads seen within a time window.
 *
 * <p>Key: the whole frame text of a {@code serviceMessage} (the ESS writes keys in a fixed order,
 * so equal events are equal text), reduced to two independent 64-bit polynomial hashes plus the
 * length. A false match needs both hashes and the length to collide: about n²/2¹²⁹ for n keys
 * in the window, i.e. never in practice; the text itself is not kept, which is what bounds the
 * memory.
 *
 * <p>Rule: per key, each connection's sightings are counted; a sighting is delivered when it
 * raises the highest count any one connection has reached, so a payload is delivered as many
 * times as the connection that saw it most often saw it. Repeats on one connection (real
 * GainExperience ticks) survive; copies across connections do not. With
 * {@code withinConnection} every repeat is dropped: only the first sighting of a key is delivered.
 *
 * <p>Memory: entries older than the window are evicted in insertion order; at most
 * {@code maxKeys} entries are kept (about 150 bytes each, e.g. 100,000 keys ≈ 15 MB), and when
 * more arrive within the window the oldest is evicted early and counted
 * ({@link #earlyEvictions()}).
 *
 * <p>Threading: synchronized; called from the transport threads of all connections.
 */
public final class Deduplicator {
    private static final int MAX_CONNECTIONS_TRACKED = 16;

    private final long windowNanos;
    private final boolean withinConnection;
    private final int maxKeys;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024);
    private long dropped;
    /** When two connections last overlapped (valid once {@code lastOverlapSet}). */
    private long lastOverlap;
    private boolean lastOverlapSet;
    private long earlyEvictions;

    public Deduplicator(long windowNanos, boolean withinConnection, int maxKeys) {
        this.windowNanos = windowNanos;
        this.withinConnection = withinConnection;
        this.maxKeys = maxKeys;
    }

    private record Key(long h1, long h2, int length) {
    }

    private static final class Entry {
        final long firstSeen;
        int delivered;
        long[] connections = new long[2];
        int[] counts = new int[2];
        int used;

        Entry(long firstSeen) {
            this.firstSeen = firstSeen;
        }

        int increment(long connection) {
            for (int i = 0; i < used; i++) {
                if (connections[i] == connection) {
                    return ++counts[i];
                }
            }
            if (used == connections.length) {
                if (used >= MAX_CONNECTIONS_TRACKED) {
                    return 1; // more distinct connections than we track: treat as a first sighting
                }
                connections = java.util.Arrays.copyOf(connections, used * 2);
                counts = java.util.Arrays.copyOf(counts, used * 2);
            }
            connections[used] = connection;
            counts[used] = 1;
            used++;
            return 1;
        }
    }

    /**
     * {@link #admit(long, String, long, boolean)} as while connections overlap: every payload is
     * checked.
     */
    public boolean admit(long connection, String payload, long now) {
        return admit(connection, payload, now, true);
    }

    /**
     * @param connection an id of the connection the payload came on (unique for the client's life)
     * @param payload the frame text
     * @param now the current time in nanoseconds (monotonic)
     * @param overlapping whether another connection of the client is open now
     * @return true to deliver, false when it is a duplicate (counted)
     */
    public synchronized boolean admit(long connection, String payload, long now, boolean overlapping) {
        if (overlapping) {
            lastOverlap = now;
            lastOverlapSet = true;
        }
        // A copy on another connection can only exist while two overlap, or within one window
        // after (a lagging connection may still carry what the other delivered): a lone
        // connection's payloads need no hashing and no entry.
        if (!withinConnection && !overlapping && (!lastOverlapSet || now - lastOverlap > windowNanos)) {
            return true;
        }
        expire(now);
        Key key = key(payload);
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(now);
            entries.put(key, e);
            if (entries.size() > maxKeys) {
                Iterator<Entry> it = entries.values().iterator();
                it.next();
                it.remove();
                earlyEvictions++;
            }
        }
        int seen = e.increment(connection);
        boolean deliver = withinConnection ? e.delivered == 0 : seen > e.delivered;
        if (deliver) {
            e.delivered++;
            return true;
        }
        dropped++;
        return false;
    }

    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().firstSeen <= windowNanos) {
                return;
            }
            it.remove();
        }
    }

    static Key key(String s) {
        long h1 = 0xcbf29ce484222325L;
        long h2 = 0x9E3779B97F4A7C15L;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            h1 = (h1 ^ c) * 0x100000001b3L;
            h2 = h2 * 0xff51afd7ed558ccdL + c;
        }
        h2 ^= h2 >>> 33;
        return new Key(h1, h2, s.length());
    }

    /** @return duplicates dropped so far */
    public synchronized long dropped() {
        return dropped;
    }

    /** @return keys evicted before their window ended because the cap was reached */
    public synchronized long earlyEvictions() {
        return earlyEvictions;
    }

    /** @return keys held now */
    public synchronized int size() {
        return entries.size();
    }
}
