package dev.auraxium.internal.session;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.internal.dispatch.Deduplicator;
import dev.auraxium.internal.dispatch.Dispatcher;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.internal.transport.ConnectionSupervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client's own counters, and the {@link StatsSnapshot} of them together with those of
 * the queue, deduplicator, dispatcher and supervisor. Thread-safe; the per-event updates allocate
 * nothing (times are kept as epoch millis and millis of lag, turned into Instants and Durations by
 * {@link #snapshot}).
 */
final class ClientMetrics {
    /** Marks a per-event statistic that was never set. */
    static final long NONE = Long.MIN_VALUE;
    /** World ids from 0 below this (all real ones) have a slot in an array; others go to a map. */
    private static final int WORLD_SLOTS = 4096;

    final AtomicLong frames = new AtomicLong();
    final AtomicLong decoded = new AtomicLong();
    final AtomicLong unknown = new AtomicLong();
    final AtomicLong decodeErrors = new AtomicLong();
    final AtomicLong drifts = new AtomicLong();
    /** Events delivered without a field whose value was of the wrong kind, by "EventName.field". */
    private final ConcurrentHashMap<String, AtomicLong> invalidFields = new ConcurrentHashMap<>();
    final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>();
    private final ConcurrentHashMap<ConnectionCause, AtomicLong> watchdogTrips = new ConcurrentHashMap<>();
    private final AtomicLongArray lastEventByWorldMillis = new AtomicLongArray(WORLD_SLOTS);
    private final ConcurrentHashMap<Integer, AtomicLong> lastEventByOtherWorldMillis = new ConcurrentHashMap<>();
    private volatile long lastLagMillis = NONE;
    private final AtomicLong maxLagMillis = new AtomicLong(NONE);
    /** World name to online, from heartbeats and serviceStateChanged. */
    final ConcurrentHashMap<String, Boolean> endpointStatus = new ConcurrentHashMap<>();

    ClientMetrics() {
        for (int w = 0; w < WORLD_SLOTS; w++) {
            lastEventByWorldMillis.set(w, NONE);
        }
    }

    /** Counts a watchdog (or connectionStateChanged false) that replaced a connection. */
    void trip(ConnectionCause watchdog) {
        watchdogTrips.computeIfAbsent(watchdog, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Counts an event delivered without {@code key} ("EventName.field").
     *
     * @return whether it is the first of its key (to be reported)
     */
    boolean invalidField(String key) {
        AtomicLong n = invalidFields.get(key);
        boolean first = false;
        if (n == null) {
            AtomicLong fresh = new AtomicLong();
            n = invalidFields.putIfAbsent(key, fresh);
            if (n == null) {
                n = fresh;
                first = true;
            }
        }
        n.incrementAndGet();
        return first;
    }

    /** Records a delivered event's world's last event time and its receive lag. */
    void delivered(int world, long arrivedMillis, Instant timestamp) {
        if (world >= 0 && world < WORLD_SLOTS) {
            lastEventByWorldMillis.set(world, arrivedMillis);
        } else {
            AtomicLong slot = lastEventByOtherWorldMillis.get(world);
            if (slot == null) {
                // created holding the time, so snapshot() never sees a world without one
                AtomicLong fresh = new AtomicLong(arrivedMillis);
                slot = lastEventByOtherWorldMillis.putIfAbsent(world, fresh);
                if (slot == null) {
                    slot = fresh;
                }
            }
            slot.set(arrivedMillis);
        }
        long lag = lagMillis(arrivedMillis, timestamp);
        lastLagMillis = lag;
        // read first: the common case (not a new maximum) then writes nothing shared
        if (lag > maxLagMillis.get()) {
            maxLagMillis.accumulateAndGet(lag, Math::max);
        }
    }

    /**
     * @return {@code now} minus the timestamp in millis; a timestamp too far from now for a long of
     *     millis (only a corrupt frame has one) gives the largest lag of its sign instead of throwing
     *     on the transport thread
     */
    static long lagMillis(long nowMillis, Instant timestamp) {
        try {
            long lag = Math.subtractExact(nowMillis, timestamp.toEpochMilli());
            return lag == NONE ? NONE + 1 : lag;
        } catch (ArithmeticException e) {
            return timestamp.getEpochSecond() < 0 ? Long.MAX_VALUE : NONE + 1;
        }
    }

    /** @return a sorted snapshot of {@link #endpointStatus} */
    Map<String, Boolean> endpointStatus() {
        return Collections.unmodifiableMap(new TreeMap<>(endpointStatus));
    }

    /** @return the snapshot of these counters and those of the other parts */
    <T> StatsSnapshot snapshot(EventQueue<T> queue, Deduplicator dedup, Dispatcher<?> dispatcher,
            ConnectionSupervisor supervisor) {
        return new StatsSnapshot(frames.get(), decoded.get(), dispatcher.dispatched(), unknown.get(),
                decodeErrors.get(), dedup.dropped(), queue.drops(), dispatcher.actionsRun(), dispatcher.actionFailures(),
                queue.size(), queue.highWaterMark(), supervisor.reconnects(), drifts.get(),
                Optional.ofNullable(lastHeartbeat.get()), lastEventByWorld(), lag(lastLagMillis), lag(maxLagMillis.get()),
                supervisor.openConnections(), supervisor.attempts(), supervisor.failures(), tripCounts(),
                dedup.earlyEvictions(), counts(invalidFields));
    }

    private Map<Integer, Instant> lastEventByWorld() {
        Map<Integer, Instant> out = new TreeMap<>();
        for (int w = 0; w < WORLD_SLOTS; w++) {
            long t = lastEventByWorldMillis.get(w);
            if (t != NONE) {
                out.put(w, Instant.ofEpochMilli(t));
            }
        }
        lastEventByOtherWorldMillis.forEach((w, t) -> out.put(w, Instant.ofEpochMilli(t.get())));
        return out;
    }

    private Map<ConnectionCause, Long> tripCounts() {
        Map<ConnectionCause, Long> out = new EnumMap<>(ConnectionCause.class);
        watchdogTrips.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static Optional<Duration> lag(long millis) {
        return millis == NONE ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
