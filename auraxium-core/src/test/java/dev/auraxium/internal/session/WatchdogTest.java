package dev.auraxium.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdogs' rules on a {@link Link}, at chosen times: no timers, no connection. */
class WatchdogTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final Duration OFF = Duration.ZERO;
    static final Subscription WORLD_1 = new Subscription(Set.of("Death"), Set.of("all"), Set.of("1"), false);
    static final Subscription EVERY_WORLD = new Subscription(Set.of("Death"), Set.of("all"), Set.of("all"), false);

    /** A link opened at {@code t}, with no connection behind it (the watchdog never touches one). */
    static Link link(long t) {
        return new Link(1, 0, null, t);
    }

    /** Marks the link ready at {@code t}, with world 1 online, as after a heartbeat and a confirmed subscription. */
    static Link readyLink(long t) {
        Link l = link(t);
        l.ready = true;
        l.readyAt = t;
        l.nextProbeAt = t + 60 * S;
        l.online.put(1, true);
        return l;
    }

    @Test
    void noHeartbeatForLongerThanTheTimeoutTripsTheHeartbeatWatchdog() {
        Watchdog w = new Watchdog(Duration.ofSeconds(65), OFF, OFF, OFF);
        Link l = link(100 * S); // a connection that never beats is stale from its open
        assertNull(w.trips(l, 165 * S, WORLD_1), "at exactly the timeout it is still healthy");
        assertEquals(ConnectionCause.HEARTBEAT_TIMEOUT, w.trips(l, 165 * S + 1, WORLD_1));
        l.lastHeartbeat = 160 * S;
        assertNull(w.trips(l, 200 * S, WORLD_1), "a heartbeat restarts the count");
        assertNull(new Watchdog(OFF, OFF, OFF, OFF).trips(l, 10_000 * S, WORLD_1), "a zero timeout is off");
    }

    @Test
    void anUnansweredSubscriptionCommandTripsTheProbeWatchdogAndAReplyCalmsIt() {
        Watchdog w = new Watchdog(OFF, Duration.ofSeconds(60), Duration.ofSeconds(30), OFF);
        Link l = readyLink(0);
        l.sync.probe(10 * S);
        assertNull(w.trips(l, 40 * S, WORLD_1));
        assertEquals(ConnectionCause.PROBE_TIMEOUT, w.trips(l, 40 * S + 1, WORLD_1));
        l.sync.onReply(new SubscriptionReply(Optional.of(List.of()), OptionalInt.empty(), List.of(), Optional.of(false),
                List.of()), Subscription.EMPTY, 41 * S);
        assertNull(w.trips(l, 100 * S, WORLD_1), "answered: nothing awaited");
    }

    @Test
    void theHeartbeatWatchdogIsNamedFirstWhenSeveralTrip() {
        Watchdog w = new Watchdog(Duration.ofSeconds(65), OFF, Duration.ofSeconds(30), OFF);
        Link l = link(0);
        l.sync.probe(0);
        assertEquals(ConnectionCause.PROBE_TIMEOUT, w.trips(l, 31 * S, WORLD_1));
        assertEquals(ConnectionCause.HEARTBEAT_TIMEOUT, w.trips(l, 66 * S, WORLD_1));
    }

    @Test
    void anOnlineWorldOfThePlanThatSentNothingTripsTheSilenceWatchdog() {
        Watchdog w = new Watchdog(OFF, OFF, OFF, Duration.ofSeconds(10));
        assertTrue(w.watchesSilence());
        Link l = readyLink(0);
        assertNull(w.trips(l, 10 * S, WORLD_1), "counted from readiness");
        assertEquals(ConnectionCause.WORLD_SILENCE, w.trips(l, 10 * S + 1, WORLD_1));
        l.lastEventByWorld.put(1, 8 * S);
        assertNull(w.trips(l, 18 * S, WORLD_1), "an event of the world restarts its count");
        assertEquals(ConnectionCause.WORLD_SILENCE, w.trips(l, 18 * S + 1, EVERY_WORLD), "'all' covers world 1");
    }

    @Test
    void theSilenceWatchdogIgnoresWorldsOfflineOrOutsideThePlanAndLinksNotReady() {
        Watchdog w = new Watchdog(OFF, OFF, OFF, Duration.ofSeconds(10));
        long late = 1_000 * S;
        Link l = readyLink(0);
        Subscription world2 = new Subscription(Set.of("Death"), Set.of("all"), Set.of("2"), false);
        assertNull(w.trips(l, late, world2), "world 1 is not subscribed");
        assertNull(w.trips(l, late, new Subscription(Set.of("Death"), Set.of("all"), Set.of(), false)),
                "a plan without worlds is not watched");
        l.online.put(1, false);
        assertNull(w.trips(l, late, WORLD_1), "an offline world owes no events");
        l.online.put(1, true);
        l.ready = false;
        assertNull(w.trips(l, late, WORLD_1), "not ready: no events expected yet");
        assertFalse(new Watchdog(OFF, OFF, OFF, OFF).watchesSilence());
        l.ready = true;
        assertNull(new Watchdog(OFF, OFF, OFF, OFF).trips(l, late, WORLD_1), "off by default");
    }

    @Test
    void aProbeIsDueOnAReadyLinkAtItsTimeAndNeverWhenTheIntervalIsZero() {
        Watchdog w = new Watchdog(OFF, Duration.ofSeconds(60), OFF, OFF);
        assertEquals(60 * S, w.probeIntervalNanos());
        Link l = readyLink(0);
        assertFalse(w.probeDue(l, 60 * S - 1));
        assertTrue(w.probeDue(l, 60 * S));
        l.ready = false;
        assertFalse(w.probeDue(l, 120 * S), "a link that is not ready is not probed");
        l.ready = true;
        assertFalse(new Watchdog(OFF, OFF, OFF, OFF).probeDue(l, 1_000 * S), "a zero interval turns probing off");
    }
}
