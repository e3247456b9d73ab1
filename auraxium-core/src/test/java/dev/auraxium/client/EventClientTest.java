package dev.auraxium.client;

import static dev.auraxium.testsupport.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.AuraxiumException;
import dev.auraxium.event.ContinentLock;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.Events;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.internal.client.FrameCodec;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.InvalidFieldException;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.transport.TransportException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class EventClientTest {
    static final long ALICE = 5428011263300000001L;
    static final long BOB = 5428011263300000002L;
    static final Duration WAIT = Duration.ofSeconds(5);

    final FakeTransport transport = new FakeTransport();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    EventClient client;

    EventClient.Builder builder() {
        return EventClient.builder().transport(transport).serviceId("abcdefghijkl")
                .endpoint(URI.create("ws://127.0.0.1:1/streaming")).errorHandler(errors::add)
                .reconnectDelay(Duration.ofMillis(20)).subscriptionProbeInterval(Duration.ZERO);
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    static String frame(Event e) {
        return EssCodec.standard().encodeServiceMessage(e);
    }

    static Event take(BlockingQueue<Event> q) throws InterruptedException {
        Event e = q.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 5 s");
        }
        return e;
    }

    @Test
    void opensNoConnectionBeforeTheFirstTrigger() throws Exception {
        client = builder().build();
        assertEquals(0, transport.attempts.get());
        assertThrows(IllegalStateException.class, () -> client.awaitReady(WAIT));
        client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        assertEquals(URI.create("ws://127.0.0.1:1/streaming?environment=ps2&service-id=s:abcdefghijkl"), transport.uris.get(0));
        assertEquals(new Subscribe(Optional.of(List.of("Death")), Optional.of(List.of("all")), Optional.empty(),
                Optional.empty(), Optional.empty()), c.takeCommand());
        client.awaitReady(WAIT);
        assertTrue(client.isReady());
    }

    @Test
    void runsMatchingActionsForRealFrames() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(Death.class).characters(ALICE).action(got::add).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push(frame(Events.death(BOB, BOB, 1)));
        c.push(frame(Events.death(BOB, ALICE, 13)));
        Death d = (Death) take(got);
        assertEquals(ALICE, d.attackerCharacterId());
        ClientStats s = client.stats();
        assertEquals(2, s.eventsDecoded());
        assertTrue(s.lastEventByWorld().containsKey(13));
        assertTrue(s.lastReceiveLag().isPresent());
    }

    @Test
    void statsAreValuesEqualWhileNothingHappensAndDifferentAfter() {
        client = builder().build();
        ClientStats before = client.stats();
        assertEquals(before, client.stats());
        assertEquals(before.hashCode(), client.stats().hashCode());
        assertTrue(before.toString().startsWith("ClientStats[framesReceived=0, "), before.toString());
        assertThrows(UnsupportedOperationException.class,
                () -> before.reconnectsByCause().put(ConnectionCause.CONNECTION_CLOSED, 1L));
        client.dispatch(Events.login(ALICE, 1)); // no trigger, no connection: only counted
        until(() -> client.stats().eventsDispatched() == 1, WAIT, "the event reached the dispatch thread");
        assertNotEquals(before, client.stats());
        assertEquals(0, client.stats().eventsDecoded(), "dispatched, not decoded");
    }

    @Test
    void reportsReceiveLagAndLastEventTimePerWorldFromTheWallClock() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.on(Death.class, got::add);
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        ClientStats none = client.stats();
        assertTrue(none.lastEventByWorld().isEmpty());
        assertTrue(none.lastReceiveLag().isEmpty());
        assertTrue(none.maxReceiveLag().isEmpty());

        // ESS timestamps are whole seconds; 5000 is beyond every real world id
        Instant old = Instant.ofEpochSecond(Instant.now().getEpochSecond() - 120);
        Instant recent = Instant.ofEpochSecond(Instant.now().getEpochSecond() - 30);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        c.push(frame(Events.deathAt(old, BOB, ALICE, 13)));
        c.push(frame(Events.deathAt(recent, ALICE, BOB, 5000)));
        take(got);
        take(got);
        Instant after = Instant.now();

        ClientStats s = client.stats();
        assertEquals(Set.of(13, 5000), s.lastEventByWorld().keySet());
        for (Instant arrived : s.lastEventByWorld().values()) {
            assertFalse(arrived.isBefore(before) || arrived.isAfter(after), arrived + " not in [" + before + ", " + after + "]");
        }
        Duration last = s.lastReceiveLag().orElseThrow();
        assertTrue(last.compareTo(Duration.between(recent, before)) >= 0
                && last.compareTo(Duration.between(recent, after)) <= 0, "last lag " + last);
        Duration max = s.maxReceiveLag().orElseThrow();
        assertTrue(max.compareTo(Duration.between(old, before)) >= 0
                && max.compareTo(Duration.between(old, after)) <= 0, "max lag " + max);
    }

    @Test
    void sendsOnlyTheMinimalSubscriptionChanges() throws Exception {
        client = builder().build();
        Trigger<?> deaths = client.addTrigger(Trigger.on(Death.class).characters(ALICE).build());
        FakeTransport.Conn c = transport.take();
        c.takeCommand();
        client.awaitReady(WAIT);

        Trigger<?> bobDeaths = client.addTrigger(Trigger.on(Death.class).characters(BOB).build());
        assertEquals(new Subscribe(Optional.empty(), Optional.of(List.of(Long.toString(BOB))), Optional.empty(),
                Optional.empty(), Optional.empty()), c.takeCommand());

        client.addTrigger(Trigger.on(Death.class).characters(ALICE).when(Death::isHeadshot).build());
        assertNull(c.pollSent(Duration.ofMillis(200)), "a trigger already covered sends nothing");

        client.removeTrigger(bobDeaths);
        assertEquals(new ClearSubscribe(false, Optional.empty(), Optional.of(List.of(Long.toString(BOB))), Optional.empty(),
                Optional.empty()), c.takeCommand());

        client.removeTrigger(deaths);
        assertNull(c.pollSent(Duration.ofMillis(200)), "the headshot trigger still needs Alice's deaths");
        assertEquals(c.state, client.plannedSubscription());
    }

    @Test
    void addingABatchOfTriggersSendsOneSubscribeForAllOfThem() throws Exception {
        client = builder().build();
        client.addTrigger(Trigger.on(Death.class).characters(ALICE).build());
        FakeTransport.Conn c = transport.take();
        c.takeCommand();
        client.awaitReady(WAIT);

        List<Trigger<?>> batch = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            batch.add(Trigger.on(Death.class).characters(id).name("victim-" + id).build());
        }
        assertEquals(batch, client.addTriggers(batch));
        Subscribe sent = (Subscribe) c.takeCommand();
        assertEquals(500, sent.characters().orElseThrow().size());
        assertNull(c.pollSent(Duration.ofMillis(200)), "one subscribe for the whole batch");
        assertEquals(501, client.triggers().size());
        assertEquals(c.state, client.plannedSubscription());
    }

    @Test
    void aBatchWithATakenOrRepeatedNameRegistersNothing() {
        client = builder().build();
        client.addTrigger(Trigger.on(Death.class).name("taken").build());
        List<Trigger<?>> clash = List.of(Trigger.on(PlayerLogin.class).name("fresh").build(),
                Trigger.on(PlayerLogin.class).name("taken").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.addTriggers(clash));
        assertTrue(e.getMessage().contains("'taken'"), e.getMessage());
        List<Trigger<?>> twice = List.of(Trigger.on(PlayerLogin.class).name("twin").build(),
                Trigger.on(PlayerLogout.class).name("twin").build());
        assertThrows(IllegalArgumentException.class, () -> client.addTriggers(twice));
        assertEquals(List.of("taken"), client.triggers().stream().map(Trigger::name).toList());
    }

    @Test
    void closesOnTheLastRemovalUnlessKeptAlive() throws Exception {
        client = builder().build();
        Trigger<?> t = client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        c.takeCommand();
        client.removeTrigger(t.name(), true);
        assertEquals(ClearSubscribe.everything(), c.takeCommand());
        assertTrue(c.isOpen());
        Trigger<?> u = client.on(PlayerLogin.class, e -> { });
        c.takeCommand();
        client.removeTrigger(u);
        assertFalse(c.isOpen());
        assertEquals(1, transport.attempts.get());
    }

    @Test
    void refusesADuplicateTriggerName() {
        client = builder().build();
        client.addTrigger(Trigger.on(Death.class).name("kills").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.addTrigger(Trigger.on(PlayerLogin.class).name("kills").build()));
        assertEquals("a trigger named 'kills' is already registered; names are unique per client", e.getMessage());
        assertEquals("kills", client.getTrigger("kills").orElseThrow().name());
        assertEquals("no trigger named 'nope' is registered with this client",
                assertThrows(IllegalArgumentException.class, () -> client.removeTrigger("nope")).getMessage());
    }

    @Test
    void removesSingleShotTriggerBeforeItsActionRunsAndSkipsNoOtherTrigger() throws Exception {
        client = builder().build();
        BlockingQueue<String> ran = new LinkedBlockingQueue<>();
        List<Boolean> registeredDuringAction = Collections.synchronizedList(new ArrayList<>());
        client.addTrigger(Trigger.on(Death.class).name("once").singleShot(true)
                .action(d -> {
                    registeredDuringAction.add(client.getTrigger("once").isPresent());
                    ran.add("once");
                }).build());
        client.addTrigger(Trigger.on(Death.class).name("next").action(d -> ran.add("next")).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push(frame(Events.death(ALICE, BOB, 1)));
        c.push(frame(Events.death(ALICE, BOB, 1)));
        assertEquals("once", ran.poll(5, TimeUnit.SECONDS));
        assertEquals("next", ran.poll(5, TimeUnit.SECONDS), "the trigger after a single-shot one still gets the event");
        assertEquals("next", ran.poll(5, TimeUnit.SECONDS));
        assertEquals(List.of(false), registeredDuringAction);
    }

    @Test
    void reportsAThrowingActionAndGoesOn() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(Death.class).name("boom").action(d -> {
            throw new IllegalStateException("bang");
        }).build());
        client.addTrigger(Trigger.on(Death.class).action(got::add).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push(frame(Events.death(ALICE, BOB, 1)));
        c.push(frame(Events.death(BOB, ALICE, 1)));
        take(got);
        take(got);
        TriggerActionException e = assertInstanceOf(TriggerActionException.class, errors.poll(5, TimeUnit.SECONDS));
        assertEquals("boom", e.trigger().name());
        assertEquals("bang", e.getCause().getMessage());
        assertEquals(2, client.stats().actionFailures());
    }

    @Test
    void countsAndReportsADecodeErrorAndDecodesTheNextFrame() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).action(got::add).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push("{\"payload\":{\"event_name\":\"PlayerLogin\"");
        c.push(frame(Events.login(ALICE, 1)));
        assertEquals(ALICE, ((PlayerLogin) take(got)).characterId());
        assertInstanceOf(EssDecodeException.class, errors.poll(5, TimeUnit.SECONDS));
        assertEquals(1, client.stats().decodeErrors());
    }

    @Test
    void aFrameShapedLikeAnEventThatIsNotOneNeitherBreaksNorStallsTheStream() throws Exception {
        // Event-shaped frames are decoded on the dispatch thread; this one turns out to be an echo.
        client = builder().queueCapacity(4).build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).action(got::add).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        long before = client.stats().framesReceived();
        for (int i = 0; i < 10; i++) { // more than the queue holds: each must give its demand back
            c.push("{\"payload\":{\"event_name\":\"PlayerLogin\",\"n\":\"" + i + "\"},\"service\":\"event\",\"type\":\"echo\"}");
        }
        c.push(frame(Events.login(ALICE, 1)));
        assertEquals(ALICE, ((PlayerLogin) take(got)).characterId());
        assertEquals(0, client.stats().decodeErrors());
        assertEquals(1, client.stats().eventsDecoded());
        assertEquals(11, client.stats().framesReceived() - before);
    }

    @Test
    void letsAnUnknownEventReachATriggerThatNamesIt() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.onUnlisted("FishCaught").action(got::add).build());
        FakeTransport.Conn c = transport.take();
        assertEquals(Set.of("FishCaught"), client.plannedSubscription().eventNames());
        client.awaitReady(WAIT);
        c.push("{\"payload\":{\"character_id\":\"5428011263300000001\",\"event_name\":\"FishCaught\",\"timestamp\":\"1717171717\","
                + "\"world_id\":\"13\"},\"service\":\"event\",\"type\":\"serviceMessage\"}");
        UnknownEvent e = assertInstanceOf(UnknownEvent.class, take(got));
        assertEquals(Optional.of(ALICE), e.characterId());
        assertEquals(1, client.stats().unknownEvents());
    }

    @Test
    void tracksEndpointStatusFromHeartbeatsAndServiceStateChanges() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push("{\"online\":{\"EventServerEndpoint_Cobalt_13\":\"true\",\"EventServerEndpoint_Connery_1\":\"false\"},"
                + "\"service\":\"event\",\"timestamp\":\"1717171717\",\"type\":\"heartbeat\"}");
        c.push("{\"detail\":\"EventServerEndpoint_Miller_10\",\"online\":\"false\",\"service\":\"event\",\"type\":\"serviceStateChanged\"}");
        c.push("{\"detail\":\"EventServerEndpoint_Connery_1\",\"online\":\"true\",\"service\":\"event\",\"type\":\"serviceStateChanged\"}");
        assertEquals(Map.of("Cobalt", true, "Connery", true, "Miller", false), client.endpointStatus());
        assertTrue(client.stats().lastHeartbeat().isPresent());
    }

    @Test
    void waitForCompletesAndRemovesItsTriggers() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        CompletableFuture<Event> f = client.waitFor(WAIT, Trigger.on(PlayerLogin.class).name("w1").build(),
                Trigger.on(PlayerLogout.class).name("w2").build());
        assertTrue(client.getTrigger("w1").isPresent());
        c.push(frame(Events.logout(ALICE, 1)));
        assertEquals(ALICE, ((PlayerLogout) f.get(5, TimeUnit.SECONDS)).characterId());
        assertEquals(List.of("Death"), client.triggers().stream().map(t -> t.eventTypes().iterator().next().getSimpleName()).toList());
    }

    @Test
    void waitForRemovesItsTriggersOnTimeout() throws Exception {
        // A timed-out wait must not leave its trigger registered.
        client = builder().build();
        client.on(Death.class, d -> { });
        transport.take();
        CompletableFuture<Event> f = client.waitFor(Duration.ofMillis(50), Trigger.on(PlayerLogin.class).name("w").build());
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(Optional.empty(), client.getTrigger("w"));
        assertEquals(Set.of("Death"), client.plannedSubscription().eventNames());
    }

    @Test
    void waitForRemovesItsTriggersOnCancellation() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        CompletableFuture<Event> f = client.waitFor(Duration.ZERO, Trigger.on(PlayerLogin.class).name("w").build());
        assertTrue(client.getTrigger("w").isPresent());
        f.cancel(true);
        assertThrows(CancellationException.class, f::join);
        assertEquals(Optional.empty(), client.getTrigger("w"));
    }

    @Test
    void aWaitForTriggerIsListedAndRemovedAsTheUserGaveIt() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        Trigger<?> login = Trigger.on(PlayerLogin.class).name("w").build();
        client.waitFor(Duration.ZERO, login);
        assertSame(login, client.getTrigger("w").orElseThrow());
        assertTrue(client.triggers().contains(login));
        client.removeTrigger(login);
        assertEquals(Optional.empty(), client.getTrigger("w"));
        assertEquals(Set.of("Death"), client.plannedSubscription().eventNames());
    }

    @Test
    void waitForWithASingleShotTriggerDoesNotHang() throws Exception {
        // Removing an already-removed single-shot trigger must neither throw nor hang.
        client = builder().build();
        client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        CompletableFuture<Event> f = client.waitFor(WAIT, Trigger.on(PlayerLogin.class).singleShot(true).name("w").build());
        c.push(frame(Events.login(BOB, 1)));
        assertEquals(BOB, ((PlayerLogin) f.get(5, TimeUnit.SECONDS)).characterId());
        assertEquals(Optional.empty(), client.getTrigger("w"));
    }

    @Test
    void stopsOnARejectedServiceIdAndTriesAgainLater() throws Exception {
        // A fatal handshake must not leave the client marked open, unable to connect again.
        transport.rejectWith = 403;
        client = builder().build();
        CompletableFuture<Event> pending = client.waitFor(WAIT, Trigger.on(Death.class).name("w").build());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        TransportException te = assertInstanceOf(TransportException.class, failed.getCause());
        assertTrue(te.isFatal());
        assertEquals("the ESS rejected service id s:ab…(12 chars) (HTTP 403); the client stopped connecting. Check the "
                + "service id; the next addTrigger() or connect() tries again", te.getMessage());
        assertInstanceOf(TransportException.class, errors.poll(5, TimeUnit.SECONDS));
        assertEquals(1, transport.attempts.get());

        transport.rejectWith = 0;
        client.on(Death.class, d -> { });
        transport.take();
        client.awaitReady(WAIT);
        assertEquals(2, transport.attempts.get());
    }

    @Test
    void failsAwaitReadyOnARejectedServiceId() {
        transport.rejectWith = 403;
        client = builder().build();
        CompletableFuture<Void> ready = client.connect();
        ExecutionException e = assertThrows(ExecutionException.class, () -> ready.get(5, TimeUnit.SECONDS));
        assertTrue(((TransportException) e.getCause()).isFatal());
        assertThrows(TransportException.class, () -> client.awaitReady(WAIT));
    }

    @Test
    void reconnectsOnceAfterAnUnexpectedCloseAndResubscribes() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(Death.class).characters(ALICE).action(got::add).build());
        FakeTransport.Conn first = transport.take();
        Subscribe sub = (Subscribe) first.takeCommand();
        client.awaitReady(WAIT);
        first.serverClose(1006);
        FakeTransport.Conn second = transport.take();
        assertEquals(sub, second.takeCommand(), "the whole subscription again on the new connection");
        client.awaitReady(WAIT);
        second.push(frame(Events.death(ALICE, BOB, 1)));
        take(got);
        assertEquals(Map.of(ConnectionCause.CONNECTION_CLOSED, 1L), client.stats().reconnectsByCause());
    }

    @Test
    void reconnectsWhenThePushLayerLosesItsBackend() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        FakeTransport.Conn first = transport.take();
        client.awaitReady(WAIT);
        first.push("{\"connected\":\"false\",\"service\":\"push\",\"type\":\"connectionStateChanged\"}");
        transport.take();
        client.awaitReady(WAIT);
        assertFalse(first.isOpen());
        assertEquals(Map.of(ConnectionCause.BACKEND_LOST, 1L), client.stats().reconnectsByCause());
    }

    @Test
    void detectsAndRepairsADriftedSubscription() throws Exception {
        client = builder().build();
        client.addTrigger(Trigger.on(Death.class).characters(ALICE).build());
        client.addTrigger(Trigger.on(FacilityControl.class).worlds(10).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        while (c.pollSent(Duration.ofMillis(100)) != null) {
            // the two triggers' subscribes
        }
        Subscription planned = client.plannedSubscription();
        assertEquals(planned, c.state);

        // the server silently loses the worlds (tracker #146)
        c.state = new Subscription(planned.eventNames(), planned.characters(), Set.of(), planned.logicalAndCharactersWithWorlds());
        assertTrue(client.verifySubscription());
        assertTrue(((Subscribe) c.takeCommand()).isProbe());
        assertEquals(ClearSubscribe.everything(), c.takeCommand());
        ClientCommand resub = c.takeCommand();
        assertInstanceOf(Subscribe.class, resub);
        assertEquals(1, client.stats().subscriptionDrifts());
        assertEquals(planned, c.state);

        assertTrue(client.verifySubscription());
        c.takeCommand();
        assertNull(c.pollSent(Duration.ofMillis(200)), "an agreeing probe reply changes nothing");
        assertEquals(1, client.stats().subscriptionDrifts());
    }

    @Test
    void aServerThatSpellsACharacterSetHoldingAllAsAllIsNotADrift() throws Exception {
        transport.bareAll = true;
        client = builder().subscriptionProbeInterval(Duration.ofMillis(100)).build();
        client.addTriggers(List.of(Trigger.on(Death.class).build(), Trigger.on(PlayerLogin.class).characters(ALICE).build()));
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        assertEquals(Set.of("all", Long.toString(ALICE)), client.plannedSubscription().characters());
        int probes = 0;
        while (probes < 10) {
            ClientCommand cmd = c.takeCommand();
            assertFalse(cmd instanceof ClearSubscribe, "no clearSubscribe: " + cmd);
            if (cmd instanceof Subscribe s && s.isProbe()) {
                probes++;
            }
        }
        assertEquals(0, client.stats().subscriptionDrifts());
    }

    @Test
    void aDriftIsReportedNamingWhatDiffers() throws Exception {
        BlockingQueue<ConnectionEvent> drifts = new LinkedBlockingQueue<>();
        client = builder().connectionListener(e -> {
            if (e.kind() == ConnectionEvent.Kind.DRIFT) {
                drifts.add(e);
            }
        }).build();
        client.addTrigger(Trigger.on(Death.class).characters(ALICE).worlds(1, 10).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        Subscription planned = client.plannedSubscription();
        assertTrue(planned.logicalAndCharactersWithWorlds());
        c.state = new Subscription(planned.eventNames(), planned.characters(), Set.of("1"), false);
        assertTrue(client.verifySubscription());
        ConnectionEvent e = drifts.poll(5, TimeUnit.SECONDS);
        assertEquals("subscription drifted: worlds expected [1, 10] but the server has [1]; "
                + "logicalAndCharactersWithWorlds expected true but the server has false", e.detail());
        assertEquals(ConnectionCause.SUBSCRIPTION_DRIFT, e.cause());
    }

    @Test
    void anEventWithAFieldOfTheWrongKindReachesItsTriggersAndIsReportedOncePerEventAndField() throws Exception {
        client = builder().build();
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(ContinentLock.class).action(got::add).build());
        client.addTrigger(Trigger.on(Death.class).action(got::add).build());
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        for (int world : new int[] {1, 10, 13}) {
            c.push(frame(Events.lock(world)).replace("{\"payload\":{", "{\"payload\":{\"event_type\":\"\","));
        }
        c.push(frame(Events.death(ALICE, BOB, 17)).replace("\"zone_id\":\"2\"", "\"zone_id\":\"abc\""));
        for (int i = 0; i < 3; i++) {
            ContinentLock lock = assertInstanceOf(ContinentLock.class, take(got));
            assertEquals(java.util.OptionalInt.empty(), lock.eventType());
        }
        Death d = assertInstanceOf(Death.class, take(got));
        assertEquals(ALICE, d.characterId());
        assertEquals(0, d.zoneId());

        assertEquals(Map.of("ContinentLock.event_type", 3L, "Death.zone_id", 1L), client.stats().invalidFields());
        assertEquals(0, client.stats().decodeErrors());
        List<String> reported = new ArrayList<>();
        for (Throwable t : errors) {
            InvalidFieldException e = assertInstanceOf(InvalidFieldException.class, t);
            reported.add(e.eventName() + "." + e.field() + "=" + e.value());
        }
        assertEquals(List.of("ContinentLock.event_type=\"\"", "Death.zone_id=\"abc\""), reported);
    }

    @Test
    void probesPeriodically() throws Exception {
        client = builder().subscriptionProbeInterval(Duration.ofMillis(100)).build();
        client.on(Death.class, d -> { });
        FakeTransport.Conn c = transport.take();
        c.takeCommand();
        assertTrue(((Subscribe) c.takeCommand()).isProbe());
    }

    @Test
    void holdsBackDemandWhileTheQueueIsFull() throws Exception {
        client = builder().queueCapacity(4).build();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(gatedDeaths(first, release, got));
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        for (int i = 0; i < 50; i++) {
            c.push(frame(Events.death(ALICE, BOB, 1)));
        }
        assertTrue(first.await(5, TimeUnit.SECONDS));
        // one event in the action, at most 4 queued: the rest stays with the transport
        assertTrue(c.backlog() >= 50 - 5, "backlog " + c.backlog());
        assertTrue(c.maxOutstanding.get() <= 4, "demand never exceeded the queue: " + c.maxOutstanding.get());
        release.countDown();
        for (int i = 0; i < 50; i++) {
            take(got);
        }
        assertEquals(0, client.stats().overflowDrops());
        assertTrue(client.stats().queueHighWaterMark() <= 4);
    }

    @Test
    void aDispatchThreadFarBehindSharesTheDecodingWithTheTransportThreadAndLosesNothing() throws Exception {
        Map<String, List<String>> decodedOn = new ConcurrentHashMap<>(); // frame -> the threads that decoded it
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        FakeTransport.Conn c = holdDispatchThread(
                builder().codec(watching(decodedOn)).deduplicate(Duration.ofMinutes(1), true), release, got);

        List<String> frames = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            frames.add(frame(Events.death(ALICE, i, 1)));
        }
        String cut = frames.get(199).substring(0, 60); // attacker 200: an event frame cut short
        frames.set(199, cut);
        String wrongZone = frames.get(209).replace("\"zone_id\":\"2\"", "\"zone_id\":\"abc\""); // attacker 210
        assertNotEquals(frames.get(209), wrongZone);
        frames.set(209, wrongZone);
        frames.add(220, frames.get(219)); // a copy of attacker 220's frame right after it
        frames.add(10, frames.get(9)); // and one of attacker 10's, while the queue is still short
        String transportThread = Thread.currentThread().getName(); // FakeTransport hands frames on in push()
        for (String f : frames) {
            c.push(f);
        }
        release.countDown();

        List<Long> attackers = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // 1000, then 1..300 without 200
            attackers.add(((Death) take(got)).attackerCharacterId());
        }
        List<Long> expected = new ArrayList<>(List.of(1000L));
        for (long i = 1; i <= 300; i++) {
            if (i != 200) {
                expected.add(i);
            }
        }
        assertEquals(expected, attackers, "every event, in the order it arrived");
        assertNull(got.poll(100, TimeUnit.MILLISECONDS), "the copies were not delivered");

        // Both threads decoded, and each frame was decoded once per arrival, on one of them.
        String dispatchThread = decodedOn.get(frames.get(0)).get(0);
        assertNotEquals(transportThread, dispatchThread);
        assertEquals(List.of(transportThread), decodedOn.get(frames.get(frames.size() - 1)),
                "a frame queued behind hundreds was decoded by the transport's thread");
        assertEquals(List.of(dispatchThread, dispatchThread), decodedOn.get(frames.get(9)),
                "the early copy: both arrivals decoded on the dispatch thread");
        assertEquals(List.of(transportThread, transportThread), decodedOn.get(frames.get(221)));
        assertEquals(List.of(transportThread), decodedOn.get(cut));

        ClientStats s = client.stats();
        assertEquals(1, s.decodeErrors());
        assertEquals(2, s.duplicatesDropped());
        assertEquals(Map.of("Death.zone_id", 1L), s.invalidFields());
        assertEquals(302, s.eventsDecoded(), "1000, then 1..300 without 200, and the two copies");
        assertEquals(300, s.eventsDispatched());
        List<Throwable> reported = new ArrayList<>(errors);
        assertEquals(2, reported.size(), reported::toString);
        assertTrue(reported.stream().anyMatch(t -> t instanceof EssDecodeException), reported::toString);
        assertTrue(reported.stream().anyMatch(t -> t instanceof InvalidFieldException), reported::toString);
    }

    @Test
    void aFrameThatAFullQueueDropsIsNotDecodedAhead() throws Exception {
        Map<String, List<String>> decodedOn = new ConcurrentHashMap<>();
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        FakeTransport.Conn c = holdDispatchThread(builder().codec(watching(decodedOn)).queueCapacity(100)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST), release, got);
        List<String> frames = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            frames.add(frame(Events.death(ALICE, i, 1)));
            c.push(frames.get(i - 1));
        }
        assertEquals(50, client.stats().overflowDrops());
        String transportThread = Thread.currentThread().getName();
        assertEquals(List.of(transportThread), decodedOn.get(frames.get(99)), "the last one queued was decoded ahead");
        for (String dropped : frames.subList(100, 150)) {
            assertNull(decodedOn.get(dropped), "a frame the full queue dropped was decoded");
        }
        release.countDown();
        for (int i = 0; i <= 100; i++) {
            take(got);
        }
        assertEquals(101, client.stats().eventsDecoded());
    }

    /**
     * Builds the client and connects it, then holds its dispatch thread in the action of a first
     * Death (attacker 1000) until {@code release}; the actions put each Death in {@code got}.
     */
    private FakeTransport.Conn holdDispatchThread(EventClient.Builder b, CountDownLatch release,
            BlockingQueue<Event> got) throws Exception {
        client = b.build();
        CountDownLatch first = new CountDownLatch(1);
        client.addTrigger(gatedDeaths(first, release, got));
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push(frame(Events.death(ALICE, 1000, 1)));
        assertTrue(first.await(5, TimeUnit.SECONDS), "the dispatch thread is held in the first action");
        return c;
    }

    /** The standard codec, noting which threads decoded each frame. */
    private static FrameCodec watching(Map<String, List<String>> decodedOn) {
        return new FrameCodec() {
            @Override
            public ServerMessage decode(String text) {
                decodedOn.computeIfAbsent(text, t -> new CopyOnWriteArrayList<>()).add(Thread.currentThread().getName());
                return FrameCodec.STANDARD.decode(text);
            }

            @Override
            public String encode(ClientCommand command) {
                return FrameCodec.STANDARD.encode(command);
            }
        };
    }

    @Test
    void dropsAndCountsUnderADroppingPolicy() throws Exception {
        client = builder().queueCapacity(2).overflowPolicy(OverflowPolicy.DROP_NEWEST).build();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(gatedDeaths(first, release, got));
        FakeTransport.Conn c = transport.take();
        client.awaitReady(WAIT);
        c.push(frame(Events.death(ALICE, BOB, 1)));
        assertTrue(first.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 10; i++) {
            c.push(frame(Events.death(ALICE, BOB, 1)));
        }
        assertEquals(8, client.stats().overflowDrops());
        release.countDown();
        for (int i = 0; i < 3; i++) {
            take(got);
        }
        // frames are decoded on the dispatch thread: the 8 dropped from the full queue never were
        assertEquals(3, client.stats().eventsDecoded());
    }

    @Test
    void runsActionsOnTheGivenExecutor() throws Exception {
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "user-pool"));
        try {
            client = builder().actionExecutor(ex).build();
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            client.on(Death.class, d -> threads.add(Thread.currentThread().getName()));
            client.dispatch(Events.death(ALICE, BOB, 1));
            assertEquals("user-pool", threads.poll(5, TimeUnit.SECONDS));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void neverShowsTheWholeServiceId() {
        EventClient.Builder b = builder();
        assertFalse(b.toString().contains("abcdefghijkl"), b.toString());
        assertTrue(b.toString().contains("s:ab…(12 chars)"), b.toString());
        client = b.build();
        assertFalse(client.toString().contains("abcdefghijkl"), client.toString());
    }

    @Test
    void refusesBadBuilderValuesNamingThem() {
        assertEquals("queueCapacity must be between 1 and 10000000, was 0",
                assertThrows(IllegalArgumentException.class, () -> EventClient.builder().queueCapacity(0)).getMessage());
        assertEquals("endpoint must be a ws:// or wss:// URI, was http://x",
                assertThrows(IllegalArgumentException.class, () -> EventClient.builder().endpoint(URI.create("http://x"))).getMessage());
        assertEquals("service id must not be blank",
                assertThrows(IllegalArgumentException.class, () -> EventClient.builder().serviceId(" ")).getMessage());
    }

    @Test
    void failsAtBuildWhenNoTransportIsFound() {
        NoTransportException e = assertThrows(NoTransportException.class,
                () -> EventClient.builder().discoveryCandidates(List.of()).build());
        assertTrue(e.getMessage().contains("auraxium-transport-jdk"), e.getMessage());
    }

    @Test
    void usesADiscoveredProvider() {
        dev.auraxium.transport.TransportProvider p = new dev.auraxium.transport.TransportProvider() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public dev.auraxium.transport.Transport create(dev.auraxium.transport.TransportOptions options) {
                return transport;
            }
        };
        client = EventClient.builder().discoveryCandidates(
                List.of(new dev.auraxium.internal.transport.TransportDiscovery.Candidate("fake", () -> p))).build();
        assertEquals("fake", client.transportName());
    }

    @Test
    void failsPendingWaitersWhenClosed() {
        client = builder().build();
        CompletableFuture<Event> f = client.waitFor(Duration.ZERO, Trigger.on(Death.class).build());
        client.close();
        assertInstanceOf(AuraxiumException.class, assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause());
        assertThrows(IllegalStateException.class, () -> client.on(Death.class, d -> { }));
        client.close(); // idempotent
        assertFalse(client.isReady());
    }

    /** A Death trigger whose action signals {@code first}, waits for {@code release}, then records the event. */
    private static Trigger<Death> gatedDeaths(CountDownLatch first, CountDownLatch release, BlockingQueue<Event> got) {
        return Trigger.on(Death.class).action(d -> {
            first.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(d);
        }).build();
    }
}
