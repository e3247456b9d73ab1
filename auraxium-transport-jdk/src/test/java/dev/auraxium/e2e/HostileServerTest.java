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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    static long heapUsedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return best;
    }

    @Test
    void aMessageThatNeverEndsIsCutAt1MiBAndClosedWith1009() throws Exception {
        JdkTransport transport = closer.keep(JdkTransport.builder().closeTimeout(Duration.ofSeconds(2)).build());
        long before = heapUsedAfterGc();
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> clientCloseCode = new CompletableFuture<>();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listening.accept()) {
                    s.setSoTimeout(20_000);
                    handshake(s);
                    Thread reader = new Thread(() -> clientCloseCode.complete(readCloseCode(s)), "hostile-reader");
                    reader.setDaemon(true);
                    reader.start();
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[60_000]; // fits the 16-bit length form
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    out.write(frameHeader(false, 0x1, chunk.length));
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                    // continuation frames, never FIN, until the client gives up (at most 256 MiB)
                    while (!clientCloseCode.isDone() && sent.get() < 256 * MiB) {
                        out.write(frameHeader(false, 0x0, chunk.length));
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the client went away: what we wanted
                }
            });
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
                    + sent + ", oversized " + transport.oversizedMessages() + ", reader: " + READER_FAILURE);
            String last = finals.poll(10, TimeUnit.SECONDS);
            assertNotNull(last, "the listener is told the connection ended");
            assertTrue(last.startsWith("close 1009 a message of at least "), last);
            assertEquals(1, transport.oversizedMessages());
            long held = heapUsedAfterGc() - before;
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

    // ---------------------------------------------------------------- a minimal hostile server

    static void handshake(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no request");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        Matcher key = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("no key");
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] frameHeader(boolean fin, int opcode, int length) {
        if (length < 126) {
            return new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), (byte) length};
        }
        return new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), 126, (byte) (length >>> 8), (byte) length};
    }

    /** Reads the client's frames until its close frame; returns its code, or -1 when the stream ends first. */
    static int readCloseCode(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return -1;
                }
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes((int) len);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if ((b0 & 0x0F) == 0x8) {
                    return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
        } catch (IOException e) {
            READER_FAILURE = e;
            return -1;
        }
    }

    private static volatile Throwable READER_FAILURE;
}
