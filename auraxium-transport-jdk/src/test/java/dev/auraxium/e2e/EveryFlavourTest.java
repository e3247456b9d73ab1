package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.ALICE;
import static dev.auraxium.e2e.EndToEnd.BOB;
import static dev.auraxium.e2e.EndToEnd.WAIT;
import static dev.auraxium.e2e.EndToEnd.take;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.EssFlavour;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.transport.jdk.JdkTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's essential behaviours against every flavour of the live service that the test kit
 * plays: the real client over the real JDK WebSocket against a real {@link FakeEssServer} on
 * 127.0.0.1. The flavours answer the same commands but spell their replies differently (a
 * character set holding {@code all}, the order of lists), and the client must hold against each:
 * ready, a mixed trigger set probed over and over without a single {@code clearSubscribe} (over
 * {@code ws://} and {@code wss://}), triggers added and removed, a drift repaired, a reconnect,
 * and every event delivered once.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
class EveryFlavourTest {
    /** Short, so that ten probes pass in about two seconds. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private final Closer closer = new Closer();
    private long nextAttacker = 5428011263300100000L;

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private FakeEssServer server(EssFlavour flavour) {
        return closer.keep(FakeEssServer.builder().flavour(flavour).start());
    }

    private EventClient client(FakeEssServer server, Duration probeInterval) {
        JdkTransport.Builder b = JdkTransport.builder().connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(2));
        if (server.isTls()) {
            b.sslContext(server.clientSslContext());
        }
        JdkTransport transport = closer.keep(b.build());
        return closer.keep(EventClient.builder().serviceId("s:example").endpoint(server.uri()).transport(transport)
                .subscriptionProbeInterval(probeInterval).reconnectDelay(Duration.ofMillis(50)).build());
    }

    /** A Death no other call makes: a fresh attacker each time, so no two payloads are equal. */
    private Death death(int world) {
        return new Death(Instant.now().truncatedTo(ChronoUnit.SECONDS), world, nextAttacker++, 1, 1, OptionalInt.of(1),
                0, 80, BOB, 4, Optional.of(false), false, OptionalInt.of(2), OptionalInt.empty(), 2);
    }

    /** The mixed trigger set: every Death (no character filter) plus one character's logins. */
    private static List<Trigger> mixed(BlockingQueue<Event> into) {
        return List.of(Trigger.on(Death.class).name("deaths").action(into::add).build(),
                Trigger.on(PlayerLogin.class).characters(ALICE).name("alice-logins").action(into::add).build());
    }

    private static ConnectionSnapshot onlyConnection(FakeEssServer server) {
        List<ConnectionSnapshot> open = server.connections().stream().filter(ConnectionSnapshot::open).toList();
        assertEquals(1, open.size(), "open connections: " + open);
        return open.get(0);
    }

    private static boolean isProbe(ClientMessage m) {
        return m.command().orElse(null) instanceof Subscribe s && s.isProbe();
    }

    private static boolean isClear(ClientMessage m) {
        return m.command().orElse(null) instanceof ClearSubscribe;
    }

    /** Counts each event: "every event once" is a count of exactly one per published event. */
    private static Map<Event, Integer> counts(List<Event> events) {
        Map<Event, Integer> out = new HashMap<>();
        events.forEach(e -> out.merge(e, 1, Integer::sum));
        return out;
    }

    /** Every flavour, over {@code ws://} and over {@code wss://} (the live service is TLS only). */
    static Stream<Arguments> flavoursAndSchemes() {
        return Arrays.stream(EssFlavour.values()).flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
    }

    @ParameterizedTest(name = "{0}, tls={1}")
    @MethodSource("flavoursAndSchemes")
    void theMixedTriggerSetHoldsOverTenProbesWithoutAClearSubscribeOrALostEvent(EssFlavour flavour, boolean tls)
            throws Exception {
        FakeEssServer.Builder builder = FakeEssServer.builder().flavour(flavour);
        FakeEssServer server = closer.keep(tls ? builder.tls().start() : builder.start());
        EventClient client = client(server, PROBE_INTERVAL);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTriggers(mixed(got));
        client.awaitReady(WAIT);
        assertTrue(client.isConnected());
        Subscription planned = client.plannedSubscription();
        assertEquals(Set.of(Subscription.ALL, Long.toString(ALICE)), planned.characters(),
                "the plan holds all and one character: the case the flavours spell differently");
        assertEquals(planned, onlyConnection(server).subscription());

        // Publish while the client probes; read what the client sends between the batches.
        List<Event> published = new ArrayList<>();
        int probes = 0;
        List<ClientMessage> clears = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int world = 0;
        int[] worlds = {1, 10, 13, 17, 19, 40};
        while (probes < 10 && System.nanoTime() < deadline) {
            for (int i = 0; i < 5; i++) {
                Death d = death(worlds[world++ % worlds.length]);
                assertEquals(1, server.publish(d), "the server selects every Death");
                published.add(d);
            }
            ClientMessage m = server.takeClientMessage(Duration.ofMillis(50));
            if (m != null) {
                probes += isProbe(m) ? 1 : 0;
                if (isClear(m)) {
                    clears.add(m);
                }
            }
        }
        PlayerLogin alice = new PlayerLogin(Instant.now().truncatedTo(ChronoUnit.SECONDS), 17, ALICE);
        server.publish(alice);
        published.add(alice);
        // BOB's login is sent too (the characters set holds all), and the trigger's filter drops it
        server.publish(new PlayerLogin(Instant.now().truncatedTo(ChronoUnit.SECONDS), 17, BOB));

        assertTrue(probes >= 10, "only " + probes + " probes within the minute");
        assertEquals(List.of(), clears, "no clearSubscribe against " + flavour);
        List<Event> received = take(got, published.size());
        assertNull(got.poll(300, TimeUnit.MILLISECONDS), "an event arrived twice or from nowhere");
        assertEquals(counts(published), counts(received), "every event exactly once");
        assertEquals(0, client.stats().subscriptionDrifts());
        assertEquals(0, client.stats().reconnects());
        assertEquals(0, client.stats().decodeErrors());
        assertEquals(planned, onlyConnection(server).subscription());
        assertTrue(client.isReady());
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void addingAndRemovingTriggersChangesOnlyWhatIsNeeded(EssFlavour flavour) throws Exception {
        FakeEssServer server = server(flavour);
        EventClient client = client(server, PROBE_INTERVAL);
        BlockingQueue<Event> deaths = new LinkedBlockingQueue<>();
        BlockingQueue<Event> logins = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(Death.class).action(deaths::add).build());
        client.awaitReady(WAIT);

        Trigger aliceLogins = client.addTrigger(Trigger.on(PlayerLogin.class).characters(ALICE).action(logins::add).build());
        assertTrue(holdsWithin(() -> client.plannedSubscription().equals(onlyConnection(server).subscription()), WAIT),
                "the server holds the new plan");
        PlayerLogin in = new PlayerLogin(Instant.now().truncatedTo(ChronoUnit.SECONDS), 10, ALICE);
        assertEquals(1, server.publish(in));
        assertEquals(List.of(in), take(logins, 1));

        client.removeTrigger(aliceLogins);
        assertTrue(holdsWithin(() -> client.plannedSubscription().equals(onlyConnection(server).subscription()), WAIT),
                "the server dropped what only the removed trigger needed");
        assertFalse(onlyConnection(server).subscription().eventNames().contains("PlayerLogin"));
        assertEquals(0, server.publish(new PlayerLogin(Instant.now().truncatedTo(ChronoUnit.SECONDS), 13, ALICE)),
                "logins are no longer subscribed");
        Death d = death(13);
        assertEquals(1, server.publish(d));
        assertEquals(List.of(d), take(deaths, 1));

        // a few probes later, still no drift and no clearing of everything
        long probesBefore = server.clientMessages().stream().filter(EveryFlavourTest::isProbe).count();
        assertTrue(holdsWithin(() -> server.clientMessages().stream().filter(EveryFlavourTest::isProbe).count()
                >= probesBefore + 3, WAIT), "probes continue");
        assertEquals(0, client.stats().subscriptionDrifts());
        assertTrue(server.clientMessages().stream().noneMatch(m -> m.command().orElse(null) instanceof ClearSubscribe c
                && c.all()), "never a clearSubscribe of everything: " + server.clientMessages());
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void aProbeFindsARealDriftAndRepairsIt(EssFlavour flavour) throws Exception {
        FakeEssServer server = server(flavour);
        EventClient client = client(server, Duration.ZERO);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTriggers(mixed(got));
        client.awaitReady(WAIT);
        Subscription planned = client.plannedSubscription();
        long id = onlyConnection(server).id();

        // the server silently forgets the character set, as the live service has been seen to do
        server.faults().alterSubscription(id, s -> new Subscription(s.eventNames(), Set.of(), s.worlds(),
                s.logicalAndCharactersWithWorlds()));
        assertTrue(client.verifySubscription());
        assertTrue(holdsWithin(() -> client.stats().subscriptionDrifts() == 1
                && planned.equals(onlyConnection(server).subscription()), WAIT),
                "repaired: " + onlyConnection(server).subscription());
        Death d = death(40);
        assertEquals(1, server.publish(d));
        assertEquals(List.of(d), take(got, 1));
        // An agreeing probe after the repair is not a drift. Its reply goes out before any event
        // published after the server took the probe, so once that event is in, the reply was seen.
        assertTrue(client.verifySubscription());
        assertTrue(holdsWithin(() -> server.clientMessages().stream().filter(EveryFlavourTest::isProbe).count() == 2, WAIT));
        Death later = death(19);
        assertEquals(1, server.publish(later));
        assertEquals(List.of(later), take(got, 1));
        assertEquals(1, client.stats().subscriptionDrifts());
        assertTrue(client.isReady());
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void aDroppedConnectionIsReplacedAndResubscribedAndEventsFlowAgain(EssFlavour flavour) throws Exception {
        FakeEssServer server = server(flavour);
        EventClient client = client(server, PROBE_INTERVAL);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTriggers(mixed(got));
        client.awaitReady(WAIT);
        Death before = death(1);
        server.publish(before);
        assertEquals(List.of(before), take(got, 1));

        long first = onlyConnection(server).id();
        server.faults().drop(first, Disconnect.abort());
        assertTrue(holdsWithin(() -> server.connections().stream().anyMatch(c -> c.open() && c.id() != first
                && c.subscription().equals(client.plannedSubscription())), WAIT), "resubscribed on a new connection");
        client.awaitReady(WAIT);
        Death after = death(10);
        assertEquals(1, server.publish(after));
        assertEquals(List.of(after), take(got, 1));
        assertEquals(1, client.stats().reconnects());
        assertEquals(0, client.stats().subscriptionDrifts());
        assertTrue(server.clientMessages().stream().noneMatch(EveryFlavourTest::isClear),
                "a reconnect subscribes afresh, it clears nothing");
    }
}
