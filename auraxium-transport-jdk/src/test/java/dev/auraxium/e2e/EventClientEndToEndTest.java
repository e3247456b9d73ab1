package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.ALICE;
import static dev.auraxium.e2e.EndToEnd.BOB;
import static dev.auraxium.e2e.EndToEnd.WAIT;
import static dev.auraxium.e2e.EndToEnd.login;
import static dev.auraxium.e2e.EndToEnd.take;
import static dev.auraxium.testsupport.Await.holdsWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.ReplayProgress;
import dev.auraxium.testkit.ReplaySpeed;
import dev.auraxium.testkit.SyntheticStream;
import dev.auraxium.transport.jdk.JdkTransport;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@link EventClient} over the real JDK transport against a real {@link FakeEssServer}
 * on 127.0.0.1: every byte crosses a socket, every frame goes through the codec on both ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventClientEndToEndTest {
    private static final String GENUDINE = "\"world_id\":\"1000\"";

    private final Closer closer = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private FakeEssServer server(FakeEssServer.Builder builder) {
        return closer.keep(builder.start());
    }

    /** A client with an explicitly given JDK transport; no periodic probes, so the wire shows only what changes cause. */
    private EventClient client(FakeEssServer server, Environment environment) {
        JdkTransport transport = closer.keep(JdkTransport.builder().connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(2)).build());
        return closer.keep(EventClient.builder().serviceId("s:example").environment(environment).endpoint(server.uri())
                .transport(transport).subscriptionProbeInterval(Duration.ZERO)
                .reconnectDelay(Duration.ofMillis(50)).build());
    }

    private static Trigger<?> collecting(Trigger.Builder<?> builder, BlockingQueue<Event> into) {
        return builder.action(into::add).build();
    }

    @Test
    void discoveredJdkTransportDeliversPublishedEventsToTheTriggersThatSelectThem() throws Exception {
        FakeEssServer server = server(FakeEssServer.builder());
        // No transport given: ServiceLoader finds the JDK transport on the class path.
        EventClient client = closer.keep(EventClient.builder().serviceId("s:example").endpoint(server.uri())
                .subscriptionProbeInterval(Duration.ZERO).build());
        assertEquals("jdk", client.transportName());
        BlockingQueue<Event> onWorld13 = new LinkedBlockingQueue<>();
        BlockingQueue<Event> aliceDeaths = new LinkedBlockingQueue<>();
        client.addTrigger(collecting(Trigger.on(PlayerLogin.class).worlds(13), onWorld13));
        client.addTrigger(collecting(Trigger.on(Death.class).characters(ALICE), aliceDeaths));
        client.awaitReady(WAIT);

        List<Event> logins = List.of(login(13, ALICE), login(13, BOB), login(13, ALICE));
        server.publish(login(10, BOB)); // another world: not selected
        logins.forEach(server::publish);
        Death killed = death(ALICE);
        server.publish(killed);

        assertEquals(logins, take(onWorld13, 3));
        assertEquals(List.of(killed), take(aliceDeaths, 1));
        assertTrue(client.isReady());
        assertEquals(0, client.stats().decodeErrors());
    }

    @Test
    void replayOfASyntheticRecordingReachesTheTriggerCompleteAndInOrder() throws Exception {
        FakeEssServer server = server(FakeEssServer.builder());
        EventClient client = client(server, Environment.PS2);
        Recording recording = SyntheticStream.builder().seed(7).worlds(1, 10, 13, 17, 40).build().toRecording(2_000);
        BlockingQueue<Event> all = new LinkedBlockingQueue<>();
        client.addTrigger(collecting(Trigger.on(Event.class), all));
        client.awaitReady(WAIT);

        ReplayProgress done = server.replay(recording, ReplaySpeed.asFastAsPossible())
                .completion().get(30, TimeUnit.SECONDS);

        assertEquals(2_000, done.sent());
        assertEquals(recording.events(), take(all, 2_000));
        assertNull(all.poll(200, TimeUnit.MILLISECONDS), "an event arrived twice or from nowhere");
        assertEquals(2_000, client.stats().eventsDecoded());
    }

    @Test
    void onACallersPooledHttpClientAReplayArrivesWholeAndInOrderAndAnActionCanClose() throws Exception {
        // The other tests use the transport's own client (inline executor); this one the JDK's default pool.
        FakeEssServer server = server(FakeEssServer.builder());
        HttpClient pooled = HttpClient.newBuilder().build();
        JdkTransport transport = closer.keep(JdkTransport.builder().httpClient(pooled).connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(2)).build());
        EventClient client = closer.keep(EventClient.builder().serviceId("s:example").environment(Environment.PS2)
                .endpoint(server.uri()).transport(transport).subscriptionProbeInterval(Duration.ZERO).build());
        Recording recording = SyntheticStream.builder().seed(11).worlds(1, 10, 13, 17, 40).build().toRecording(5_000);
        BlockingQueue<Event> all = new LinkedBlockingQueue<>();
        client.addTrigger(collecting(Trigger.on(Event.class), all));
        client.awaitReady(WAIT);

        server.replay(recording, ReplaySpeed.asFastAsPossible()).completion().get(30, TimeUnit.SECONDS);
        assertEquals(recording.events(), take(all, 5_000));

        CompletableFuture<Void> closedFromAction = new CompletableFuture<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).characters(BOB).action(e -> {
            client.close(); // from the dispatch thread, while the selector thread keeps reading
            closedFromAction.complete(null);
        }).build());
        client.awaitReady(WAIT);
        server.publish(login(13, BOB));
        closedFromAction.get(10, TimeUnit.SECONDS);
        assertTrue(holdsWithin(() -> server.connections().stream().noneMatch(ConnectionSnapshot::open), WAIT),
                "the server still sees the connection open");
    }

    @Test
    void replayOfThe2024CaptureReachesTriggersCompleteAndInOrder() throws Exception {
        Recording capture = Recording.load(EndToEnd.sample(EndToEnd.SAERRO_2024));
        List<String> frames = capture.texts().stream().filter(t -> t.contains("\"type\":\"serviceMessage\"")).toList();
        List<Event> expected = capture.events();
        assertEquals(649, expected.size());
        assertEquals(649, frames.size());
        // The capture mixes PC worlds with Genudine (1000, PS4 US); each environment is its own stream.
        List<Event> pc = new ArrayList<>();
        List<Event> ps4 = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            (frames.get(i).contains(GENUDINE) ? ps4 : pc).add(expected.get(i));
        }
        FakeEssServer server = server(FakeEssServer.builder());
        EventClient pcClient = client(server, Environment.PS2);
        EventClient ps4Client = client(server, Environment.PS2PS4US);
        BlockingQueue<Event> pcSeen = new LinkedBlockingQueue<>();
        BlockingQueue<Event> ps4Seen = new LinkedBlockingQueue<>();
        pcClient.addTrigger(collecting(Trigger.on(Event.class), pcSeen));
        ps4Client.addTrigger(collecting(Trigger.on(Event.class), ps4Seen));
        pcClient.awaitReady(WAIT);
        ps4Client.awaitReady(WAIT);

        ReplayProgress done = server.replay(capture, ReplaySpeed.asFastAsPossible()).completion().get(30, TimeUnit.SECONDS);

        assertEquals(649, done.sent());
        assertEquals(pc, take(pcSeen, pc.size()));
        assertEquals(ps4, take(ps4Seen, ps4.size()));
        assertNull(pcSeen.poll(200, TimeUnit.MILLISECONDS));
        assertNull(ps4Seen.poll(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void subscriptionCommandsOnTheWireAreThePlannersChangesAsTriggersComeAndGo() throws Exception {
        FakeEssServer server = server(FakeEssServer.builder());
        EventClient client = client(server, Environment.PS2);

        Trigger<?> logins = Trigger.on(PlayerLogin.class).worlds(13).name("logins").action(e -> { }).build();
        client.addTrigger(logins);
        client.awaitReady(WAIT);
        Subscription first = client.plannedSubscription();
        assertWire(server, changes(Subscription.EMPTY, first), client);
        assertTrue(serverSelects(server, login(13, BOB)));
        assertFalse(serverSelects(server, login(10, BOB)), "the server would send logins of every world");

        Trigger<?> alice = Trigger.on(Death.class).characters(ALICE).name("alice").action(e -> { }).build();
        client.addTrigger(alice);
        Subscription second = client.plannedSubscription();
        assertWire(server, changes(first, second), client);
        assertTrue(serverSelects(server, death(ALICE)));

        Trigger<?> logouts = Trigger.on(PlayerLogout.class).worlds(17).name("logouts").action(e -> { }).build();
        client.addTrigger(logouts);
        Subscription third = client.plannedSubscription();
        assertWire(server, changes(second, third), client);

        client.removeTrigger(logins);
        Subscription fourth = client.plannedSubscription();
        List<ClientCommand> removal = changes(third, fourth);
        assertTrue(removal.stream().anyMatch(ClearSubscribe.class::isInstance), "removing a trigger clears: " + removal);
        assertWire(server, removal, client);
        assertFalse(serverSelects(server, login(13, BOB)), "logins are still subscribed after their trigger left");
        assertTrue(serverSelects(server, death(ALICE)));

        client.removeTrigger(alice);
        Subscription fifth = client.plannedSubscription();
        assertWire(server, changes(fourth, fifth), client);

        client.removeTrigger(logouts, true); // the last one, keeping the connection
        assertEquals(Subscription.EMPTY, client.plannedSubscription());
        assertWire(server, List.of(ClearSubscribe.everything()), client);
        assertEquals(1, server.connections().size(), "all on one connection");
    }

    private static boolean serverSelects(FakeEssServer server, Event e) {
        return server.connections().get(0).subscription().selects(e);
    }

    private static Death death(long victim) {
        return new Death(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), 17, BOB, 7169,
                5, java.util.OptionalInt.of(2), 0, 7214, victim, 12, Optional.of(false), true,
                java.util.OptionalInt.of(3), java.util.OptionalInt.empty(), 2);
    }

    /** The next subscription commands are exactly {@code expected}, and the server then holds the plan. */
    private static void assertWire(FakeEssServer server, List<ClientCommand> expected, EventClient client)
            throws InterruptedException {
        List<ClientCommand> seen = new ArrayList<>();
        while (seen.size() < expected.size()) {
            seen.add(EndToEnd.takeClientMessage(server, EventClientEndToEndTest::isSubscriptionCommand)
                    .command().orElseThrow());
        }
        assertEquals(expected, seen);
        assertFalse(expected.isEmpty(), "the change should have needed a command");
        assertEquals(client.plannedSubscription(), server.connections().get(0).subscription());
    }

    /**
     * What the client promises to send when its plan changes from {@code held} to {@code wanted}:
     * the additions (and a changed flag) in one subscribe first, then the removals in one
     * clearSubscribe, or a single clearSubscribe of everything when nothing is wanted any more.
     */
    private static List<ClientCommand> changes(Subscription held, Subscription wanted) {
        List<ClientCommand> out = new ArrayList<>();
        if (wanted.isEmpty()) {
            if (!held.isEmpty()) {
                out.add(ClearSubscribe.everything());
            }
            return out;
        }
        List<String> addNames = minus(wanted.eventNames(), held.eventNames());
        List<String> addCharacters = minus(wanted.characters(), held.characters());
        List<String> addWorlds = minus(wanted.worlds(), held.worlds());
        boolean flag = wanted.logicalAndCharactersWithWorlds() != held.logicalAndCharactersWithWorlds();
        if (!addNames.isEmpty() || !addCharacters.isEmpty() || !addWorlds.isEmpty() || flag) {
            out.add(new Subscribe(opt(addNames), opt(addCharacters), opt(addWorlds),
                    flag ? Optional.of(wanted.logicalAndCharactersWithWorlds()) : Optional.empty(), Optional.empty()));
        }
        List<String> delNames = minus(held.eventNames(), wanted.eventNames());
        List<String> delCharacters = minus(held.characters(), wanted.characters());
        List<String> delWorlds = minus(held.worlds(), wanted.worlds());
        if (!delNames.isEmpty() || !delCharacters.isEmpty() || !delWorlds.isEmpty()) {
            out.add(new ClearSubscribe(false, opt(delNames), opt(delCharacters), opt(delWorlds), Optional.empty()));
        }
        return out;
    }

    private static List<String> minus(java.util.Set<String> a, java.util.Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static Optional<List<String>> opt(List<String> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list);
    }

    private static boolean isSubscriptionCommand(ClientMessage m) {
        ClientCommand c = m.command().orElse(null);
        return c instanceof ClearSubscribe || (c instanceof Subscribe s && !s.isProbe());
    }

    @Test
    void heartbeatsOverTheNetworkUpdateEndpointStatus() throws Exception {
        Map<String, Boolean> endpoints = new LinkedHashMap<>();
        endpoints.put("EventServerEndpoint_Connery_1", true);
        endpoints.put("EventServerEndpoint_Miller_10", false);
        FakeEssServer server = server(FakeEssServer.builder().endpoints(endpoints)
                .heartbeatInterval(Duration.ofMillis(100)).firstHeartbeatAfter(Duration.ZERO));
        EventClient client = client(server, Environment.PS2);
        client.on(PlayerLogin.class, e -> { });
        client.awaitReady(WAIT);

        assertTrue(holdsWithin(() -> client.stats().lastHeartbeat().isPresent(), WAIT), "no heartbeat arrived");
        Instant firstBeat = client.stats().lastHeartbeat().orElseThrow();
        assertTrue(holdsWithin(() -> client.stats().lastHeartbeat().orElseThrow().isAfter(firstBeat), WAIT),
                "heartbeats stopped after " + firstBeat);
        assertEquals(Map.of("Connery", true, "Miller", false), client.endpointStatus());

        // A heartbeat alone (no serviceStateChanged) that reports other states.
        server.publish(EssCodec.standard().encode(new Heartbeat(Map.of("EventServerEndpoint_Connery_1", false,
                "EventServerEndpoint_Miller_10", true, "EventServerEndpoint_Cobalt_13", true), Optional.empty())));
        assertTrue(holdsWithin(() -> client.endpointStatus().equals(Map.of("Connery", false, "Miller", true,
                "Cobalt", true)), WAIT), "status after the heartbeat: " + client.endpointStatus());
    }

    @Test
    void waitForCompletesWithTheFirstMatchingEventOverTheNetworkAndUnsubscribes() throws Exception {
        FakeEssServer server = server(FakeEssServer.builder());
        EventClient client = client(server, Environment.PS2);
        client.on(PlayerLogout.class, e -> { }); // keeps the connection when the waiter is gone

        CompletableFuture<Event> first = client.waitFor(WAIT,
                Trigger.on(PlayerLogin.class).characters(ALICE).name("wait-alice").build());
        client.awaitReady(WAIT);
        assertTrue(holdsWithin(() -> server.connections().get(0).subscription().characters()
                .contains(Long.toString(ALICE)), WAIT), "the waiter's character was not subscribed");
        server.publish(login(13, BOB));
        PlayerLogin wanted = login(10, ALICE);
        server.publish(wanted);
        server.publish(login(13, ALICE));

        assertEquals(wanted, first.get(10, TimeUnit.SECONDS));
        assertTrue(holdsWithin(() -> client.getTrigger("wait-alice").isEmpty()
                && !server.connections().get(0).subscription().characters().contains(Long.toString(ALICE)), WAIT),
                "the waiter's trigger and subscription should be gone: " + server.connections().get(0).subscription());

        CompletableFuture<Event> never = client.waitFor(Duration.ofMillis(300),
                Trigger.on(PlayerLogin.class).characters(BOB).name("wait-bob").build());
        java.util.concurrent.ExecutionException timedOut = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> never.get(10, TimeUnit.SECONDS));
        assertInstanceOf(java.util.concurrent.TimeoutException.class, timedOut.getCause());
        assertTrue(client.getTrigger("wait-bob").isEmpty());
    }

    @Test
    void singleShotTriggerRunsOnceOverTheNetworkAndIsRemovedBeforeItsAction() throws Exception {
        FakeEssServer server = server(FakeEssServer.builder());
        EventClient client = client(server, Environment.PS2);
        BlockingQueue<Event> everyLogin = new LinkedBlockingQueue<>();
        client.addTrigger(collecting(Trigger.on(PlayerLogin.class).name("every"), everyLogin));
        List<Boolean> registeredDuringAction = new CopyOnWriteArrayList<>();
        List<Event> once = new CopyOnWriteArrayList<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).worlds(13).name("once").singleShot(true).action(e -> {
            registeredDuringAction.add(client.getTrigger("once").isPresent());
            once.add(e);
        }).build());
        client.awaitReady(WAIT);

        List<Event> logins = List.of(login(13, ALICE), login(13, BOB), login(13, ALICE));
        logins.forEach(server::publish);

        assertEquals(logins, take(everyLogin, 3)); // dispatch is in order, so "once" has had its chance
        assertEquals(List.of(logins.get(0)), once);
        assertEquals(List.of(false), registeredDuringAction);
        assertTrue(client.getTrigger("once").isEmpty());
    }
}
