package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.WAIT;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ClientStats;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.Environment;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.transport.jdk.JdkTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Back-pressure from a slow trigger action all the way to the server's socket: the client's
 * queue stays within its capacity, the JDK transport stops reading, the backlog piles up in the
 * server's send queue instead of the client's memory, and once the action speeds up every event
 * arrives, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlowControlEndToEndTest {
    private static final int CAPACITY = 16;
    private static final int EVENTS = 2_000;
    /** Big frames make the backlog outgrow the loopback socket buffers quickly (about 32 MB in all). */
    private static final String PADDING = "\"padding\":\"" + "p".repeat(16 * 1024) + "\",";

    @Test
    void slowActionWithASmallQueueStopsTheTransportReadingAndLosesNothing() throws Exception {
        Semaphore permits = new Semaphore(0);
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger arrived = new AtomicInteger();
        try (FakeEssServer server = FakeEssServer.start();
                JdkTransport transport = JdkTransport.builder().connectTimeout(Duration.ofSeconds(5)).build();
                EventClient client = EventClient.builder().serviceId("s:example").environment(Environment.PS2)
                        .endpoint(server.uri()).transport(transport).queueCapacity(CAPACITY)
                        .subscriptionProbeInterval(Duration.ZERO).build()) {
            client.on(PlayerLogin.class, e -> {
                permits.acquireUninterruptibly(); // the slow part: runs only as fast as the test allows
                seen.add(e.characterId());
                arrived.incrementAndGet();
            });
            client.awaitReady(WAIT);

            EssCodec codec = EssCodec.standard();
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            long total = 0;
            for (int i = 0; i < EVENTS; i++) {
                String frame = codec.encodeServiceMessage(new PlayerLogin(at, 13, i))
                        .replaceFirst("\"payload\":\\{", "\"payload\":{" + PADDING);
                total += frame.length();
                assertEquals(1, server.publish(frame), "event " + i + " was not sent");
            }

            long backlogTarget = total / 2;
            assertTrue(holdsWithin(() -> connection(server).pendingBytes() > backlogTarget, WAIT),
                    "the transport kept reading: server backlog " + connection(server).pendingBytes() + " of " + total);
            assertBounded(client);

            // Let the action through a few events at a time: each step drains a little, nothing more piles up.
            int released = 0;
            for (int step = 0; step < 5; step++) {
                permits.release(10);
                released += 10;
                int expected = released;
                assertTrue(holdsWithin(() -> arrived.get() == expected, WAIT), "arrived " + arrived.get() + " of " + expected);
                assertBounded(client);
            }
            assertTrue(connection(server).pendingBytes() > total / 4,
                    "the server backlog should still hold most events: " + connection(server).pendingBytes());

            permits.release(EVENTS - released);
            assertTrue(holdsWithin(() -> arrived.get() == EVENTS, WAIT), "arrived " + arrived.get() + " of " + EVENTS);

            assertEquals(LongStream.range(0, EVENTS).boxed().toList(), new ArrayList<>(seen), "lost or reordered");
            ClientStats stats = assertBounded(client);
            assertEquals(EVENTS, stats.eventsDecoded());
            assertEquals(0, stats.decodeErrors());
            assertEquals(0, stats.overflowDrops());
            assertTrue(holdsWithin(() -> connection(server).pendingBytes() == 0, WAIT));
            assertEquals(List.of(), List.copyOf(client.stats().reconnectsByCause().keySet()), "the connection held");
        }
    }

    private static ConnectionSnapshot connection(FakeEssServer server) {
        return server.connections().get(0);
    }

    private static ClientStats assertBounded(EventClient client) {
        ClientStats s = client.stats();
        assertTrue(s.queueHighWaterMark() <= CAPACITY, "queue high-water mark " + s.queueHighWaterMark()
                + " exceeds the capacity " + CAPACITY);
        assertTrue(s.queueDepth() <= CAPACITY, "queue depth " + s.queueDepth());
        return s;
    }
}
