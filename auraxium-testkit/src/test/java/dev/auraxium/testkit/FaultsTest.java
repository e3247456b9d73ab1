package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every fault, observed from the client's side of a real WebSocket. */
@Timeout(30)
class FaultsTest {
    private static final String SUBSCRIBE_WORLD_EVENTS = "{\"service\":\"event\",\"action\":\"subscribe\","
            + "\"eventNames\":[\"FacilityControl\"],\"worlds\":[\"all\"]}";

    private static EssTestClient subscribed(FakeEssServer server) throws InterruptedException {
        EssTestClient c = EssTestClient.connectReady(server, 6);
        c.send(SUBSCRIBE_WORLD_EVENTS);
        c.nextMatching(m -> m instanceof SubscriptionReply);
        return c;
    }

    private static long lastId(FakeEssServer server) {
        List<ConnectionSnapshot> all = server.connections();
        return all.get(all.size() - 1).id();
    }

    private static Event nextEvent(EssTestClient c) throws InterruptedException {
        return ((ServiceMessage) c.nextMatching(m -> m instanceof ServiceMessage)).event();
    }

    @Test
    void rejectsHandshakesWithTheGivenStatusUntilToldOtherwise() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            server.faults().rejectHandshakes(403);
            assertEquals(403, FakeEssServerTest.handshakeStatus(server.uri(Environment.PS2, "s:example")));
            server.faults().rejectHandshakes(503, Duration.ofSeconds(7));
            CompletionException e = assertThrows(CompletionException.class,
                    () -> EssTestClient.connect(server.uri(Environment.PS2, "s:example")));
            WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(503, h.getResponse().statusCode());
            assertEquals(Optional.of("7"), h.getResponse().headers().firstValue("Retry-After"));
            server.faults().acceptHandshakes();
            try (EssTestClient c = EssTestClient.connect(server.uri(Environment.PS2, "s:example"))) {
                assertEquals(new ConnectionStateChanged(true), c.nextMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> server.faults().rejectHandshakes(200));
        }
    }

    /**
     * Read with a plain socket, not the JDK client: the JDK WebSocket loses an end of stream that
     * arrives while it holds no demand for the next frame (JdkTransport's javadoc has the details),
     * and this test is about what the server puts on the wire, not about that client.
     */
    @Test
    void abortDropsTheConnectionWithoutACloseFrame() throws Exception {
        // No heartbeat during the test: with the default random phase one may come at any moment.
        try (FakeEssServer server = FakeEssServer.builder().firstHeartbeatAfter(Duration.ofHours(1)).start();
                Socket raw = rawUpgrade(server)) {
            InputStream in = raw.getInputStream();
            for (int i = 0; i < 2 + 6; i++) { // connected, help prompt, one state per endpoint
                assertEquals(OPCODE_TEXT, readFrameOpcode(in), "frame " + i + " of the connect sequence");
            }
            server.faults().drop(lastId(server), Disconnect.abort());
            int next;
            try {
                next = readFrameOpcode(in);
            } catch (SocketException reset) {
                next = -1; // a reset is an abrupt end too
            }
            assertEquals(-1, next, "after an abort the socket ends with no further frame (8 would be a close frame)");
            assertFalse(server.connections().get(0).open());
        }
    }

    @Test
    void dropAllClosesEveryConnectionWithTheGivenCode() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EssTestClient a = EssTestClient.connectReady(server, 6);
                EssTestClient b = EssTestClient.connectReady(server, 6)) {
            assertEquals(2, server.faults().dropAll(Disconnect.close(4000, "backend gone")));
            assertEquals(4000, a.closeCode.get(5, TimeUnit.SECONDS));
            assertEquals(4000, b.closeCode.get(5, TimeUnit.SECONDS));
            assertThrows(IllegalArgumentException.class, () -> Disconnect.close(1006, ""));
        }
    }

    @Test
    void stallSilencesOneConnectionIncludingHeartbeatsWhileOthersGoOn() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(100)).start();
                EssTestClient a = subscribed(server);
                EssTestClient b = subscribed(server)) {
            long aId = server.connections().get(0).id();
            server.faults().stall(aId);
            a.messages.clear();
            assertTrue(server.connections().get(0).stalled());
            for (int world : new int[] {1, 10, 13}) {
                assertEquals(1, server.publish(TestEvents.facilityControl(world)));
            }
            assertEquals(1, ((ServiceMessage) b.nextMatching(m -> m instanceof ServiceMessage)).event().worldId());
            b.nextMatching(m -> m instanceof ServiceMessage);
            b.nextMatching(m -> m instanceof ServiceMessage);
            b.nextMatching(m -> m instanceof Heartbeat);
            b.nextMatching(m -> m instanceof Heartbeat);
            assertTrue(a.messages.isEmpty(), "the stalled connection got " + a.messages);

            server.faults().resume(aId);
            server.publish(TestEvents.facilityControl(40));
            List<ServerMessage> seen = new java.util.ArrayList<>();
            ServerMessage m;
            do {
                m = a.nextMessage();
                seen.add(m);
            } while (!(m instanceof ServiceMessage));
            assertEquals(40, ((ServiceMessage) m).event().worldId(), "nothing published during the stall arrived");
            assertTrue(seen.size() <= 2, "at most one heartbeat ticked between resume and publish: " + seen);
        }
    }

    @Test
    void sendsConnectedFalse() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            server.faults().sendConnectedFalse(lastId(server));
            assertEquals(new ConnectionStateChanged(false), c.nextMessage());
        }
    }

    @Test
    void alteredSubscriptionShowsInTheNextProbeReplyAndChangesDelivery() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = subscribed(server)) {
            Subscription altered = server.faults().alterSubscription(lastId(server),
                    s -> new Subscription(s.eventNames(), s.characters(), Set.of("10"), false));
            assertEquals(Set.of("10"), altered.worlds());
            c.send("{\"service\":\"event\",\"action\":\"subscribe\"}");
            SubscriptionReply probe = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(List.of("10"), probe.worlds());
            assertEquals(0, server.publish(TestEvents.facilityControl(13)));
            assertEquals(1, server.publish(TestEvents.facilityControl(10)));
        }
    }

    @Test
    void duplicatesTheNextPublishedEvents() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = subscribed(server)) {
            server.faults().duplicateNextEvents(1);
            assertEquals(1, server.publish(TestEvents.facilityControl(1)));
            server.publish(TestEvents.facilityControl(10));
            assertEquals(1, nextEvent(c).worldId());
            assertEquals(1, nextEvent(c).worldId());
            assertEquals(10, nextEvent(c).worldId());
        }
    }

    @Test
    void malformedFrameMakesTheClientFail() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            server.faults().sendMalformedFrame(lastId(server), MalformedFrame.RESERVED_OPCODE);
            assertNotNull(c.error.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void sendsRawTextUnchanged() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            server.faults().sendText(lastId(server), "{\"broken\":");
            assertEquals("{\"broken\":", c.next());
        }
    }

    @Test
    void slowWritesDelayDelivery() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = subscribed(server)) {
            server.faults().slowWrites(lastId(server), Duration.ofMillis(300));
            long start = System.nanoTime();
            server.publish(TestEvents.facilityControl(1));
            nextEvent(c);
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(250).toNanos(), "the write was not delayed");
            server.faults().slowWrites(lastId(server), Duration.ZERO);
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotStopPublishingToOthers() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); Socket silent = rawUpgrade(server)) {
            // From here on the silent client reads nothing.
            try (EssTestClient reader = EssTestClient.connectReady(server, 6)) {
                assertTrue(server.awaitConnections(2, EssTestClient.WAIT));
                String big = "{\"filler\":\"" + "x".repeat(16 * 1024) + "\"}";
                int frames = 1000;
                for (int i = 0; i < frames; i++) {
                    server.publish(big);
                }
                for (int i = 0; i < frames; i++) {
                    assertEquals(big, reader.next());
                }
            }
        }
    }

    private static final int OPCODE_TEXT = 1;

    /** A plain socket past a successful upgrade (the 101 head read), with a 5 s read timeout. */
    private static Socket rawUpgrade(FakeEssServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /streaming?environment=ps2&service-id=s:example HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the response head ended early: " + head);
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return s;
    }

    /** Reads one unmasked server frame and returns its opcode, or -1 at the end of the stream. */
    private static int readFrameOpcode(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return -1;
        }
        int b1 = in.read();
        assertTrue(b1 >= 0 && (b1 & 0x80) == 0, "a server frame must be unmasked");
        long length = b1 & 0x7F;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
            length = 0;
            for (byte b : in.readNBytes(extra)) {
                length = (length << 8) | (b & 0xFF);
            }
        }
        in.skipNBytes(length); // throws EOFException if the frame is cut short
        return b0 & 0x0F;
    }
}
