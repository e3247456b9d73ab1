package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replays through a real FakeEssServer to real JDK WebSocket clients on loopback. */
@Timeout(60)
class FakeEssServerReplayTest {
    private static final String SUBSCRIBE_ALL = "{\"service\":\"event\",\"action\":\"subscribe\","
            + "\"eventNames\":[\"all\"],\"characters\":[\"all\"],\"worlds\":[\"all\"]}";
    private static final String GENUDINE = "\"world_id\":\"1000\"";

    private FakeEssServer server;
    private final List<Client> clients = new ArrayList<>();

    /** A JDK WebSocket peer that keeps every whole text frame it receives. */
    final class Client {
        final BlockingQueue<String> received;
        final WebSocket socket;

        Client(Environment environment) throws Exception {
            EssTestClient peer = EssTestClient.connect(server.uri(environment, "s:example"));
            received = peer.messages;
            socket = peer.ws;
            clients.add(this);
            socket.sendText(SUBSCRIBE_ALL, true).get(10, TimeUnit.SECONDS);
            String reply;
            do {
                reply = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(reply, "no subscription reply");
            } while (!reply.startsWith("{\"subscription\""));
        }

        List<String> takeEvents(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            while (out.size() < n) {
                String f = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(f, "only " + out.size() + " of " + n + " events arrived");
                if (f.contains("\"type\":\"serviceMessage\"")) {
                    out.add(f);
                }
            }
            return out;
        }

        /** Proves nothing else is queued: an echo sent now comes back as the very next frame. */
        void assertNothingMoreArrived() throws Exception {
            socket.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"end\":\"marker\"}}", true);
            String next;
            do {
                next = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(next, "the echo did not come back");
                assertTrue(!next.contains("serviceMessage"), "unexpected event after the replay: " + next);
            } while (next.contains("\"type\":\"heartbeat\""));
            assertTrue(next.contains("marker"), next);
        }
    }

    @BeforeEach
    void start() {
        server = FakeEssServer.start();
    }

    @AfterEach
    void close() {
        clients.forEach(c -> c.socket.abort());
        server.close();
    }

    /** The 2024 capture's service messages: the frames a replay of it must deliver, in order. */
    private static List<String> eventsOf(Path capture) throws IOException {
        List<String> events = Files.readAllLines(capture).stream()
                .filter(l -> l.contains("\"type\":\"serviceMessage\"")).toList();
        assertEquals(649, events.size());
        return events;
    }

    @Test
    void replayOfThe2024CaptureDeliversExactlyItsEventsInOrder() throws Exception {
        Path file = Samples.file(Samples.SAERRO_2024);
        List<String> expected = eventsOf(file);
        // The capture mixes PC worlds with Genudine (1000, a PS4 world); the fake server, like the
        // live one per environment, sends each world only to its own environment's connections.
        List<String> pc = expected.stream().filter(l -> !l.contains(GENUDINE)).toList();
        List<String> ps4 = expected.stream().filter(l -> l.contains(GENUDINE)).toList();
        Client pcClient = new Client(Environment.PS2);
        Client ps4Client = new Client(Environment.PS2PS4US);

        ReplayHandle h = server.replay(Recording.load(file), ReplaySpeed.asFastAsPossible());
        ReplayProgress done = h.completion().get(30, TimeUnit.SECONDS);

        assertEquals(649, done.sent());
        assertEquals(12, done.skipped(), "the preamble, state frames, subscription echo and heartbeat");
        assertEquals(649, done.deliveries(), "each event reached exactly one of the two connections");
        assertEquals(pc, pcClient.takeEvents(pc.size()));
        assertEquals(ps4, ps4Client.takeEvents(ps4.size()));
        pcClient.assertNothingMoreArrived();
        ps4Client.assertNothingMoreArrived();
    }

    @Test
    void crossEnvironmentServerReplaysThe2024CaptureExactlyAndInOrderToOneClient() throws Exception {
        Path file = Samples.file(Samples.SAERRO_2024);
        List<String> expected = eventsOf(file);
        assertTrue(expected.stream().anyMatch(l -> l.contains(GENUDINE))
                && expected.stream().anyMatch(l -> !l.contains(GENUDINE)), "the capture mixes PC and PS4 worlds");
        server.close();
        // Like the Nanite Systems proxy the capture was taken through: every world on one connection.
        server = FakeEssServer.builder().crossEnvironment(true).start();
        Client client = new Client(Environment.PS2);

        ReplayProgress done = server.replay(Recording.load(file), ReplaySpeed.asFastAsPossible())
                .completion().get(30, TimeUnit.SECONDS);

        assertEquals(649, done.sent());
        assertEquals(649, done.deliveries(), "every event reached the one connection once");
        assertEquals(expected, client.takeEvents(expected.size()));
        client.assertNothingMoreArrived();
    }

    @Test
    void replayAtTimesNPacesASyntheticRecording() throws Exception {
        Client client = new Client(Environment.PS2);
        Recording r = SyntheticStream.builder().seed(4).worlds(1, 10, 13, 17, 40).eventsPerSecond(500).build()
                .toRecording(100); // 198 ms of receive time
        long start = System.nanoTime();
        ReplayProgress done = server.replay(r, ReplaySpeed.times(2)).completion().get(30, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 90, "x2 of 198 ms took only " + ms + " ms");
        assertEquals(100, done.sent());
        assertEquals(100, done.deliveries());
        assertEquals(r.texts(), client.takeEvents(100));
    }

    @Test
    void replayToOneConnectionReachesOnlyItAndEndsWhenItCloses() throws Exception {
        Client a = new Client(Environment.PS2);
        Client b = new Client(Environment.PS2);
        List<ConnectionSnapshot> connections = server.connections();
        long aId = connections.get(connections.size() - 2).id();
        Recording r = SyntheticStream.builder().seed(9).worlds(1, 10, 13, 17, 40).build().toRecording(200);

        ReplayProgress done = server.replayTo(aId, r, ReplaySpeed.asFastAsPossible()).completion().get(30, TimeUnit.SECONDS);
        assertEquals(200, done.deliveries());
        assertEquals(r.texts(), a.takeEvents(200));
        b.assertNothingMoreArrived();
        assertTrue(!server.recentCharacterIds().isEmpty(), "the replayed characters are remembered");

        SyntheticStream s = SyntheticStream.builder().worlds(17).build();
        Recording slow = Recording.ofFrames(List.of(RecordedFrame.at(Duration.ZERO, s.next()),
                RecordedFrame.at(Duration.ofHours(1), s.next())));
        ReplayHandle h = server.replayTo(aId, slow, ReplaySpeed.realTime());
        a.takeEvents(1);
        a.socket.abort();
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.completion().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalArgumentException.class, () -> server.replayTo(-1, slow, ReplaySpeed.realTime()));
    }

    @Test
    void closingTheServerEndsItsReplay() throws Exception {
        Client client = new Client(Environment.PS2);
        SyntheticStream s = SyntheticStream.builder().worlds(17).build();
        Recording r = Recording.ofFrames(List.of(RecordedFrame.at(Duration.ZERO, s.next()),
                RecordedFrame.at(Duration.ofHours(1), s.next())));
        ReplayHandle h = server.replay(r, ReplaySpeed.realTime());
        client.takeEvents(1);
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.completion().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, h.progress().sent());
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> server.replay(r, ReplaySpeed.realTime()));
        assertTrue(closed.getMessage().contains("closed"));
    }
}
