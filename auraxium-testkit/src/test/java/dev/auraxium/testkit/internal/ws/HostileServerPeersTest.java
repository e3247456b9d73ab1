package dev.auraxium.testkit.internal.ws;

import dev.auraxium.testsupport.Await;
import static dev.auraxium.testkit.internal.ws.RecordingHandler.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.FakeEssServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile peers against the test kit's server, on loopback: each test attacks in one way while a
 * well-behaved client on the same server keeps talking, and checks that the server stays up, its
 * heap (used after a full GC) stays bounded, the attacker is cut off or refused, and the
 * well-behaved client gets everything. Figures go to RELIABILITY.md.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileServerPeersTest {

    private static final long MiB = 1024 * 1024;

    private WebSocketServer server;
    private FakeEssServer ess;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (ess != null) {
            ess.close();
        }
    }

    /** Heap in use after full collections: what the process really holds. */
    static long heapUsedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Sends texts on the healthy connection and checks each echo, in order. */
    private static void roundTrips(RawClient healthy, String tag, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            healthy.sendText(tag + " " + i);
            assertEquals(tag + " " + i, healthy.readFrame().text());
        }
    }

    // ---------------------------------------------------------------- 1: ping flood, never reading

    @Test
    void aPingFloodFromAPeerThatNeverReadsIsCutOffAndCounted() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults()
                .withMaxPendingBytesPerConnection((int) MiB), handler);
        long before = heapUsedAfterGc();
        byte[] burst = new byte[6 * 10_000];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(RawClient.encode(true, 0, WsProtocol.OPCODE_PING, new byte[0], true, -1), 0, burst, 6 * i, 6);
        }
        try (RawClient flooder = new RawClient(server.port(), 4096).open("/flood");
             RawClient healthy = new RawClient(server.port()).open("/healthy")) {
            flooder.socket.setSendBufferSize(64 * 1024);
            CompletableFuture<Long> flood = CompletableFuture.supplyAsync(() -> {
                long pings = 0;
                try {
                    while (pings < 3_000_000) { // 18 MB of empty pings; never reads a pong
                        flooder.out.write(burst);
                        pings += 10_000;
                    }
                } catch (IOException cutOff) {
                    // the server aborted the connection
                }
                return pings;
            });
            int trips = 0;
            while (!flood.isDone()) {
                roundTrips(healthy, "during", 1);
                trips++;
            }
            long pings = flood.get(60, TimeUnit.SECONDS);
            long heldAtEnd = heapUsedAfterGc() - before;
            assertEquals(1, server.overflowAborts(), "the flooder must be cut off and counted, after " + pings + " pings");
            assertTrue(pings < 3_000_000, "cut off before the end of the flood: " + pings);
            assertTrue(heldAtEnd < 48 * MiB, "heap held after the flood: " + heldAtEnd / MiB + " MiB");
            roundTrips(healthy, "after", 20);
            Figures.put("1 ping flood, never reading", "cut off after " + pings + " empty pings (1 MiB budget, "
                    + "2 bytes per pong); healthy round trips during the flood: " + trips + ", lost: 0; heap held "
                    + Math.max(0, heldAtEnd) / MiB + " MiB");
        }
    }

    // ---------------------------------------------------------------- 2: connect/close cycles

    @Test
    void closedConnectionsAreForgotten() throws Exception {
        ess = FakeEssServer.builder().start();
        URI uri = ess.uri(Environment.PS2, "s:example");
        String target = uri.getRawPath() + "?" + uri.getRawQuery();
        try (RawClient healthy = new RawClient(uri.getPort()).open(target)) {
            healthy.sendText("{\"service\":\"event\",\"action\":\"subscribe\",\"worlds\":[\"all\"],"
                    + "\"eventNames\":[\"PlayerLogin\"]}");
            long cycles = 0;
            long before = heapUsedAfterGc();
            long published = 0;
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    int done = 0;
                    for (int i = 0; i < 500; i++) {
                        try (RawClient c = new RawClient(uri.getPort()).open(target)) {
                            c.readFrame(); // the connect sequence has begun
                            done++;
                        } catch (IOException e) {
                            throw new IllegalStateException("cycle " + i + " failed", e);
                        }
                    }
                    return done;
                }));
            }
            for (CompletableFuture<Integer> w : workers) {
                cycles += w.get(60, TimeUnit.SECONDS);
            }
            String login = "{\"payload\":{\"character_id\":\"5428010618035589553\",\"event_name\":\"PlayerLogin\","
                    + "\"timestamp\":\"1700000000\",\"world_id\":\"17\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
            for (int i = 0; i < 100; i++) {
                published += ess.publish(login);
            }
            int received = 0;
            while (received < 100) {
                String text = healthy.readFrame().text();
                if (text.contains("PlayerLogin") && text.contains("serviceMessage")) {
                    received++;
                }
            }
            // the closed ones are listed until the server saw their close; the count below is the check
            Await.holdsWithin(() -> ess.connections().stream().filter(c -> c.open()).count() <= 1, Duration.ofSeconds(30));
            int listed = ess.connections().size();
            long held = heapUsedAfterGc() - before;
            assertEquals(2000, cycles);
            assertTrue(listed <= 257, "connections still listed after " + cycles + " cycles: " + listed);
            assertTrue(held < 24 * MiB, "heap held after " + cycles + " cycles: " + held / MiB + " MiB");
            assertEquals(100, received);
            Figures.put("2 connect/close cycles", cycles + " cycles by 4 threads; listed afterwards: " + listed
                    + " (open + newest 256 closed); heap held " + Math.max(0, held) / MiB + " MiB; healthy client: "
                    + received + " of " + published + " events, lost 0");
        }
    }

    // ---------------------------------------------------------------- 3: client message history

    @Test
    void theClientMessageHistoryIsBoundedInBytes() throws Exception {
        ess = FakeEssServer.builder().start();
        URI uri = ess.uri(Environment.PS2, "s:example");
        String target = uri.getRawPath() + "?" + uri.getRawQuery();
        long before = heapUsedAfterGc();
        String junk = "j".repeat(900 * 1024);
        int healthyEchoes = 0;
        try (RawClient attacker = new RawClient(uri.getPort()).open(target);
             RawClient healthy = new RawClient(uri.getPort()).open(target)) {
            for (int i = 0; i < 40; i++) {
                attacker.sendText(junk + i);
                healthy.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"n\":" + i + "}}");
                String echo;
                do {
                    echo = healthy.readFrame().text();
                } while (!echo.contains("\"n\":" + i));
                healthyEchoes++;
            }
            attacker.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"last\":true}}");
            String echo;
            do {
                echo = attacker.readFrame().text();
            } while (!echo.contains("last"));
        }
        assertEquals(40, healthyEchoes);
        List<ClientMessage> kept = ess.clientMessages();
        long chars = kept.stream().mapToLong(m -> m.text().length()).sum();
        long held = heapUsedAfterGc() - before;
        assertTrue(chars <= 16 * MiB, "client message characters kept: " + chars);
        assertTrue(kept.get(kept.size() - 1).text().contains("last"), "the newest message is kept");
        assertTrue(held < 40 * MiB, "heap held after 36 MB of junk: " + held / MiB + " MiB");
        Figures.put("3 client message history", "41 messages, 36 MB sent; kept " + kept.size() + " of the attacker's and"
                + " the healthy client's (" + chars / MiB + " Mi chars); heap held " + Math.max(0, held) / MiB
                + " MiB; healthy echoes 40 of 40");
    }

    // ---------------------------------------------------------------- 4: headers announcing 16 MiB

    @Test
    void aHeaderAnnouncingALargeFrameAllocatesNothingUpFront() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        long before = heapUsedAfterGc();
        List<RawClient> liars = new ArrayList<>();
        try (RawClient healthy = new RawClient(server.port()).open("/healthy")) {
            byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0,
                    1, 2, 3, 4, 'x', 'y'};
            for (int i = 0; i < 24; i++) {
                RawClient liar = new RawClient(server.port()).open("/liar");
                liars.add(liar);
                liar.out.write(header); // declares 16 MiB - 16 bytes, then sends 2
                liar.out.flush();
            }
            roundTrips(healthy, "during", 20);
            // the readers have the headers: watch the heap for a second
            long worst = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end) {
                worst = Math.max(worst, heapUsedAfterGc() - before);
            }
            assertTrue(worst < 64 * MiB, "heap held by 24 headers announcing 16 MiB each: " + worst / MiB + " MiB");
            roundTrips(healthy, "after", 20);
            Figures.put("4 headers announcing 16 MiB", "24 connections; heap held " + Math.max(0, worst) / MiB
                    + " MiB (was 16 MiB each); healthy round trips 40, lost 0");
        } finally {
            for (RawClient l : liars) {
                l.close();
            }
        }
    }

    // ---------------------------------------------------------------- 5: connection cap

    @Test
    void connectionsOverTheCapAreRefusedWith503() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), new WebSocketServer.Limits(8, 1 << 18, 64L << 20), handler);
        List<RawClient> held = new ArrayList<>();
        try (RawClient healthy = new RawClient(server.port()).open("/healthy")) {
            for (int i = 0; i < 7; i++) {
                held.add(new RawClient(server.port()).open("/idle"));
            }
            int refusedSeen = 0;
            for (int i = 0; i < 20; i++) {
                try (RawClient extra = new RawClient(server.port())) {
                    extra.writeAscii(RawClient.upgradeRequest("/extra", RawClient.newKey(), ""));
                    RawClient.Response r = extra.readResponseHead();
                    assertEquals(503, r.status(), r.toString());
                    assertEquals("1", r.header("Retry-After"));
                    assertTrue(r.body().contains("limit of 8 connections"), r.body());
                    refusedSeen++;
                }
            }
            roundTrips(healthy, "during", 20);
            assertEquals(20, refusedSeen);
            assertEquals(20, server.refusedCount());
            held.remove(0).close();
            RawClient again = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = new RawClient(server.port()).open("/again"); // once the closed one is gone
                } catch (IOException stillFull) {
                    // refused: the server has not seen the close yet
                }
            }
            assertNotNull(again, "a slot freed by a close is usable again");
            held.add(again);
            roundTrips(healthy, "after", 20);
            Figures.put("5 connection cap", "cap 8: 20 extra connections refused with 503 + Retry-After, "
                    + "counted 20; a freed slot reused; healthy round trips 40, lost 0");
        } finally {
            for (RawClient c : held) {
                c.close();
            }
        }
    }

    @Test
    void manySlowReadersTogetherCannotExhaustTheHeap() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(),
                new WebSocketServer.Limits(100, 1 << 18, 16L << 20), handler);
        long before = heapUsedAfterGc();
        List<RawClient> stalled = new ArrayList<>();
        try (RawClient healthy = new RawClient(server.port()).open("/healthy")) {
            WsConnection healthyConnection = take(handler.opened);
            List<WsConnection> slow = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stalled.add(new RawClient(server.port(), 4096).open("/stalled"));
                slow.add(take(handler.opened));
            }
            String chunk = "e".repeat(8 * 1024);
            long sent = 0;
            int healthySent = 0;
            CompletableFuture<Integer> healthyReads = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    while (true) {
                        String t = healthy.readFrame().text();
                        if (t.equals("end")) {
                            return n;
                        }
                        n++;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("the healthy client lost its connection after " + n, e);
                }
            });
            while (slow.stream().anyMatch(WsConnection::isOpen) && sent < 400L * 1024 * 1024) {
                for (WsConnection c : slow) {
                    c.sendText(chunk);
                    sent += chunk.length();
                }
                if (sent % (40 * chunk.length()) == 0 && healthySent < 2_000) {
                    healthyConnection.sendText("event " + healthySent++);
                }
            }
            long held = heapUsedAfterGc() - before;
            healthyConnection.sendText("end");
            int received = healthyReads.get(30, TimeUnit.SECONDS);
            assertTrue(slow.stream().noneMatch(WsConnection::isOpen), "every slow reader is cut off, after "
                    + sent / (1 << 20) + " MiB offered");
            assertEquals(20, server.overflowAborts());
            assertEquals(healthySent, received, "the healthy client gets everything");
            assertTrue(held < 48 * MiB, "heap held: " + held / MiB + " MiB");
            Figures.put("5 twenty slow readers", "20 connections that never read, 16 MiB pending in all: all cut off "
                    + "after " + sent / (1 << 20) + " MiB offered; healthy client " + received + " of " + healthySent
                    + ", lost 0; heap held " + Math.max(0, held) / MiB + " MiB");
        } finally {
            for (RawClient c : stalled) {
                c.close();
            }
        }
    }

    @Test
    void idleConnectionsKeepNoWriterThread() throws Exception {
        RecordingHandler handler = new RecordingHandler(true);
        server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler);
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                RawClient c = new RawClient(server.port()).open("/idle");
                idle.add(c);
                c.sendText("hello " + i);
                assertEquals("hello " + i, c.readFrame().text()); // each has had a writer once
            }
            String writers = server.threadNamePrefix() + "-conn-";
            java.util.function.LongSupplier writerThreads = () -> Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(writers) && t.getName().endsWith("-writer")).count();
            Await.holdsWithin(() -> writerThreads.getAsLong() == 0, Duration.ofSeconds(30));
            long running = writerThreads.getAsLong();
            assertEquals(0, running, "writer threads left for 50 idle connections");
            for (int i = 0; i < 50; i++) { // a send starts a writer again
                idle.get(i).sendText("again " + i);
                assertEquals("again " + i, idle.get(i).readFrame().text());
            }
            server.close(); // an idle connection still gets its close frame
            assertEquals(WsProtocol.CLOSE_GOING_AWAY, idle.get(0).readUntilClose().closeCode());
            Figures.put("5 idle connections", "50 idle connections: 0 writer threads after 2 s idle (one thread each, "
                    + "the reader); every one answers again and gets the 1001 close");
        } finally {
            for (RawClient c : idle) {
                c.close();
            }
        }
    }

    // ---------------------------------------------------------------- 6: too-large subscribe

    @Test
    void aTooLargeSubscribeIsLoggedAndClosedWith1009() throws Exception {
        ess = FakeEssServer.builder().start();
        URI uri = ess.uri(Environment.PS2, "s:example");
        String target = uri.getRawPath() + "?" + uri.getRawQuery();
        Logger jul = Logger.getLogger(WebSocketServer.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try (RawClient healthy = new RawClient(uri.getPort()).open(target);
             RawClient big = new RawClient(uri.getPort()).open(target)) {
            StringBuilder ids = new StringBuilder();
            while (ids.length() < 2 * MiB) {
                ids.append("\"5428010618035589553\",");
            }
            String subscribe = "{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[" + ids
                    + "\"1\"],\"eventNames\":[\"Death\"]}";
            big.sendText(subscribe);
            RawClient.Frame close = big.readUntilClose();
            assertEquals(WsProtocol.CLOSE_MESSAGE_TOO_BIG, close.closeCode());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("over the limit of " + MiB)), warnings.toString());
            healthy.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"still\":\"here\"}}");
            String echo;
            do {
                echo = healthy.readFrame().text();
            } while (!echo.contains("still"));
            Figures.put("6 too-large subscribe", "2 MiB subscribe: closed with 1009 and one WARNING line; "
                    + "healthy client answered");
        } finally {
            jul.removeHandler(capture);
        }
    }

    /** The figures of this suite, printed at the end of each test for RELIABILITY.md. */
    static final class Figures {
        private static final AtomicLong N = new AtomicLong();

        static void put(String what, String figure) {
            N.incrementAndGet();
            System.out.println("hostile-figure | " + what + " | " + figure + " |");
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
