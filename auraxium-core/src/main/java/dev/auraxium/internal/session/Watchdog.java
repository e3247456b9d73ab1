package dev.auraxium.internal.session;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.protocol.Subscription;
import java.time.Duration;
import java.util.Map;

/**
 * The watchdogs' rules, without I/O or timers: whether a link is unhealthy (no heartbeat, no reply
 * to a subscription command, or a world its heartbeats call online that sent no event) and
 * whether its next probe is due. The client asks on every tick, under its lock.
 */
final class Watchdog {
    private final long heartbeatTimeoutNanos;
    private final long probeIntervalNanos;
    private final long probeTimeoutNanos;
    private final long silenceNanos;

    Watchdog(ClientConfig config) {
        this(config.heartbeatTimeout(), config.probeInterval(), config.probeTimeout(), config.worldSilence());
    }

    /** Each zero turns its watchdog (or the periodic probe) off. */
    Watchdog(Duration heartbeatTimeout, Duration probeInterval, Duration probeTimeout, Duration worldSilence) {
        this.heartbeatTimeoutNanos = heartbeatTimeout.toNanos();
        this.probeIntervalNanos = probeInterval.toNanos();
        this.probeTimeoutNanos = probeTimeout.toNanos();
        this.silenceNanos = worldSilence.toNanos();
    }

    /** @return whether the world-silence watchdog is on */
    boolean watchesSilence() {
        return silenceNanos > 0;
    }

    long probeIntervalNanos() {
        return probeIntervalNanos;
    }

    /** @return the watchdog that trips for the link now, or null when it is healthy */
    ConnectionCause trips(Link l, long now, Subscription planned) {
        long awaiting = l.sync.awaitingReplySince();
        if (heartbeatTimeoutNanos > 0 && now - l.lastHeartbeat > heartbeatTimeoutNanos) {
            return ConnectionCause.HEARTBEAT_TIMEOUT;
        } else if (probeTimeoutNanos > 0 && awaiting != 0 && now - awaiting > probeTimeoutNanos) {
            return ConnectionCause.PROBE_TIMEOUT;
        } else if (silenceNanos > 0 && l.ready && silentWorld(l, now, planned) != null) {
            return ConnectionCause.WORLD_SILENCE;
        }
        return null;
    }

    /** @return whether a healthy link's periodic probe is due */
    boolean probeDue(Link l, long now) {
        return probeIntervalNanos > 0 && l.ready && now - l.nextProbeAt >= 0;
    }

    /** @return a world the link's heartbeats call online, that the plan covers and that was silent too long. */
    private Integer silentWorld(Link l, long now, Subscription planned) {
        if (planned.worlds().isEmpty()) {
            return null;
        }
        boolean all = planned.worlds().contains(Subscription.ALL);
        for (Map.Entry<Integer, Boolean> w : l.online.entrySet()) {
            if (!w.getValue() || !(all || planned.worlds().contains(String.valueOf(w.getKey())))) {
                continue;
            }
            Long last = l.lastEventByWorld.get(w.getKey());
            long since = last != null ? last : l.readyAt;
            if (now - since > silenceNanos) {
                return w.getKey();
            }
        }
        return null;
    }
}
