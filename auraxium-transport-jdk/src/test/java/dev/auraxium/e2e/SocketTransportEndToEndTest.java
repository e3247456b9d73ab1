package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.ALICE;
import static dev.auraxium.e2e.EndToEnd.WAIT;
import static dev.auraxium.e2e.EndToEnd.login;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.EssFlavour;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.MalformedFrame;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.jdk.SocketTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SocketTransport} under the real client and the real fake server on 127.0.0.1, both
 * flavours, TLS, faults and hostile peers; the transport contract itself is
 * {@code SocketTransportContractTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketTransportEndToEndTest {
    private static final long MiB = 1024 * 1024;
    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T keep(T resource) {
        return closer.keep(resource);
    }

    private EventClient client(FakeEssServer server, SocketTransport transport) {
        return keep(EventClient.builder().serviceId("s:example").endpoint(server.uri()).transport(transport)
                .subscriptionProbeInterval(Duration.ZERO).reconnectDelay(Duration.ofMillis(50)).build());
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void everyEventArrivesOnceInOrderAndAfterADroppedConnectionToo(EssFlavour flavour) throws Exception {
        FakeEssServer server = keep(FakeEssServer.builder().flavour(flavour).start());
        SocketTransport transport = keep(SocketTransport.builder().build());
        EventClient client = client(server, transport);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.on(PlayerLogin.class, got::add);
        client.awaitReady(WAIT);

        List<PlayerLogin> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            PlayerLogin login = login(17, ALICE + i);
            sent.add(login);
            assertEquals(1, server.publish(login));
        }
        assertEquals(sent, EndToEnd.take(got, sent.size()));

        long first = server.connections().stream().filter(ConnectionSnapshot::open)
                .mapToLong(ConnectionSnapshot::id).max().orElseThrow();
        server.faults().drop(first, Disconnect.abort());
        assertTrue(holdsWithin(() -> server.connections().stream()
                .anyMatch(c -> c.open() && c.id() > first && !c.subscription().isEmpty()), WAIT),
                "the client reconnects and subscribes: " + server.connections());
        client.awaitReady(WAIT);
        PlayerLogin after = login(17, ALICE + 1000);
        assertTrue(EndToEnd.flowsWithin(server, after, got, WAIT), "events flow again after the reconnect");
        assertEquals(0, client.stats().decodeErrors());
    }

    @Test
    void wssWorksWithTheTestCertificateAndAnUntrustedOneIsFatal() throws Exception {
        FakeEssServer server = keep(FakeEssServer.builder().tls().start());
        SocketTransport trusting = keep(SocketTransport.builder().sslContext(server.clientSslContext()).build());
        EventClient client = client(server, trusting);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.on(PlayerLogin.class, got::add);
        client.awaitReady(WAIT);
        PlayerLogin sent = login(13, ALICE);
        assertEquals(1, server.publish(sent));
        assertEquals(sent, got.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));

        SocketTransport untrusting = keep(SocketTransport.builder().build()); // the JVM's trust store
        CompletionException thrown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> untrusting.connect(server.uri(), new TransportListener() { }).join());
        TransportException failure = assertInstanceOf(TransportException.class, thrown.getCause());
        assertTrue(failure.isFatal(), "retrying cannot make the certificate trusted");
        assertTrue(failure.getMessage().contains("not trusted"), failure.getMessage());
    }

    @Test
    void readCoalescingHandsOnWhatArrivedDuringThePauseInOrderAndNoSooner() throws Exception {
        FakeEssServer server = keep(FakeEssServer.builder().start());
        Duration delay = Duration.ofMillis(150);
        SocketTransport transport = keep(SocketTransport.builder().readCoalescing(delay).build());
        BlockingQueue<String> logins = new LinkedBlockingQueue<>();
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        TransportConnection c = transport.connect(uri(server.uri()), new TransportListener() {
            @Override
            public void onText(TransportConnection connection, String text) {
                if (text.contains("\"serviceMessage\"")) {
                    arrivals.add(System.nanoTime()); // on the reader thread, just before it pauses
                    logins.add(text);
                }
            }
        }).get(10, TimeUnit.SECONDS);
        keep(c::abort);
        c.request(Long.MAX_VALUE);
        c.sendText("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
                + "\"eventNames\":[\"PlayerLogin\"],\"worlds\":[\"all\"]}").get(10, TimeUnit.SECONDS);
        assertTrue(holdsWithin(() -> server.connections().stream().anyMatch(s -> !s.subscription().isEmpty()), WAIT));

        assertEquals(1, server.publish(login(17, ALICE)));
        assertNotNull(logins.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        // sent while the reader pauses after the first: they wait for the pause's end, then come in order
        for (int i = 1; i <= 3; i++) {
            assertEquals(1, server.publish(login(17, ALICE + i)));
        }
        for (int i = 1; i <= 3; i++) {
            String text = logins.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(text, "login " + i + " arrives");
            assertTrue(text.contains(Long.toString(ALICE + i)), text);
        }
        long gap = arrivals.get(1) - arrivals.get(0);
        assertTrue(gap >= delay.toNanos(), "the second login came " + gap / 1_000_000 + " ms after the first, "
                + "not after the " + delay.toMillis() + " ms pause");
    }

    @ParameterizedTest
    @EnumSource(MalformedFrame.class)
    void aMalformedFrameEndsTheConnectionWithOnError(MalformedFrame kind) throws Exception {
        FakeEssServer server = keep(FakeEssServer.builder().start());
        SocketTransport transport = keep(SocketTransport.builder().build());
        Recorder recorder = new Recorder();
        TransportConnection c = transport.connect(uri(server.uri()), recorder).get(10, TimeUnit.SECONDS);
        c.request(Long.MAX_VALUE);
        assertTrue(holdsWithin(() -> server.connections().stream().anyMatch(ConnectionSnapshot::open), WAIT));
        long id = server.connections().stream().filter(ConnectionSnapshot::open).mapToLong(ConnectionSnapshot::id)
                .max().orElseThrow();
        server.faults().sendMalformedFrame(id, kind);
        String last = recorder.awaitFinal();
        assertTrue(last.startsWith("error ") && last.contains("broke the WebSocket protocol"), last);
        assertTrue(!c.isOpen());
    }

    @Test
    void aConnectionThatDropsDeliversWhatCameFirstThenReports1006() throws Exception {
        SocketTransport transport = keep(SocketTransport.builder().build());
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listening.accept()) {
                    RawPeer.handshake(s);
                    s.getOutputStream().write(new byte[] {(byte) 0x81, 2, 'h', 'i'});
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Recorder recorder = new Recorder();
            TransportConnection c = transport.connect(rawUri(listening), recorder).get(10, TimeUnit.SECONDS);
            server.get(10, TimeUnit.SECONDS); // the server closed its socket without a close frame
            assertTrue(recorder.texts.isEmpty(), "no text without demand: " + recorder.texts);
            c.request(10);
            assertEquals("close 1006 the connection dropped without a close frame", recorder.awaitFinal());
            assertEquals(List.of("hi"), recorder.texts);
        }
    }

    @Test
    void aMessageThatNeverEndsIsCutAndClosedWith1009OnTheWire() throws Exception {
        SocketTransport transport = keep(SocketTransport.builder().closeTimeout(Duration.ofSeconds(2)).build());
        long before = RawPeer.heapUsedAfterGc();
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> clientCloseCode = new CompletableFuture<>();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> server = RawPeer.endlessMessage(listening, clientCloseCode, sent);
            Recorder recorder = new Recorder();
            TransportConnection c = transport.connect(rawUri(listening), recorder).get(10, TimeUnit.SECONDS);
            c.request(1);
            assertEquals(1009, clientCloseCode.get(30, TimeUnit.SECONDS), "the close frame on the wire says 1009");
            String last = recorder.awaitFinal();
            assertTrue(last.startsWith("close 1009 a message of at least "), last);
            assertEquals(1, transport.oversizedMessages());
            long held = RawPeer.heapUsedAfterGc() - before;
            assertTrue(held < 32 * MiB, "heap held: " + held / MiB + " MiB");
            assertTrue(sent.get() < 64 * MiB, "cut off after " + sent.get() + " bytes");
            server.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendsToAPeerThatNeverReadsFailOnceTheBoundIsReached() throws Exception {
        SocketTransport transport = keep(SocketTransport.builder().build());
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = listening.accept();
                    RawPeer.handshake(s);
                    return s; // and never reads again
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            TransportConnection c = transport.connect(rawUri(listening), new Recorder()).get(10, TimeUnit.SECONDS);
            try (Socket ignored = accepted.get(10, TimeUnit.SECONDS)) {
                String big = "x".repeat(64 * 1024);
                CompletableFuture<Void> refused = null;
                for (int i = 0; i < 4096 && refused == null; i++) { // 256 MiB at most; the bound is far below
                    CompletableFuture<Void> f = c.sendText(big);
                    if (f.isCompletedExceptionally()) {
                        refused = f;
                    }
                }
                assertNotNull(refused, "a send fails once the pending bytes reach the bound");
                CompletableFuture<Void> failed = refused;
                CompletionException thrown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        failed::join);
                assertTrue(thrown.getCause().getMessage().contains("the peer is not reading"),
                        thrown.getCause().getMessage());
                c.abort();
            }
        }
    }

    @Test
    void anEndlessOrSilentUpgradeAnswerFailsTheConnectWithAPlainMessage() throws Exception {
        SocketTransport transport = keep(SocketTransport.builder().connectTimeout(Duration.ofMillis(1500)).build());
        try (ServerSocket listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> endless = CompletableFuture.runAsync(() -> {
                try (Socket s = listening.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 101 Switching Protocols\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    byte[] header = ("X-Padding: " + "p".repeat(1000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    for (int i = 0; i < 20; i++) { // 20 KiB of headers, over the 16 KiB accepted
                        out.write(header);
                    }
                    out.flush();
                    s.getInputStream().read(); // until the client gives up
                } catch (IOException e) {
                    // the client went away
                }
            });
            CompletionException tooLong = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> transport.connect(rawUri(listening), new Recorder()).join());
            assertTrue(tooLong.getCause().getMessage().contains("more than 16384 bytes of headers"),
                    tooLong.getCause().getMessage());
            endless.get(10, TimeUnit.SECONDS);

            CompletableFuture<Socket> silent = CompletableFuture.supplyAsync(() -> {
                try {
                    return listening.accept(); // accepts, reads nothing, answers nothing
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletionException timedOut = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> transport.connect(rawUri(listening), new Recorder()).join());
            TransportException failure = assertInstanceOf(TransportException.class, timedOut.getCause());
            assertTrue(failure.getMessage().startsWith("Timed out after 1500 ms"), failure.getMessage());
            silent.get(10, TimeUnit.SECONDS).close();
        }
    }

    private static URI uri(URI endpoint) {
        return URI.create(endpoint + "?environment=ps2&service-id=s:example");
    }

    private static URI rawUri(ServerSocket listening) {
        return URI.create("ws://127.0.0.1:" + listening.getLocalPort() + "/streaming?environment=ps2&service-id=s:example");
    }

    /** Records texts and the final call. */
    private static final class Recorder implements TransportListener {
        final List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
        final BlockingQueue<String> finals = new LinkedBlockingQueue<>();

        @Override
        public void onText(TransportConnection connection, String text) {
            texts.add(text);
        }

        @Override
        public void onClose(TransportConnection connection, int code, String reason) {
            finals.add("close " + code + " " + reason);
        }

        @Override
        public void onError(TransportConnection connection, Throwable error) {
            finals.add("error " + error.getMessage());
        }

        String awaitFinal() throws InterruptedException {
            String last = finals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(last, "the listener is told the connection ended");
            return last;
        }
    }
}
