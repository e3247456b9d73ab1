package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.WAIT;
import static dev.auraxium.e2e.EndToEnd.login;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.internal.ws.HandshakeRequest;
import dev.auraxium.testkit.internal.ws.HandshakeResponse;
import dev.auraxium.testkit.internal.ws.WebSocketHandler;
import dev.auraxium.testkit.internal.ws.WebSocketServer;
import dev.auraxium.testkit.internal.ws.WsConnection;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.jdk.JdkTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile servers against the client, on loopback: a message that never ends, a single huge
 * frame. The client must keep its memory bounded, close with 1009, report and count it once, and
 * reconnect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerTest {
    private static final long MiB = 1024 * 1024;
    private final Closer closer = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    @Test
    void aMessageThatNeverEndsIsCutAt1MiBAndClosedWith1009() throws Exception {
        JdkTransport transport = closer.keep(JdkTransport.builder().closeTimeout(Duration.ofSeconds(2)).build());
        long before = RawPeer.heapUsedAfterGc();
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> clientCloseCode = new CompletableFuture<>();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> server = RawPeer.endlessMessage(listening, clientCloseCode, sent);
            BlockingQueue<String> finals = new LinkedBlockingQueue<>();
            TransportConnection c = transport.connect(URI.create("ws://127.0.0.1:" + listening.getLocalPort()
                    + "/streaming?environment=ps2&service-id=s:example"), new TransportListener() {
                @Override
                public void onText(TransportConnection connection, String text) {
                    finals.add("text " + text.length());
                }

                @Override
                public void onClose(TransportConnection connection, int code, String reason) {
                    finals.add("close " + code + " " + reason);
                }

                @Override
                public void onError(TransportConnection connection, Throwable error) {
                    finals.add("error " + error);
                }
            }).get(10, TimeUnit.SECONDS);
            c.request(1);
            int code = clientCloseCode.get(30, TimeUnit.SECONDS);
            assertEquals(1000, code, () -> "the client sends its close frame; listener saw " + finals + ", sent "
                    + sent + ", oversized " + transport.oversizedMessages() + ", reader: " + RawPeer.READER_FAILURE);
            String last = finals.poll(10, TimeUnit.SECONDS);
            assertNotNull(last, "the listener is told the connection ended");
            assertTrue(last.startsWith("close 1009 a message of at least "), last);
            assertEquals(1, transport.oversizedMessages());
            long held = RawPeer.heapUsedAfterGc() - before;
            assertTrue(held < 32 * MiB, "heap held: " + held / MiB + " MiB");
            assertTrue(sent.get() < 64 * MiB, "cut off after " + sent.get() + " bytes");
            server.get(30, TimeUnit.SECONDS);
            System.out.println("hostile-figure | 7 endless message to the client | cut after " + sent.get() / 1024
                    + " KiB sent (limit 1 Mi chars), closed (listener: 1009), counted 1; heap held "
                    + Math.max(0, held) / MiB + " MiB |");
        }
    }

    @Test
    void aSingleHugeFrameClosesWith1009AndTheClientReconnects() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(200)).start());
        JdkTransport transport = closer.keep(JdkTransport.builder().closeTimeout(Duration.ofSeconds(2)).build());
        EventClient client = closer.keep(EventClient.builder().serviceId("s:example").endpoint(server.uri())
                .transport(transport).subscriptionProbeInterval(Duration.ZERO)
                .reconnectDelay(Duration.ofMillis(50)).build());
        BlockingQueue<Event> logins = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).action(logins::add).build());
        client.awaitReady(WAIT);
        long first = server.connections().stream().filter(ConnectionSnapshot::open).mapToLong(ConnectionSnapshot::id)
                .max().orElseThrow();
        server.faults().sendText(first, "{\"junk\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
        assertTrue(holdsWithin(() -> transport.oversizedMessages() == 1, WAIT), "the huge frame is counted");
        assertTrue(holdsWithin(() -> server.connections().stream()
                .anyMatch(c -> c.open() && c.id() > first && !c.subscription().isEmpty()), Duration.ofSeconds(20)),
                "the client reconnects and subscribes: " + server.connections());
        client.awaitReady(WAIT);
        PlayerLogin after = login(17, 5428011263300000001L);
        assertTrue(EndToEnd.flowsWithin(server, after, logins, Duration.ofSeconds(20)), "events flow again after the reconnect");
        assertEquals(1, transport.oversizedMessages());
        assertEquals(1L, client.stats().reconnectsByCause().get(ConnectionCause.MESSAGE_TOO_BIG),
                () -> "reconnects by cause: " + client.stats().reconnectsByCause());
        System.out.println("hostile-figure | 7 single 3 MiB frame to the client | closed (listener told 1009), counted 1, "
                + "reconnected and receiving |");
    }

    @Test
    void aServerThatAnswersEveryCommandWithTheSameWrongSubscriptionGetsAFewCommandsAMinute() throws Exception {
        EssCodec codec = EssCodec.standard();
        String wrong = codec.encode(new SubscriptionReply(Optional.empty(), OptionalInt.of(0), List.of("Bogus"),
                Optional.of(false), List.of("1")));
        AtomicLong commands = new AtomicLong();
        WebSocketServer hostile = WebSocketServer.start(WebSocketServer.Config.defaults(), new WebSocketHandler() {
            @Override
            public HandshakeResponse onHandshake(HandshakeRequest request) {
                return HandshakeResponse.accept();
            }

            @Override
            public void onOpen(WsConnection c) {
                c.sendText(codec.encode(new ConnectionStateChanged(true)));
            }

            @Override
            public void onText(WsConnection c, String text) {
                commands.incrementAndGet();
                if (text.contains("ubscribe")) { // subscribe and clearSubscribe alike
                    c.sendText(wrong);
                }
            }

            @Override
            public void onClose(WsConnection c, int code, String reason) {
            }
        });
        closer.keep(hostile);
        JdkTransport transport = closer.keep(JdkTransport.builder().build());
        EventClient client = closer.keep(EventClient.builder().serviceId("s:example")
                .endpoint(URI.create("ws://127.0.0.1:" + hostile.port() + "/streaming")).transport(transport)
                .subscriptionProbeInterval(Duration.ZERO).build());
        client.on(PlayerLogin.class, e -> { });
        assertTrue(holdsWithin(() -> commands.get() >= 3, WAIT), "the client subscribes and repairs once: " + commands);
        // watch for five seconds: a storm sends thousands of commands in that time
        holdsWithin(() -> commands.get() > 10, Duration.ofSeconds(5));
        long seen = commands.get();
        assertTrue(seen <= 10, "commands sent within 5 s of a constant wrong reply: " + seen);
        assertTrue(client.stats().subscriptionDrifts() >= 1, "the drift is counted");
        System.out.println("hostile-figure | 8 constant wrong subscription replies | " + seen
                + " commands in the first ~5 s (one repair, then at most one per 30 s doubling to 10 min); drifts counted "
                + client.stats().subscriptionDrifts() + " |");
    }
}
