package dev.auraxium.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of an {@link EventClient}'s counters, taken by {@link EventClient#stats()}. Immutable;
 * counters only grow over the client's life (the queue depth is the depth at the snapshot).
 *
 * <pre>{@code
 * ClientStats s = client.stats();
 * System.out.printf("%d events, %d decode errors, lag %s%n", s.eventsDecoded(), s.decodeErrors(), s.lastReceiveLag());
 * }</pre>
 *
 * @param framesReceived text frames received from the transport
 * @param eventsDecoded frames that were game events (copies dropped by deduplication included); a
 *     frame dropped from a full queue under a dropping {@link OverflowPolicy} is dropped before it
 *     is decoded, so it counts in {@code overflowDrops} only
 * @param eventsDispatched events the dispatch thread matched against the triggers (including those
 *     given to {@link EventClient#dispatch})
 * @param unknownEvents events of a name this version does not know ({@link UnknownEvent})
 * @param decodeErrors frames that could not be decoded (each also went to the error handler)
 * @param duplicatesDropped duplicate events dropped by deduplication
 * @param overflowDrops events dropped because the queue was full under a dropping
 *     {@link OverflowPolicy}
 * @param actionsRun trigger actions started
 * @param actionFailures conditions and actions that threw
 * @param queueDepth events waiting for the dispatch thread now
 * @param queueHighWaterMark the deepest the queue has been
 * @param reconnectsByCause reconnects and replacements by cause (a lost connection:
 *     {@link ConnectionCause#CONNECTION_CLOSED}, {@link ConnectionCause#MESSAGE_TOO_BIG},
 *     {@link ConnectionCause#TRANSPORT_ERROR}, {@link ConnectionCause#BACKEND_LOST}; a watchdog
 *     replacement: {@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
 *     {@link ConnectionCause#WORLD_SILENCE})
 * @param subscriptionDrifts subscription replies that showed the server's copy differing from the
 *     client's, each repaired by resubscribing
 * @param lastHeartbeat when the last heartbeat arrived (local clock)
 * @param lastEventByWorld when the last event of each world arrived (local clock, to the millisecond)
 * @param lastReceiveLag arrival time minus event timestamp of the last event, to the millisecond
 *     (the timestamp has one-second resolution, so small values are noise)
 * @param maxReceiveLag the largest such lag seen
 * @param openConnections connections open now (of {@link EventClient.Builder#connections(int)})
 * @param connectAttempts connection attempts started (first connects, reconnects, replacements)
 * @param connectFailures connection attempts that failed (each retried after a backoff, unless 403)
 * @param watchdogTrips connections found unhealthy, by watchdog
 *     ({@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
 *     {@link ConnectionCause#WORLD_SILENCE}, {@link ConnectionCause#BACKEND_LOST})
 * @param dedupEarlyEvictions payloads forgotten before their deduplication window ended because the
 *     key cap was reached (a copy arriving later would not be recognised)
 * @param invalidFields events delivered without a field whose value was not of its kind, by event
 *     name and field ({@code "ContinentLock.event_type"}); the first of each was also given to the
 *     error handler as a {@link dev.auraxium.protocol.InvalidFieldException}
 */
public record ClientStats(long framesReceived, long eventsDecoded, long eventsDispatched, long unknownEvents,
        long decodeErrors, long duplicatesDropped, long overflowDrops, long actionsRun, long actionFailures,
        int queueDepth, int queueHighWaterMark, Map<ConnectionCause, Long> reconnectsByCause, long subscriptionDrifts,
        Optional<Instant> lastHeartbeat, Map<Integer, Instant> lastEventByWorld, Optional<Duration> lastReceiveLag,
        Optional<Duration> maxReceiveLag, int openConnections, long connectAttempts, long connectFailures,
        Map<ConnectionCause, Long> watchdogTrips, long dedupEarlyEvictions, Map<String, Long> invalidFields) {

    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param framesReceived text frames received from the transport
     * @param eventsDecoded frames that were game events (copies dropped by deduplication included); a
     *     frame dropped from a full queue under a dropping {@link OverflowPolicy} is dropped before it
     *     is decoded, so it counts in {@code overflowDrops} only
     * @param eventsDispatched events the dispatch thread matched against the triggers (including those
     *     given to {@link EventClient#dispatch})
     * @param unknownEvents events of a name this version does not know ({@link UnknownEvent})
     * @param decodeErrors frames that could not be decoded (each also went to the error handler)
     * @param duplicatesDropped duplicate events dropped by deduplication
     * @param overflowDrops events dropped because the queue was full under a dropping
     *     {@link OverflowPolicy}
     * @param actionsRun trigger actions started
     * @param actionFailures conditions and actions that threw
     * @param queueDepth events waiting for the dispatch thread now
     * @param queueHighWaterMark the deepest the queue has been
     * @param reconnectsByCause reconnects and replacements by cause (a lost connection:
     *     {@link ConnectionCause#CONNECTION_CLOSED}, {@link ConnectionCause#MESSAGE_TOO_BIG},
     *     {@link ConnectionCause#TRANSPORT_ERROR}, {@link ConnectionCause#BACKEND_LOST}; a watchdog
     *     replacement: {@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
     *     {@link ConnectionCause#WORLD_SILENCE})
     * @param subscriptionDrifts subscription replies that showed the server's copy differing from the
     *     client's, each repaired by resubscribing
     * @param lastHeartbeat when the last heartbeat arrived (local clock)
     * @param lastEventByWorld when the last event of each world arrived (local clock, to the millisecond)
     * @param lastReceiveLag arrival time minus event timestamp of the last event, to the millisecond
     *     (the timestamp has one-second resolution, so small values are noise)
     * @param maxReceiveLag the largest such lag seen
     * @param openConnections connections open now (of {@link EventClient.Builder#connections(int)})
     * @param connectAttempts connection attempts started (first connects, reconnects, replacements)
     * @param connectFailures connection attempts that failed (each retried after a backoff, unless 403)
     * @param watchdogTrips connections found unhealthy, by watchdog
     *     ({@link ConnectionCause#HEARTBEAT_TIMEOUT}, {@link ConnectionCause#PROBE_TIMEOUT},
     *     {@link ConnectionCause#WORLD_SILENCE}, {@link ConnectionCause#BACKEND_LOST})
     * @param dedupEarlyEvictions payloads forgotten before their deduplication window ended because the
     *     key cap was reached (a copy arriving later would not be recognised)
     * @param invalidFields events delivered without a field whose value was not of its kind, by event
     *     name and field ({@code "ContinentLock.event_type"}); the first of each was also given to the
     *     error handler as a {@link dev.auraxium.protocol.InvalidFieldException}
     * @throws NullPointerException if a component is {@code null}
     */
    public ClientStats {
        reconnectsByCause = Map.copyOf(Objects.requireNonNull(reconnectsByCause, "reconnectsByCause"));
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        lastEventByWorld = Map.copyOf(Objects.requireNonNull(lastEventByWorld, "lastEventByWorld"));
        Objects.requireNonNull(lastReceiveLag, "lastReceiveLag");
        Objects.requireNonNull(maxReceiveLag, "maxReceiveLag");
        watchdogTrips = Map.copyOf(Objects.requireNonNull(watchdogTrips, "watchdogTrips"));
        invalidFields = Map.copyOf(Objects.requireNonNull(invalidFields, "invalidFields"));
    }

    /** @return the sum of {@link #reconnectsByCause()} */
    public long reconnects() {
        return reconnectsByCause.values().stream().mapToLong(Long::longValue).sum();
    }
}
