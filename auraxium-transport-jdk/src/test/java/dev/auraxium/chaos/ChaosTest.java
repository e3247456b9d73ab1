package dev.auraxium.chaos;

import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ClientStats;
import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.MalformedFrame;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.jdk.JdkTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos suite: a real client over the real JDK WebSocket transport against a real
 * {@link FakeEssServer} on 127.0.0.1, with the server's faults. Events carry a unique id (in
 * {@code other_id}), so loss and duplication are counted by id. Figures are printed at the end
 * and written to {@code target/reliability-figures.md} (copied into RELIABILITY.md).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChaosTest {
    static final Map<String, String> FIGURES = new LinkedHashMap<>();
    static final AtomicLong NEXT_ID = new AtomicLong(1);

    FakeEssServer server;
    JdkTransport transport;
    EventClient client;
    final List<ConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterAll
    static void printFigures() throws IOException {
        StringBuilder sb = new StringBuilder("| figure | value |\n|---|---|\n");
        FIGURES.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        System.out.println("\n=== auraxium chaos suite figures ===\n" + sb);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("reliability-figures.md"), sb.toString(), StandardCharsets.UTF_8);
        }
    }

    static void figure(String name, Object value) {
        synchronized (FIGURES) {
            FIGURES.put(name, String.valueOf(value));
        }
    }

    FakeEssServer startServer() {
        server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(200)).start();
        return server;
    }

    EventClient.Builder clientBuilder() {
        transport = JdkTransport.create(TransportOptions.DEFAULTS);
        return EventClient.builder().transport(transport).endpoint(server.uri()).serviceId("s:chaostest0001")
                .heartbeatTimeout(Duration.ofMillis(500))
                .subscriptionProbeInterval(Duration.ofMillis(500)).subscriptionProbeTimeout(Duration.ofMillis(1500))
                .reconnectBackoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(200))
                .stablePeriod(Duration.ofMillis(500))
                .errorHandler(errors::add)
                .connectionListener(connectionEvents::add);
    }

    static GainExperience event(long id) {
        return new GainExperience(Instant.ofEpochSecond(1_717_171_717L + id / 1000), 1 + (int) (id % 2) * 9, 10,
                5428011263300000001L + (id % 50), 1, 5, id, OptionalInt.of(1), 2);
    }

    /** The whole JVM's CPU time (all threads, the client's included); java.base only. */
    static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    boolean subscribed(ConnectionSnapshot c) {
        return c.open() && c.subscription().eventNames().contains(GainExperience.NAME);
    }

    long subscribedConnections() {
        return server.connections().stream().filter(this::subscribed).count();
    }

    @Test
    void survivesFiftyDropsWithTwoConnectionsLosingAndDuplicatingNothingAmidBadInput() throws Exception {
        startServer();
        Map<Long, AtomicInteger> delivered = new ConcurrentHashMap<>();
        AtomicLong thrown = new AtomicLong();
        // at this rate a 500 ms heartbeat window is tripped by plain backlog; dedup keys stay under the cap
        client = clientBuilder().connections(2).heartbeatTimeout(Duration.ofSeconds(2))
                .deduplicate(Duration.ofSeconds(3), false).build();
        client.addTrigger(Trigger.on(GainExperience.class).name("count")
                .action(e -> delivered.computeIfAbsent(e.otherId(), k -> new AtomicInteger()).incrementAndGet()).build());
        client.addTrigger(Trigger.on(GainExperience.class).name("thrower").action(e -> {
            if (e.otherId() % 97 == 0) {
                thrown.incrementAndGet();
                throw new IllegalStateException("a user action failing on purpose");
            }
        }).build());
        client.awaitReady(Duration.ofSeconds(10));
        assertTrue(holdsWithin(() -> subscribedConnections() == 2, Duration.ofSeconds(10)), "two connections never subscribed");

        // id -> how many connections publish() sent it to
        Map<Long, Integer> published = new ConcurrentHashMap<>();
        // published to one connection only (the other was reconnecting) and not yet seen delivered
        Set<Long> singles = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong unselected = new AtomicLong();
        Thread publisher = new Thread(() -> {
            while (!stop.get()) {
                long id = NEXT_ID.getAndIncrement();
                int copies = server.publish(event(id));
                if (copies > 0) {
                    published.put(id, copies);
                    if (copies == 1) {
                        singles.add(id);
                    }
                } else {
                    unselected.incrementAndGet();
                }
                if (id % 5 == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // at most ~5k events/s
                }
            }
        }, "chaos-publisher");
        long started = System.nanoTime();
        publisher.start();

        int drops = 0;
        int malformedJson = 0;
        int unknownEvents = 0;
        int protocolViolations = 0;
        long inFlightOnBoth = 0;
        try {
            while (drops < 50) {
                assertTrue(holdsWithin(() -> subscribedConnections() == 2, Duration.ofSeconds(10)),
                        "the client did not get back to two subscribed connections after drop " + drops);
                long before = published.size();
                // let both carry traffic for a moment
                assertTrue(holdsWithin(() -> published.size() >= before + 200, Duration.ofSeconds(10)));
                // Staggered: the events published while only one connection was subscribed (the
                // recovery of the previous drop) must have been delivered before the next drop,
                // since an aborted connection takes what the server still queued for it along
                // (no client can get those). From here on every event goes to both, and each drop
                // below loses the victim's copies of whatever is still in flight.
                int dropNo = drops;
                assertTrue(holdsWithin(() -> {
                    singles.removeIf(delivered::containsKey);
                    return singles.isEmpty();
                }, Duration.ofSeconds(10)), () -> "before drop " + dropNo + " the client never delivered "
                        + singles.size() + " events that only one connection carried, e.g. "
                        + singles.stream().sorted().limit(20).toList() + "; " + client.stats());
                List<ConnectionSnapshot> live = server.connections().stream().filter(this::subscribed)
                        .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
                if (live.size() != 2) {
                    // a watchdog is replacing one (a third, or the replaced one still draining):
                    // dropping a connection the client is closing anyway would prove nothing
                    continue;
                }
                ConnectionSnapshot victim = live.get(0);
                ConnectionSnapshot other = live.get(1);
                inFlightOnBoth += published.entrySet().stream()
                        .filter(e -> e.getValue() >= 2 && !delivered.containsKey(e.getKey())).count();
                if (drops % 10 == 3) {
                    server.faults().sendText(other.id(), "{\"payload\":{\"event_name\":\"Death\",\"character_id\":");
                    malformedJson++;
                    server.faults().sendText(other.id(), "{\"payload\":{\"event_name\":\"FutureEvent\",\"timestamp\":\"1717171717\","
                            + "\"world_id\":\"1\",\"other_id\":\"" + (-drops) + "\"},\"service\":\"event\",\"type\":\"serviceMessage\"}");
                    unknownEvents++;
                }
                if (drops % 10 == 7) {
                    server.faults().sendMalformedFrame(victim.id(), MalformedFrame.RESERVED_OPCODE);
                    protocolViolations++;
                } else {
                    server.faults().drop(victim.id(), Disconnect.abort());
                }
                drops++;
            }
        } finally {
            stop.set(true);
            publisher.join(5_000);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean complete = holdsWithin(() -> published.keySet().stream().allMatch(delivered::containsKey), Duration.ofSeconds(15));
        assertTrue(complete, () -> "events were lost: " + published.keySet().stream().filter(id -> !delivered.containsKey(id))
                .sorted().limit(20).toList() + " of " + published.size() + "; " + client.stats() + "; " + connectionEvents.stream()
                .filter(e -> e.kind() != ConnectionEvent.Kind.CONNECTING && e.kind() != ConnectionEvent.Kind.OPENED).limit(40).toList());
        long lost = published.keySet().stream().filter(id -> !delivered.containsKey(id)).count();
        long duplicated = delivered.values().stream().filter(n -> n.get() > 1).count();
        long extra = delivered.keySet().stream().filter(id -> !published.containsKey(id)).count();
        ClientStats s = client.stats();
        figure("drops: abrupt drops + protocol-violation drops survived (connections(2))", drops + " (" + (drops - protocolViolations)
                + " + " + protocolViolations + ") in " + String.format("%.1f s", seconds));
        figure("drops: events published while >= 1 connection subscribed (to both / to one)", published.size() + " ("
                + published.values().stream().filter(n -> n >= 2).count() + " / "
                + published.values().stream().filter(n -> n == 1).count() + ")");
        figure("drops: events sent to both and not yet delivered at a drop (survivor's copy needed)", inFlightOnBoth);
        figure("drops: events delivered (distinct ids)", delivered.size() - extra);
        figure("drops: lost / duplicated", lost + " / " + duplicated);
        figure("drops: cross-connection copies dropped by dedup", s.duplicatesDropped());
        figure("drops: reconnects by cause", s.reconnectsByCause());
        figure("drops: publish rate", String.format("%.0f events/s", published.size() / seconds));
        figure("drops: dedup keys evicted early (cap reached)", s.dedupEarlyEvictions());
        figure("bad input: malformed JSON frames / unknown events / throwing actions",
                s.decodeErrors() + " / " + s.unknownEvents() + " / " + s.actionFailures());
        assertEquals(0, lost, "lost events");
        assertEquals(0, duplicated, "duplicated events");
        assertEquals(malformedJson, s.decodeErrors(), "decode errors");
        assertEquals(unknownEvents, s.unknownEvents(), "unknown events");
        assertEquals(thrown.get(), s.actionFailures(), "action failures");
        // the last drop may not have been noticed yet when everything was already delivered
        int allDrops = drops;
        assertTrue(holdsWithin(() -> client.stats().reconnects() >= allDrops, Duration.ofSeconds(10)),
                () -> "reconnects " + client.stats().reconnectsByCause() + " after " + allDrops + " drops");
    }

    @Test
    void detectsAStalledConnectionAndReplacesIt() throws Exception {
        stallUntilReplaced();
    }

    /** The speed of {@link #detectsAStalledConnectionAndReplacesIt}: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void replacesAStalledConnectionWithinTheHeartbeatWindow() throws Exception {
        double ms = stallUntilReplaced() / 1e6;
        assertTrue(ms < 500 + 125 + 1_000, "replacement took " + ms + " ms");
    }

    /** Stalls the one connection and checks that it is replaced and events flow; returns stall to replacement. */
    private long stallUntilReplaced() throws Exception {
        startServer();
        Map<Long, AtomicInteger> delivered = new ConcurrentHashMap<>();
        client = clientBuilder().build();
        client.addTrigger(Trigger.on(GainExperience.class)
                .action(e -> delivered.computeIfAbsent(e.otherId(), k -> new AtomicInteger()).incrementAndGet()).build());
        client.awaitReady(Duration.ofSeconds(10));
        assertTrue(holdsWithin(() -> subscribedConnections() == 1, Duration.ofSeconds(10)));
        long stalledId = server.connections().get(0).id();
        connectionEvents.clear();
        long t0 = System.nanoTime();
        server.faults().stall(stalledId);
        assertTrue(holdsWithin(() -> connectionEvents.stream().anyMatch(e -> e.kind() == ConnectionEvent.Kind.REPLACED),
                Duration.ofSeconds(15)), "the stalled connection was not replaced");
        long replacedNanos = System.nanoTime() - t0;
        ConnectionEvent replacing = connectionEvents.stream().filter(e -> e.kind() == ConnectionEvent.Kind.REPLACING)
                .findFirst().orElseThrow();
        assertEquals(ConnectionCause.HEARTBEAT_TIMEOUT, replacing.cause());
        // after the replacement, events flow again on the new connection
        long id = NEXT_ID.getAndIncrement();
        assertTrue(holdsWithin(() -> server.connections().stream().anyMatch(c -> c.id() != stalledId && subscribed(c)),
                Duration.ofSeconds(15)), "the replacement never subscribed");
        assertTrue(server.publish(event(id)) > 0, "no subscribed connection took the event");
        assertTrue(holdsWithin(() -> delivered.containsKey(id), Duration.ofSeconds(15)), "no event after the replacement");
        assertTrue(holdsWithin(() -> server.connections().stream().noneMatch(c -> c.id() == stalledId && c.open()),
                Duration.ofSeconds(15)), "the stalled connection was left open");
        double ms = replacedNanos / 1e6;
        figure("stall: heartbeat timeout (server beats every 200 ms)", "500 ms");
        figure("stall: stall to replacement ready (make-before-break)", String.format("%.0f ms", ms));
        return replacedNanos;
    }

    @Test
    void repairsASilentlyAlteredSubscription() throws Exception {
        alterUntilRepaired();
    }

    /** The speed of {@link #repairsASilentlyAlteredSubscription}: a wall-clock limit, so not in the default build. */
    @Test
    @Tag("timing")
    void repairsASilentlyAlteredSubscriptionWithinOneProbeInterval() throws Exception {
        double ms = alterUntilRepaired() / 1e6;
        assertTrue(ms < 500 + 125 + 500, "repair took " + ms + " ms");
    }

    /** Empties the connection's subscription behind the client's back; returns alteration to repair. */
    private long alterUntilRepaired() throws Exception {
        startServer();
        client = clientBuilder().build();
        client.on(GainExperience.class, e -> { });
        client.awaitReady(Duration.ofSeconds(10));
        assertTrue(holdsWithin(() -> subscribedConnections() == 1, Duration.ofSeconds(10)));
        long cid = server.connections().get(0).id();
        long t0 = System.nanoTime();
        server.faults().alterSubscription(cid, s -> Subscription.EMPTY);
        assertTrue(holdsWithin(() -> subscribedConnections() == 1 && client.stats().subscriptionDrifts() >= 1,
                Duration.ofSeconds(15)), "the drift was not repaired");
        long repairedNanos = System.nanoTime() - t0;
        figure("drift: probe interval", "500 ms");
        figure("drift: alteration to repaired subscription", String.format("%.0f ms", repairedNanos / 1e6));
        return repairedNanos;
    }

    @Test
    void triggersSeeNoneOfTheCopiesWhenTheServerDuplicatesTenPercent() throws Exception {
        startServer();
        Map<Long, AtomicInteger> delivered = new ConcurrentHashMap<>();
        client = clientBuilder().deduplicate(Duration.ofSeconds(10), true).build();
        client.addTrigger(Trigger.on(GainExperience.class)
                .action(e -> delivered.computeIfAbsent(e.otherId(), k -> new AtomicInteger()).incrementAndGet()).build());
        client.awaitReady(Duration.ofSeconds(10));
        assertTrue(holdsWithin(() -> subscribedConnections() == 1, Duration.ofSeconds(10)));
        List<Long> ids = new ArrayList<>();
        int duplicated = 0;
        for (int i = 0; i < 5_000; i++) {
            long id = NEXT_ID.getAndIncrement();
            if (i % 10 == 0) {
                server.faults().duplicateNextEvents(1);
                duplicated++;
            }
            assertEquals(1, server.publish(event(id)));
            ids.add(id);
        }
        assertTrue(holdsWithin(() -> ids.stream().allMatch(delivered::containsKey), Duration.ofSeconds(15)), "events lost");
        int d = duplicated;
        assertTrue(holdsWithin(() -> client.stats().duplicatesDropped() == d, Duration.ofSeconds(5)),
                "dropped " + client.stats().duplicatesDropped() + " of " + d);
        long seenTwice = delivered.values().stream().filter(n -> n.get() > 1).count();
        figure("duplicates: events published / duplicated by the server", ids.size() + " / " + duplicated);
        figure("duplicates: copies reaching triggers / dropped by dedup",
                seenTwice + " / " + client.stats().duplicatesDropped());
        assertEquals(0, seenTwice);
    }

    @Test
    void backsOffWhileTheServerStaysDown() throws Exception {
        outage();
    }

    /**
     * The CPU cost of {@link #backsOffWhileTheServerStaysDown}: a share of the whole JVM's CPU time
     * (other tests' threads, the JIT and the GC included), so not in the default build.
     */
    @Test
    @Tag("timing")
    void backsOffWithIdleCpuWhileTheServerStaysDown() throws Exception {
        double cpuShare = outage();
        // a reconnect busy loop would take a whole core
        assertTrue(cpuShare < 0.25, "CPU " + cpuShare);
    }

    /** Refuses every upgrade, checks the client backs off and comes back; returns the process CPU share meanwhile. */
    private double outage() throws Exception {
        startServer();
        List<Long> attemptTimes = new CopyOnWriteArrayList<>();
        client = clientBuilder().reconnectBackoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(500))
                .connectionListener(e -> {
                    if (e.kind() == ConnectionEvent.Kind.CONNECTING) {
                        attemptTimes.add(System.nanoTime());
                    }
                    connectionEvents.add(e);
                }).build();
        client.on(GainExperience.class, e -> { });
        client.awaitReady(Duration.ofSeconds(10));
        // the server goes down: every upgrade is refused with 503 and the open connection drops
        server.faults().rejectHandshakes(503);
        server.faults().dropAll(Disconnect.abort());
        // the first attempts of the outage are left out of the CPU figure: JIT compilation of the
        // reconnect path and the previous tests' garbage would otherwise be billed to it
        int outageStart = attemptTimes.size();
        assertTrue(holdsWithin(() -> attemptTimes.size() >= outageStart + 3, Duration.ofSeconds(10)),
                "the client stopped retrying while the server was down");
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        int attempts0 = attemptTimes.size();
        // the window ends after 8 more attempts; with the bound at its 500 ms cap and full jitter
        // that is about 2 s, and a busy loop would get there at once (and fail the attempt-rate check)
        assertTrue(holdsWithin(() -> attemptTimes.size() >= attempts0 + 8, Duration.ofSeconds(20)),
                "fewer than 8 reconnect attempts in 20 s: " + (attemptTimes.size() - attempts0));
        long cpu = processCpuNanos() - cpu0;
        long wall = System.nanoTime() - t0;
        int attempts = attemptTimes.size() - attempts0;
        Duration window = Duration.ofNanos(wall);
        double cpuShare = (double) cpu / wall;
        figure("server down: window measured (8 attempts, after the first 3 of the outage)",
                String.format("%.1f s", wall / 1e9));
        figure("server down: reconnect attempts (backoff 50 ms x2, cap 500 ms, full jitter)", attempts);
        figure("server down: process CPU over the window", String.format("%.0f ms (%.1f%% of one core)", cpu / 1e6, cpuShare * 100));
        // 8 delays drawn uniformly below a 400-500 ms bound sum to under 500 ms about once in 10,000 runs;
        // a client that did not back off would make its 8 attempts in a few milliseconds
        assertTrue(window.toMillis() >= 500, attempts + " attempts in " + window.toMillis() + " ms");
        List<ConnectionEvent> scheduled = connectionEvents.stream()
                .filter(e -> e.kind() == ConnectionEvent.Kind.RETRY_SCHEDULED).toList();
        assertTrue(scheduled.stream().allMatch(e -> e.retryIn().map(d -> d.compareTo(Duration.ofMillis(500)) <= 0).orElse(true)));
        // and it comes back when the server does
        server.faults().acceptHandshakes();
        assertTrue(holdsWithin(client::isReady, Duration.ofSeconds(5)), "not ready after the server came back");
        return cpuShare;
    }
}
