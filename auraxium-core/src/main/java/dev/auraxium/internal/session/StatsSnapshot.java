package dev.auraxium.internal.session;

import dev.auraxium.client.ConnectionCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values behind a public {@code ClientStats}, which wraps one and gives each component under
 * the same name. A record here, so a new counter is one more component in one place; the public
 * class keeps its shape. Immutable: the maps are unmodifiable copies, sorted (enum order for
 * causes).
 */
public record StatsSnapshot(long framesReceived, long eventsDecoded, long eventsDispatched, long unknownEvents,
        long decodeErrors, long duplicatesDropped, long overflowDrops, long actionsRun, long actionFailures,
        int queueDepth, int queueHighWaterMark, Map<ConnectionCause, Long> reconnectsByCause, long subscriptionDrifts,
        Optional<Instant> lastHeartbeat, Map<Integer, Instant> lastEventByWorld, Optional<Duration> lastReceiveLag,
        Optional<Duration> maxReceiveLag, int openConnections, long connectAttempts, long connectFailures,
        Map<ConnectionCause, Long> watchdogTrips, long dedupEarlyEvictions, Map<String, Long> invalidFields) {

    /** Copies the maps; every reference must be non-null. */
    public StatsSnapshot {
        reconnectsByCause = causes(reconnectsByCause);
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        lastEventByWorld = Collections.unmodifiableMap(new TreeMap<>(lastEventByWorld));
        Objects.requireNonNull(lastReceiveLag, "lastReceiveLag");
        Objects.requireNonNull(maxReceiveLag, "maxReceiveLag");
        watchdogTrips = causes(watchdogTrips);
        invalidFields = Collections.unmodifiableMap(new TreeMap<>(invalidFields));
    }

    private static Map<ConnectionCause, Long> causes(Map<ConnectionCause, Long> counts) {
        Map<ConnectionCause, Long> copy = new EnumMap<>(ConnectionCause.class);
        copy.putAll(counts);
        return Collections.unmodifiableMap(copy);
    }
}
