package dev.auraxium.client;

import dev.auraxium.event.UnknownEvent;
import dev.auraxium.internal.session.StatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of an {@link EventClient}'s counters, taken by {@link EventClient#stats()}. Immutable
 * and thread-safe; counters only grow over the client's life (the queue depth and the open
 * connections are those at the snapshot). Two snapshots are {@linkplain #equals equal} when every
 * value is.
 *
 * <pre>{@code
 * ClientStats s = client.stats();
 * System.out.printf("%d events, %d decode errors, lag %s%n", s.eventsDecoded(), s.decodeErrors(), s.lastReceiveLag());
 * }</pre>
 *
 * <p>Only the client creates snapshots; there is no public constructor, so that later versions
 * can add counters (as more accessors) without breaking code that reads these.
 */
public final class ClientStats {
    private final StatsSnapshot v;

    /** Wraps the client's values; called by {@link EventClient#stats()} only. */
    ClientStats(StatsSnapshot values) {
        this.v = values;
    }

    /** @return text frames received from the transport */
    public long framesReceived() {
        return v.framesReceived();
    }

    /**
     * @return frames that were game events (copies dropped by deduplication included); a frame
     *     dropped from a full queue under a dropping {@link OverflowPolicy} is dropped before it
     *     is decoded, so it counts in {@link #overflowDrops()} only
     */
    public long eventsDecoded() {
        return v.eventsDecoded();
    }

    /**
     * @return events the dispatch thread matched against the triggers (including those given to
     *     {@link EventClient#dispatch})
     */
    public long eventsDispatched() {
        return v.eventsDispatched();
    }

    /** @return events of a name this version does not know ({@link UnknownEvent}) */
    public long unknownEvents() {
        return v.unknownEvents();
    }

    /** @return frames that could not be decoded (each also went to the error handler) */
    public long decodeErrors() {
        return v.decodeErrors();
    }

    /** @return duplicate events dropped by deduplication */
    public long duplicatesDropped() {
        return v.duplicatesDropped();
    }

    /** @return events dropped because the queue was full under a dropping {@link OverflowPolicy} */
    public long overflowDrops() {
        return v.overflowDrops();
    }

    /** @return trigger actions started */
    public long actionsRun() {
        return v.actionsRun();
    }

    /** @return conditions and actions that threw */
    public long actionFailures() {
        return v.actionFailures();
    }

    /** @return events waiting for the dispatch thread at the snapshot */
    public int queueDepth() {
        return v.queueDepth();
    }

    /** @return the deepest the queue has been */
    public int queueHighWaterMark() {
        return v.queueHighWaterMark();
    }

    /**
     * @return reconnects and replacements by cause, in the causes' declaration order, unmodifiable:
     *     a lost connection ({@link ConnectionCause#CONNECTION_CLOSED},
     *     {@link ConnectionCause#MESSAGE_TOO_BIG}, {@link ConnectionCause#TRANSPORT_ERROR},
     *     {@link ConnectionCause#BACKEND_LOST}) or a watchdog replacement
     *     ({@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
     *     {@link ConnectionCause#WORLD_SILENCE}); causes never seen are absent
     */
    public Map<ConnectionCause, Long> reconnectsByCause() {
        return v.reconnectsByCause();
    }

    /** @return the sum of {@link #reconnectsByCause()} */
    public long reconnects() {
        return v.reconnectsByCause().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return subscription replies that showed the server's copy differing from the client's, each
     *     repaired by resubscribing (or left alone for a while, see {@link ConnectionCause})
     */
    public long subscriptionDrifts() {
        return v.subscriptionDrifts();
    }

    /** @return when the last heartbeat arrived (local clock), if one did */
    public Optional<Instant> lastHeartbeat() {
        return v.lastHeartbeat();
    }

    /**
     * @return when the last event of each world arrived (local clock, to the millisecond), by world
     *     id, sorted, unmodifiable
     */
    public Map<Integer, Instant> lastEventByWorld() {
        return v.lastEventByWorld();
    }

    /**
     * @return arrival time minus event timestamp of the last event, to the millisecond (the
     *     timestamp has one-second resolution, so small values are noise); empty before the first
     */
    public Optional<Duration> lastReceiveLag() {
        return v.lastReceiveLag();
    }

    /** @return the largest receive lag seen; empty before the first event */
    public Optional<Duration> maxReceiveLag() {
        return v.maxReceiveLag();
    }

    /** @return connections open at the snapshot (of {@link EventClient.Builder#connections(int)}) */
    public int openConnections() {
        return v.openConnections();
    }

    /** @return connection attempts started (first connects, reconnects, replacements) */
    public long connectAttempts() {
        return v.connectAttempts();
    }

    /** @return connection attempts that failed (each retried after a backoff, unless fatal) */
    public long connectFailures() {
        return v.connectFailures();
    }

    /**
     * @return connections found unhealthy, by watchdog ({@link ConnectionCause#HEARTBEAT_TIMEOUT},
     *     {@link ConnectionCause#PROBE_TIMEOUT}, {@link ConnectionCause#WORLD_SILENCE},
     *     {@link ConnectionCause#BACKEND_LOST}), in declaration order, unmodifiable
     */
    public Map<ConnectionCause, Long> watchdogTrips() {
        return v.watchdogTrips();
    }

    /**
     * @return payloads forgotten before their deduplication window ended because the key cap was
     *     reached (a copy arriving later would not be recognised)
     */
    public long dedupEarlyEvictions() {
        return v.dedupEarlyEvictions();
    }

    /**
     * @return events delivered without a field whose value was not of its kind, by event name and
     *     field ({@code "ContinentLock.event_type"}), sorted, unmodifiable; the first of each was
     *     also given to the error handler as a {@link dev.auraxium.protocol.InvalidFieldException}
     */
    public Map<String, Long> invalidFields() {
        return v.invalidFields();
    }

    /** @return whether {@code o} is a snapshot with the same value in every counter */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientStats other && v.equals(other.v);
    }

    @Override
    public int hashCode() {
        return v.hashCode();
    }

    /** @return every counter by name, e.g. {@code ClientStats[framesReceived=12, ...]} */
    @Override
    public String toString() {
        String values = v.toString();
        return "ClientStats" + values.substring(values.indexOf('['));
    }
}
