package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.ALICE;
import static dev.auraxium.e2e.EndToEnd.BOB;
import static dev.auraxium.e2e.EndToEnd.login;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.EventClient;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.jdk.JdkTransport;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK transport and the whole client over {@code wss://} against the test kit's TLS server on
 * 127.0.0.1: trusted, untrusted (the default trust store does not know the test certificate), and
 * reconnecting after a drop exactly as over {@code ws://}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsEndToEndTest {
    private final Closer closer = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private EventClient client(FakeEssServer server, JdkTransport transport, List<Throwable> reported,
            List<ConnectionEvent> events) {
        return closer.keep(EventClient.builder().serviceId("s:example").environment(Environment.PS2).endpoint(server.uri())
                .transport(transport).subscriptionProbeInterval(Duration.ZERO).reconnectDelay(Duration.ofMillis(50))
                .errorHandler(reported::add).connectionListener(events::add).build());
    }

    @Test
    void aClientTrustingTheTestCertificateReceivesEventsOverWss() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().tls().start());
        assertEquals("wss", server.uri().getScheme());
        assertTrue(server.isTls());
        JdkTransport transport = closer.keep(JdkTransport.builder().sslContext(server.clientSslContext()).build());
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        EventClient client = client(server, transport, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        client.on(PlayerLogin.class, got::add);
        client.awaitReady(EndToEnd.WAIT);

        PlayerLogin sent = login(13, ALICE);
        assertEquals(1, server.publish(sent));
        assertEquals(sent, got.poll(EndToEnd.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aCallersHttpClientWithTheTestContextConnectsToo() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().tls().start());
        HttpClient http = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
        JdkTransport transport = closer.keep(JdkTransport.builder().httpClient(http).build());
        TransportConnection c = transport.connect(server.uri(Environment.PS2, "s:example"), new TransportListener() {
        }).get(EndToEnd.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(server.awaitConnections(1, EndToEnd.WAIT));
        c.abort();
        assertThrows(IllegalStateException.class,
                () -> JdkTransport.builder().httpClient(http).sslContext(server.clientSslContext()).build(),
                "an SSLContext next to a caller's client would be silently ignored");
    }

    @Test
    void anUntrustedCertificateIsAFatalCertificateErrorOnTheTransport() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().tls().start());
        JdkTransport transport = closer.keep(JdkTransport.builder().build()); // the JVM's default trust store
        CompletionException e = assertThrows(CompletionException.class,
                () -> transport.connect(server.uri(Environment.PS2, "s:secretservice42"), new TransportListener() {
                }).join());
        TransportException failure = assertInstanceOf(TransportException.class, e.getCause());
        assertTrue(failure.isFatal(), "retrying cannot make the certificate trusted");
        String m = failure.getMessage();
        assertTrue(m.contains("certificate") && m.contains("not trusted") && m.contains("127.0.0.1"), m);
        assertFalse(m.contains("secretservice42"), "the service id is never shown whole: " + m);
    }

    @Test
    void anUntrustedCertificateStopsTheClientWithAClearErrorInsteadOfRetryingForever() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().tls().start());
        JdkTransport transport = closer.keep(JdkTransport.builder().build());
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        EventClient client = client(server, transport, reported, events);
        client.on(PlayerLogin.class, e -> { });

        TransportException failure = assertThrows(TransportException.class, () -> client.awaitReady(EndToEnd.WAIT));
        assertTrue(failure.isFatal());
        assertTrue(failure.getMessage().contains("certificate") && failure.getMessage().contains("retrying cannot help"),
                failure.getMessage());
        // Not mistaken for a rejected service id. (The message holds the port, which may itself contain "403".)
        assertTrue(failure.httpStatus().isEmpty(), "no HTTP status: " + failure.httpStatus());
        assertFalse(failure.getMessage().contains("HTTP 403"), "not mistaken for a rejected service id: " + failure.getMessage());
        assertTrue(holdsWithin(() -> events.stream().anyMatch(ev -> ev.kind() == ConnectionEvent.Kind.REJECTED),
                EndToEnd.WAIT), "no REJECTED event: " + events);
        // A retry would come after about 50 ms; give it twenty times that to show up.
        assertFalse(holdsWithin(() -> client.stats().connectAttempts() > 1, Duration.ofSeconds(1)),
                "the client retried an untrusted certificate: " + client.stats().connectAttempts() + " attempts");
        assertEquals(1, reported.size(), "reported once: " + reported);
        assertEquals(0, server.connections().size(), "no connection got past TLS");
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void reconnectsAfterAServerSideDropAndDeliversAgainOverWsAndWss(boolean tls) throws Exception {
        FakeEssServer.Builder b = FakeEssServer.builder();
        FakeEssServer server = closer.keep((tls ? b.tls() : b).start());
        JdkTransport transport = closer.keep(tls ? JdkTransport.builder().sslContext(server.clientSslContext()).build()
                : JdkTransport.builder().build());
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        EventClient client = client(server, transport, new CopyOnWriteArrayList<>(), events);
        client.on(PlayerLogin.class, got::add);
        client.awaitReady(EndToEnd.WAIT);
        PlayerLogin before = login(13, ALICE);
        server.publish(before);
        assertEquals(before, got.poll(EndToEnd.WAIT.toMillis(), TimeUnit.MILLISECONDS));

        long first = server.connections().get(0).id();
        server.faults().drop(first, Disconnect.abort());
        assertTrue(holdsWithin(() -> server.connections().stream().anyMatch(c -> c.id() != first && c.open()
                && !c.subscription().isEmpty()), EndToEnd.WAIT), "the client did not reconnect and subscribe again");
        assertTrue(holdsWithin(client::isReady, EndToEnd.WAIT));
        PlayerLogin after = login(13, BOB);
        assertEquals(1, server.publish(after));
        assertEquals(after, got.poll(EndToEnd.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(events.stream().anyMatch(e -> e.kind() == ConnectionEvent.Kind.LOST), "the drop was noticed: " + events);
        assertFalse(events.stream().anyMatch(e -> e.kind() == ConnectionEvent.Kind.REJECTED), events.toString());
    }
}
