package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static dev.auraxium.testkit.TestEvents.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.HelpReply;
import dev.auraxium.protocol.RawMessage;
import dev.auraxium.protocol.RecentCharacterIdsReply;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.SubscriptionReply;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FakeEssServerTest {
    private static final EssCodec CODEC = EssCodec.standard();

    @Test
    void sendsConnectedHelpPromptAndOneServiceStateChangedPerEndpointOnConnect() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EssTestClient c = EssTestClient.connect(server.uri(Environment.PS2, "s:example"))) {
            assertEquals(new ConnectionStateChanged(true), c.nextMessage());
            assertEquals(new HelpPrompt(), c.nextMessage());
            for (String endpoint : FakeEssServer.DEFAULT_ENDPOINTS) {
                assertEquals(new ServiceStateChanged(endpoint, true), c.nextMessage());
            }
            assertTrue(server.awaitConnections(1, EssTestClient.WAIT));
            ConnectionSnapshot snap = server.connections().get(0);
            assertEquals(Environment.PS2, snap.environment());
            assertEquals("s:ex…(7 chars)", snap.serviceId()); // the length of the id after its prefix, as the client reports it
            assertTrue(snap.open());
            assertEquals(8, snap.framesSent());
        }
    }

    @Test
    void reportsConfiguredEndpointsWithTheirState() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder()
                .endpoints(Map.of("EventServerEndpoint_Genudine_1000", false)).start();
                EssTestClient c = EssTestClient.connect(server.uri(Environment.PS2PS4US, "s:example"))) {
            c.next();
            c.next();
            ServiceStateChanged state = assertInstanceOf(ServiceStateChanged.class, c.nextMessage());
            assertEquals(OptionalInt.of(1000), state.worldId());
            assertFalse(state.online());
            server.setEndpointOnline("EventServerEndpoint_Genudine_1000", true);
            assertEquals(new ServiceStateChanged("EventServerEndpoint_Genudine_1000", true), c.nextMessage());
        }
    }

    @Test
    void rejectsAnUnknownEnvironmentWithHttp403() {
        try (FakeEssServer server = FakeEssServer.start()) {
            assertEquals(403, handshakeStatus(URI.create(server.uri() + "?environment=ps3&service-id=s:example")));
            assertEquals(403, handshakeStatus(URI.create(server.uri() + "?service-id=s:example")));
        }
    }

    @Test
    void rejectsServiceIdsTheDefaultPolicyRefusesWithHttp403() {
        try (FakeEssServer server = FakeEssServer.start()) {
            assertEquals(403, handshakeStatus(server.uri(Environment.PS2, "example")));
            assertEquals(403, handshakeStatus(server.uri(Environment.PS2, "s:bad-id!")));
            assertEquals(403, handshakeStatus(URI.create(server.uri() + "?environment=ps2")));
        }
    }

    @Test
    void acceptsOnlyTheConfiguredServiceIds() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().acceptServiceIds("s:mine").start()) {
            assertEquals(403, handshakeStatus(server.uri(Environment.PS2, "s:example")));
            try (EssTestClient c = EssTestClient.connect(server.uri(Environment.PS2, "s:mine"))) {
                assertEquals(new ConnectionStateChanged(true), c.nextMessage());
            }
        }
    }

    @Test
    void builderNamesTheBadValue() {
        FakeEssServer.Builder b = FakeEssServer.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.heartbeatInterval(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.port(70000)).getMessage().contains("70000"));
        assertThrows(IllegalArgumentException.class, () -> b.environments());
        assertThrows(IllegalArgumentException.class, () -> b.acceptServiceIds(" "));
    }

    @Test
    void repliesWithACharacterCountUnlessCharactersContainAll() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"" + ALICE + "\",\"" + BOB
                    + "\"],\"eventNames\":[\"Death\",\"GainExperience_experience_id_4\"],\"worlds\":[\"all\"]}");
            SubscriptionReply counted = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(Optional.empty(), counted.characters());
            assertEquals(OptionalInt.of(2), counted.characterCount());
            assertEquals(Set.of("Death", "GainExperience_experience_id_4"), Set.copyOf(counted.eventNames()));
            assertEquals(List.of("all"), counted.worlds());
            assertEquals(Optional.of(false), counted.logicalAndCharactersWithWorlds());

            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
                    + "\"logicalAndCharactersWithWorlds\":true}");
            SubscriptionReply listed = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(Set.of(Long.toString(ALICE), Long.toString(BOB), "all"), Set.copyOf(listed.characters().orElseThrow()));
            assertEquals(Optional.of(true), listed.logicalAndCharactersWithWorlds());
        }
    }

    @Test
    void listsCharactersWhenTheRequestAsksForThem() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"" + ALICE
                    + "\"],\"list_characters\":\"true\"}");
            SubscriptionReply listed = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(Optional.of(List.of(Long.toString(ALICE))), listed.characters());
            c.send("{\"service\":\"event\",\"action\":\"subscribe\"}");
            SubscriptionReply probe = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(OptionalInt.of(1), probe.characterCount());
        }
    }

    @Test
    void subscribeIsAdditiveAndKeepsTheFlagUnlessGiven() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"Death\"],\"worlds\":[\"10\"],"
                    + "\"logicalAndCharactersWithWorlds\":\"true\"}");
            c.nextMessage();
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"PlayerLogin\",\"Death\"]}");
            SubscriptionReply r = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(Set.of("Death", "PlayerLogin"), Set.copyOf(r.eventNames()));
            assertEquals(List.of("10"), r.worlds());
            assertEquals(Optional.of(true), r.logicalAndCharactersWithWorlds());
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"logicalAndCharactersWithWorlds\":false}");
            assertEquals(Optional.of(false),
                    assertInstanceOf(SubscriptionReply.class, c.nextMessage()).logicalAndCharactersWithWorlds());
            assertEquals(List.of("Death", "PlayerLogin"),
                    List.copyOf(server.connections().get(0).subscription().eventNames()));
        }
    }

    @Test
    void clearSubscribeRemovesExactlyTheListedStrings() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\",\"" + ALICE + "\"],"
                    + "\"eventNames\":[\"Death\",\"PlayerLogin\"],\"worlds\":[\"1\",\"17\"]}");
            c.nextMessage();
            c.send("{\"service\":\"event\",\"action\":\"clearSubscribe\",\"characters\":[\"all\"],"
                    + "\"eventNames\":[\"Death\"],\"worlds\":[\"40\"]}");
            SubscriptionReply r = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
            assertEquals(OptionalInt.of(1), r.characterCount(), "removing all keeps the explicit id");
            assertEquals(List.of("PlayerLogin"), r.eventNames());
            assertEquals(Set.of("1", "17"), Set.copyOf(r.worlds()));
        }
    }

    @Test
    void clearSubscribeAllEmptiesEverythingAndResetsTheFlagWhetherStringOrBoolean() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            for (String all : List.of("\"true\"", "true")) {
                c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
                        + "\"eventNames\":[\"Death\"],\"worlds\":[\"1\"],\"logicalAndCharactersWithWorlds\":true}");
                c.nextMessage();
                c.send("{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":" + all + "}");
                SubscriptionReply r = assertInstanceOf(SubscriptionReply.class, c.nextMessage());
                assertEquals(OptionalInt.of(0), r.characterCount());
                assertEquals(List.of(), r.eventNames());
                assertEquals(List.of(), r.worlds());
                assertEquals(Optional.of(false), r.logicalAndCharactersWithWorlds());
            }
        }
    }

    @Test
    void echoSendsThePayloadBackUnwrapped() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"payload\":{\"character_id\":\""
                    + ALICE + "\",\"event_name\":\"PlayerLogin\",\"timestamp\":\"1717171717\",\"world_id\":\"1\"},"
                    + "\"service\":\"event\",\"type\":\"serviceMessage\"}}");
            ServiceMessage m = assertInstanceOf(ServiceMessage.class, c.nextMessage());
            assertEquals(TestEvents.login(1, ALICE), m.event());
            c.send("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"hello\":\"there\"}}");
            assertInstanceOf(RawMessage.class, c.nextMessage());
        }
    }

    @Test
    void helpRepliesWithTheTwoKeysOfTheLiveReply() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"help\"}");
            HelpReply help = assertInstanceOf(HelpReply.class, c.nextMessage());
            assertTrue(help.json().contains("\"example event service message payloads\""));
            assertTrue(help.json().contains("\"example messages to event service\""));
        }
    }

    @Test
    void recentCharacterIdsListsTheCharactersOfPublishedEvents() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            server.publish(TestEvents.death(10, ALICE, BOB));
            server.publish(TestEvents.facilityControl(10));
            c.send("{\"service\":\"event\",\"action\":\"recentCharacterIds\"}");
            RecentCharacterIdsReply list = assertInstanceOf(RecentCharacterIdsReply.class, c.nextMessage());
            assertEquals(2, list.count());
            assertEquals(Optional.of(List.of(ALICE, BOB)), list.characterIds());
            c.send("{\"service\":\"event\",\"action\":\"recentCharacterIdsCount\"}");
            RecentCharacterIdsReply count = assertInstanceOf(RecentCharacterIdsReply.class, c.nextMessage());
            assertEquals(2, count.count());
            assertEquals(Optional.empty(), count.characterIds());
        }
    }

    @Test
    void recentCharacterIdsAreDistinctOrderedByLatestMentionAndBounded() {
        try (FakeEssServer server = FakeEssServer.start()) {
            server.publish(TestEvents.death(10, ALICE, BOB));
            server.publish(TestEvents.login(10, ALICE)); // ALICE again: now the most recent
            assertEquals(List.of(BOB, ALICE), server.recentCharacterIds());
            for (long id = 1; id <= 10_000; id++) {
                server.publish(TestEvents.login(10, id));
            }
            List<Long> recent = server.recentCharacterIds();
            assertEquals(10_000, recent.size(), "the last 10,000 mentions are kept");
            assertEquals(1L, recent.get(0));
            assertEquals(10_000L, recent.get(recent.size() - 1));
            assertFalse(recent.contains(ALICE), "older mentions are forgotten");
        }
    }

    @Test
    void staysSilentOnMalformedJsonUnknownActionsUnknownAndMissingServicesButRecordsThem() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{not json");
            c.send("{\"service\":\"event\",\"action\":\"dance\"}");
            c.send("{\"service\":\"push\",\"action\":\"help\"}");
            c.send("{\"action\":\"help\"}");
            c.send("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"marker\":\"1\"}}");
            assertEquals("{\"marker\":\"1\"}", c.next(), "the bad commands got no reply");

            ClientMessage bad = server.takeClientMessage(EssTestClient.WAIT);
            assertEquals("{not json", bad.text());
            assertEquals(Optional.empty(), bad.command());
            assertEquals(Optional.empty(), server.takeClientMessage(EssTestClient.WAIT).command());
            assertEquals(Optional.empty(), server.takeClientMessage(EssTestClient.WAIT).command());
            assertEquals(Optional.empty(), server.takeClientMessage(EssTestClient.WAIT).command(),
                    "a command without \"service\":\"event\" is not one the service answers");
            ClientMessage echo = server.takeClientMessage(EssTestClient.WAIT);
            assertEquals("echo", echo.command().orElseThrow().action());
            assertEquals(server.connections().get(0).id(), echo.connectionId());
            assertEquals(5, server.clientMessages().size());
            assertNull(server.takeClientMessage(Duration.ofMillis(50)));
        }
    }

    @Test
    void recordsTheDecodedSubscribeCommand() throws Exception {
        try (FakeEssServer server = FakeEssServer.start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"Death\"]}");
            Subscribe s = assertInstanceOf(Subscribe.class,
                    server.takeClientMessage(EssTestClient.WAIT).command().orElseThrow());
            assertEquals(Optional.of(List.of("Death")), s.eventNames());
        }
    }

    @Test
    void sendsHeartbeatsWithTimestampsAtTheConfiguredInterval() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(200)).start();
                EssTestClient c = EssTestClient.connectReady(server, 6)) {
            long first = 0;
            for (int i = 0; i < 3; i++) {
                Heartbeat h = assertInstanceOf(Heartbeat.class, c.nextMessage());
                if (i == 0) {
                    first = System.nanoTime(); // the first comes at the server's phase, anywhere in the first interval
                }
                assertTrue(h.timestamp().isPresent());
                assertEquals(6, h.worlds().size());
                assertEquals(Boolean.TRUE, h.online().get("EventServerEndpoint_Miller_10"));
            }
            assertTrue(System.nanoTime() - first >= Duration.ofMillis(300).toNanos(),
                    "three heartbeats 200 ms apart cannot arrive in under 300 ms");
        }
    }

    @Test
    void sendsTheFirstHeartbeatAfterTheConfiguredPhase() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().firstHeartbeatAfter(Duration.ZERO).start();
                EssTestClient c = EssTestClient.connectReady(server, 6)) {
            assertInstanceOf(Heartbeat.class, c.nextMessage(), "the 30 s interval did not delay the first one");
        }
    }

    @Test
    void sendsNoHeartbeatsWhenDisabled() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().firstHeartbeatAfter(Duration.ZERO).disableHeartbeats()
                .start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"marker\":\"2\"}}");
            assertEquals("{\"marker\":\"2\"}", c.next(), "no heartbeat came before the echo reply");
        }
    }

    @Test
    void omitsTheHeartbeatTimestampWhenAsked() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(100))
                .heartbeatTimestamps(false).start(); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            String raw = c.next();
            Heartbeat h = assertInstanceOf(Heartbeat.class, CODEC.decode(raw));
            assertEquals(Optional.empty(), h.timestamp());
            assertFalse(raw.contains("timestamp"), raw);
        }
    }

    @Test
    void publishesARawEventFrameUnchangedOnlyWhereSelectedAndOtherFramesEverywhere() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EssTestClient a = EssTestClient.connectReady(server, 6);
                EssTestClient b = EssTestClient.connectReady(server, 6)) {
            a.send("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"PlayerLogin\"],"
                    + "\"worlds\":[\"13\"]}");
            a.nextMessage();
            String frame = "{\"payload\":{\"character_id\":\"" + ALICE + "\",\"event_name\":\"PlayerLogin\","
                    + "\"timestamp\":\"1717171717\",\"world_id\":\"13\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
            assertEquals(1, server.publish(frame));
            assertEquals(frame, a.next());
            assertEquals(2, server.publish("{\"something\":\"new\"}"));
            assertEquals("{\"something\":\"new\"}", a.next());
            assertEquals("{\"something\":\"new\"}", b.next(), "b got nothing before: the event was not selected");
        }
    }

    @Test
    void keepsEnvironmentsApart() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EssTestClient pc = EssTestClient.connectReady(server, 6);
                EssTestClient ps4 = EssTestClient.connect(server.uri(Environment.PS2PS4EU, "s:example"))) {
            assertTrue(server.awaitConnections(2, EssTestClient.WAIT));
            String all = "{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"all\"],"
                    + "\"worlds\":[\"all\"],\"characters\":[\"all\"]}";
            pc.send(all);
            pc.nextMatching(m -> m instanceof SubscriptionReply);
            ps4.send(all);
            ps4.nextMatching(m -> m instanceof SubscriptionReply);
            assertEquals(1, server.publish(TestEvents.facilityControl(2000)));
            assertEquals(1, server.publish(TestEvents.facilityControl(10)));
            assertEquals(2, server.publish(TestEvents.facilityControl(101)), "an unknown world goes everywhere");
        }
    }

    @Test
    void closeIsIdempotentAndReleasesWaitingThreads() throws Exception {
        FakeEssServer server = FakeEssServer.start();
        CompletableFuture<ClientMessage> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return server.takeClientMessage(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        CompletableFuture<Boolean> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                return server.awaitConnections(1, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        server.close();
        server.close();
        assertNull(taken.get(5, TimeUnit.SECONDS));
        assertFalse(awaited.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingTheServerClosesClientsWithGoingAway() throws Exception {
        FakeEssServer server = FakeEssServer.start();
        EssTestClient c = EssTestClient.connectReady(server, 6);
        server.close();
        assertEquals(1001, c.closeCode.get());
        c.close();
    }

    static int handshakeStatus(URI uri) {
        CompletionException e = assertThrows(CompletionException.class, () -> EssTestClient.connect(uri));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertNotNull(h.getResponse());
        return h.getResponse().statusCode();
    }
}
