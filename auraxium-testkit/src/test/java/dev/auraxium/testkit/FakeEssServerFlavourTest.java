package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.SubscriptionReply;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What differs between the flavours, each through the JDK's WebSocket against the real server. */
@Timeout(60)
class FakeEssServerFlavourTest {
    private static final EssCodec CODEC = EssCodec.standard();
    private static final String SUBSCRIBE = "{\"service\":\"event\",\"action\":\"subscribe\"";
    private static final List<String> PC = List.of("EventServerEndpoint_Connery_1", "EventServerEndpoint_Miller_10",
            "EventServerEndpoint_Cobalt_13", "EventServerEndpoint_Emerald_17", "EventServerEndpoint_Jaeger_19",
            "EventServerEndpoint_Soltech_40");

    private static FakeEssServer server(EssFlavour flavour) {
        return FakeEssServer.builder().flavour(flavour).start();
    }

    private static SubscriptionReply subscribe(EssTestClient c, String fields) throws InterruptedException {
        c.send(SUBSCRIBE + fields + "}");
        return assertInstanceOf(SubscriptionReply.class, c.nextMatching(m -> m instanceof SubscriptionReply));
    }

    /** Sends an echo and asserts that it is the next thing the server says: what came before got no reply. */
    private static void assertNoReplyBefore(EssTestClient c, String marker) throws InterruptedException {
        c.send("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"marker\":\"" + marker + "\"}}");
        String next;
        do {
            next = c.next();
        } while (CODEC.decodeServerMessage(next) instanceof Heartbeat);
        assertEquals("{\"marker\":\"" + marker + "\"}", next, "the command before the echo got no reply");
    }

    @Test
    void daybreakIsTheDefault() {
        try (FakeEssServer server = FakeEssServer.start()) {
            assertEquals(EssFlavour.DAYBREAK, server.flavour());
        }
    }

    // ------------------------------------------------------------------ "all" in the character set

    @Test
    void nssRendersAnyCharacterSetHoldingAllAsTheLiteralAll() throws Exception {
        try (FakeEssServer server = server(EssFlavour.NSS); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            c.send(SUBSCRIBE + ",\"characters\":[\"all\",\"" + ALICE + "\"],\"eventNames\":[\"Death\",\"PlayerLogin\"]}");
            String raw = c.next();
            assertTrue(raw.contains("\"characters\":[\"all\"]"), raw);
            SubscriptionReply r = assertInstanceOf(SubscriptionReply.class, CODEC.decode(raw));
            assertEquals(Optional.of(List.of("all")), r.characters());
            assertEquals(Set.of("all", Long.toString(ALICE)), server.connections().get(0).subscription().characters(),
                    "the server still holds both");
        }
    }

    @Test
    void nssAnswersListCharactersWithAllEvenForExplicitIds() throws Exception {
        try (FakeEssServer server = server(EssFlavour.NSS); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            SubscriptionReply listed = subscribe(c, ",\"characters\":[\"" + ALICE + "\"],\"list_characters\":true");
            assertEquals(Optional.of(List.of("all")), listed.characters());
            SubscriptionReply probe = subscribe(c, "");
            assertEquals(OptionalInt.of(1), probe.characterCount());
        }
    }

    @Test
    void daybreakListsTheWholeCharacterSetHoldingAll() throws Exception {
        try (FakeEssServer server = server(EssFlavour.DAYBREAK); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            SubscriptionReply r = subscribe(c, ",\"characters\":[\"all\",\"" + ALICE + "\"],\"eventNames\":[\"Death\"]");
            assertEquals(Set.of("all", Long.toString(ALICE)), Set.copyOf(r.characters().orElseThrow()));
            assertEquals(OptionalInt.empty(), r.characterCount());
        }
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void everyFlavourCountsExplicitCharacters(EssFlavour flavour) throws Exception {
        try (FakeEssServer server = server(flavour); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            SubscriptionReply r = subscribe(c, ",\"characters\":[\"" + ALICE + "\",\"2\"],\"eventNames\":[\"Death\"]");
            assertEquals(Optional.empty(), r.characters());
            assertEquals(OptionalInt.of(2), r.characterCount());
        }
    }

    // ------------------------------------------------------------------ list order

    @Test
    void nssKeepsListsInInsertionOrder() throws Exception {
        try (FakeEssServer server = server(EssFlavour.NSS); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            subscribe(c, ",\"worlds\":[\"40\",\"1\",\"17\"],\"eventNames\":[\"PlayerLogin\",\"Death\"]");
            SubscriptionReply r = subscribe(c, ",\"worlds\":[\"10\",\"1\"],\"eventNames\":[\"FacilityControl\"]");
            assertEquals(List.of("40", "1", "17", "10"), r.worlds());
            assertEquals(List.of("PlayerLogin", "Death", "FacilityControl"), r.eventNames());
        }
    }

    @Test
    void daybreakReordersListsByTheirElementsOnly() throws Exception {
        List<String> worlds = List.of("1", "10", "13", "17", "19", "40", "1000", "2000");
        List<String> reversed = new ArrayList<>(worlds);
        Collections.reverse(reversed);
        try (FakeEssServer server = server(EssFlavour.DAYBREAK);
                EssTestClient a = EssTestClient.connectReady(server, 6);
                EssTestClient b = EssTestClient.connectReady(server, 6)) {
            List<String> fromA = subscribe(a, ",\"worlds\":" + json(worlds)).worlds();
            List<String> fromB = subscribe(b, ",\"worlds\":" + json(reversed)).worlds();
            assertEquals(new TreeSet<>(worlds), new TreeSet<>(fromA), "the same elements");
            assertNotEquals(worlds, fromA, "not the order sent");
            assertNotEquals(reversed, fromB, "not the order sent");
            assertNotEquals(worlds.stream().sorted().toList(), fromA, "not sorted either");
            assertEquals(fromA, fromB, "an order that depends only on the elements");
            assertEquals(fromA, subscribe(a, "").worlds(), "and stays the same from reply to reply");
        }
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    // ------------------------------------------------------------------ endpoints and environments

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void eachEnvironmentIsToldAboutItsOwnEndpointsSpelledAsLive(EssFlavour flavour) throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().flavour(flavour).firstHeartbeatAfter(Duration.ZERO).start()) {
            assertEquals(PC, FakeEssServer.DEFAULT_ENDPOINTS);
            assertEquals(PC, endpointsSeen(server, Environment.PS2, 6));
            assertEquals(List.of("EventServerEndpoint_Genudine_1000"), endpointsSeen(server, Environment.PS2PS4US, 1));
            assertEquals(List.of("EventServerEndpoint_Ceres_2000"), endpointsSeen(server, Environment.PS2PS4EU, 1));
        }
    }

    /** The endpoints of the serviceStateChanged messages on connect, checked against the first heartbeat. */
    private static List<String> endpointsSeen(FakeEssServer server, Environment env, int n) throws Exception {
        try (EssTestClient c = EssTestClient.connect(server.uri(env, "s:example"))) {
            c.next();
            c.next();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seen.add(assertInstanceOf(ServiceStateChanged.class, c.nextMessage()).detail());
            }
            Heartbeat h = assertInstanceOf(Heartbeat.class, c.nextMessage(), "no further serviceStateChanged");
            assertEquals(new TreeSet<>(seen), new TreeSet<>(h.online().keySet()));
            return seen;
        }
    }

    @Test
    void anEndpointGoesToTheEnvironmentOfItsWorldIdInEitherNameFormAndAnOldWorldEverywhere() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().endpoints(java.util.Map.of()).firstHeartbeatAfter(Duration.ZERO)
                .endpoint("EventServerEndpoint_2000_Ceres", true).endpoint("EventServerEndpoint_Briggs_25", true)
                .endpoint("EventServerEndpoint_Miller_10", true).start()) {
            assertEquals(List.of("EventServerEndpoint_Briggs_25", "EventServerEndpoint_Miller_10"),
                    endpointsSeen(server, Environment.PS2, 2));
            assertEquals(List.of("EventServerEndpoint_2000_Ceres", "EventServerEndpoint_Briggs_25"),
                    endpointsSeen(server, Environment.PS2PS4EU, 2));
            assertEquals(List.of("EventServerEndpoint_Briggs_25"), endpointsSeen(server, Environment.PS2PS4US, 1));
        }
    }

    @Test
    void serviceStateChangesGoOnlyToTheEnvironmentOfTheEndpoint() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EssTestClient pc = EssTestClient.connectReady(server, 6);
                EssTestClient eu = EssTestClient.connect(server.uri(Environment.PS2PS4EU, "s:example"))) {
            for (int i = 0; i < 3; i++) {
                eu.next();
            }
            server.setEndpointOnline("EventServerEndpoint_Ceres_2000", false);
            server.setEndpointOnline("EventServerEndpoint_Miller_10", false);
            assertEquals(new ServiceStateChanged("EventServerEndpoint_Ceres_2000", false), eu.nextMessage());
            assertEquals(new ServiceStateChanged("EventServerEndpoint_Miller_10", false), pc.nextMessage(),
                    "the PC connection was not told about Ceres");
        }
    }

    @Test
    void nssAcceptsEnvironmentAllWithEveryWorldOnOneConnection() throws Exception {
        try (FakeEssServer server = server(EssFlavour.NSS);
                EssTestClient all = EssTestClient.connect(URI.create(server.uri() + "?environment=all&service-id=s:example"));
                EssTestClient pc = EssTestClient.connectReady(server, 6)) {
            all.next();
            all.next();
            List<String> endpoints = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                endpoints.add(assertInstanceOf(ServiceStateChanged.class, all.nextMessage()).detail());
            }
            assertTrue(endpoints.containsAll(PC), endpoints.toString());
            assertTrue(endpoints.containsAll(List.of("EventServerEndpoint_Genudine_1000", "EventServerEndpoint_Ceres_2000")));
            String everything = ",\"eventNames\":[\"all\"],\"worlds\":[\"all\"],\"characters\":[\"all\"]";
            subscribe(all, everything);
            subscribe(pc, everything);
            assertTrue(server.connections().stream().anyMatch(ConnectionSnapshot::allEnvironments));

            assertEquals(1, server.publish(TestEvents.facilityControl(1000)), "world 1000 only on the all connection");
            assertEquals(2, server.publish(TestEvents.facilityControl(10)));
            ServiceMessage ps4 = assertInstanceOf(ServiceMessage.class, all.nextMessage());
            assertEquals(1000, ps4.event().worldId());
            assertEquals(10, assertInstanceOf(ServiceMessage.class, all.nextMessage()).event().worldId());
            assertEquals(10, assertInstanceOf(ServiceMessage.class, pc.nextMessage()).event().worldId());
        }
    }

    @Test
    void daybreakRefusesEnvironmentAllLikeAnUnknownEnvironment() {
        try (FakeEssServer server = server(EssFlavour.DAYBREAK)) {
            assertEquals(403, FakeEssServerTest.handshakeStatus(URI.create(server.uri() + "?environment=all&service-id=s:example")));
            assertEquals(403, FakeEssServerTest.handshakeStatus(URI.create(server.uri() + "?service-id=s:example")),
                    "and a missing environment");
        }
    }

    @Test
    void nssTakesAMissingEnvironmentAsPc() throws Exception {
        try (FakeEssServer server = server(EssFlavour.NSS);
                EssTestClient c = EssTestClient.connect(URI.create(server.uri() + "?service-id=s:example"))) {
            c.next();
            c.next();
            for (String endpoint : PC) {
                assertEquals(endpoint, assertInstanceOf(ServiceStateChanged.class, c.nextMessage()).detail());
            }
            assertEquals(Environment.PS2, server.connections().get(0).environment());
            assertFalse(server.connections().get(0).allEnvironments());
        }
    }

    // ------------------------------------------------------------------ heartbeats

    @Test
    void nssHeartbeatKeysComeInTheOrderItWritesThem() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().flavour(EssFlavour.NSS).firstHeartbeatAfter(Duration.ZERO).start();
                EssTestClient c = EssTestClient.connectReady(server, 6)) {
            String raw = c.next();
            assertInstanceOf(Heartbeat.class, CODEC.decode(raw));
            assertTrue(raw.matches("\\{\"online\":\\{[^}]*},\"timestamp\":\"\\d+\",\"service\":\"event\",\"type\":\"heartbeat\"}"), raw);
            assertEquals(PC, keysInOrder(raw), "world order, as configured");
        }
    }

    @Test
    void daybreakHeartbeatKeysAreSorted() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().flavour(EssFlavour.DAYBREAK).firstHeartbeatAfter(Duration.ZERO).start();
                EssTestClient c = EssTestClient.connectReady(server, 6)) {
            String raw = c.next();
            assertInstanceOf(Heartbeat.class, CODEC.decode(raw));
            assertTrue(raw.matches("\\{\"online\":\\{[^}]*},\"service\":\"event\",\"timestamp\":\"\\d+\",\"type\":\"heartbeat\"}"), raw);
            assertEquals(PC.stream().sorted().toList(), keysInOrder(raw));
        }
    }

    private static List<String> keysInOrder(String heartbeat) {
        String online = heartbeat.substring(heartbeat.indexOf("{\"Event") + 1, heartbeat.indexOf('}'));
        return java.util.Arrays.stream(online.split(",")).map(kv -> kv.substring(1, kv.indexOf("\":"))).toList();
    }

    @Test
    void nssSendsTheFirstHeartbeatASixthOfAnIntervalAfterConnecting() throws Exception {
        // 5 s of 30 s in the live service; with a 12 s interval, 2 s: well before one interval.
        try (FakeEssServer server = FakeEssServer.builder().flavour(EssFlavour.NSS)
                .heartbeatInterval(Duration.ofSeconds(12)).start()) {
            long connecting = System.nanoTime(); // before the server can open the connection
            try (EssTestClient c = EssTestClient.connectReady(server, 6)) {
                String raw = c.messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                long waited = System.nanoTime() - connecting;
                assertTrue(raw != null, "no heartbeat within 10 s although the interval is 12 s");
                assertInstanceOf(Heartbeat.class, CODEC.decode(raw));
                assertTrue(waited >= Duration.ofMillis(1500).toNanos(), "not before its phase: " + Duration.ofNanos(waited));
            }
        }
    }

    @Test
    void daybreakSendsHeartbeatsToEveryConnectionAtTheNodesPhase() throws Exception {
        Duration interval = Duration.ofSeconds(2);
        try (FakeEssServer server = FakeEssServer.builder().flavour(EssFlavour.DAYBREAK).heartbeatInterval(interval)
                .heartbeatPhase(Duration.ofMillis(700)).start();
                EssTestClient a = EssTestClient.connectReady(server, 6)) {
            assertEquals(Optional.of(Duration.ofMillis(700)), server.heartbeatPhase());
            assertInstanceOf(Heartbeat.class, a.nextMatching(m -> m instanceof Heartbeat));
            // b connects just after a's first heartbeat: a new connection does not start a new phase.
            // (Had b a phase of its own, e.g. a heartbeat soon after connecting, its first would come
            // about one interval before a's second.)
            try (EssTestClient b = EssTestClient.connectReady(server, 6)) {
                assertInstanceOf(Heartbeat.class, a.nextMatching(m -> m instanceof Heartbeat));
                long aSecond = System.nanoTime();
                assertInstanceOf(Heartbeat.class, b.nextMatching(m -> m instanceof Heartbeat));
                long bFirst = System.nanoTime();
                assertTrue(Math.abs(bFirst - aSecond) < interval.toNanos() / 2,
                        "b's first heartbeat came with a's second, not at a phase of its own: "
                                + Duration.ofNanos(bFirst - aSecond) + " apart");
            }
        }
    }

    @Test
    void daybreakDrawsAPhaseWithinTheIntervalUnlessTheFirstHeartbeatIsFixed() {
        Duration interval = Duration.ofMillis(500);
        try (FakeEssServer server = FakeEssServer.builder().heartbeatInterval(interval).start()) {
            Duration phase = server.heartbeatPhase().orElseThrow();
            assertFalse(phase.isNegative());
            assertTrue(phase.compareTo(interval) < 0, phase.toString());
        }
        try (FakeEssServer fixed = FakeEssServer.builder().firstHeartbeatAfter(Duration.ZERO).start();
                FakeEssServer nss = server(EssFlavour.NSS)) {
            assertEquals(Optional.empty(), fixed.heartbeatPhase());
            assertEquals(Optional.empty(), nss.heartbeatPhase());
        }
    }

    @Test
    void builderRefusesAPhaseOutsideTheInterval() {
        FakeEssServer.Builder b = FakeEssServer.builder().heartbeatInterval(Duration.ofSeconds(1))
                .heartbeatPhase(Duration.ofSeconds(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::start);
        assertTrue(e.getMessage().contains("PT1S"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.heartbeatPhase(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> b.flavour(null));
    }

    // ------------------------------------------------------------------ limits and bad types

    @Test
    void nssIgnoresTooLongListsAndStringBooleansOtherThanTrueAndFalse() throws Exception {
        List<String> tooMany = IntStream.rangeClosed(1, 501).mapToObj(Integer::toString).toList();
        try (FakeEssServer server = server(EssFlavour.NSS); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            subscribe(c, ",\"eventNames\":[\"Death\"],\"worlds\":[\"10\"]");
            c.send(SUBSCRIBE + ",\"worlds\":" + json(tooMany) + "}");
            assertNoReplyBefore(c, "1");
            c.send(SUBSCRIBE + ",\"eventNames\":[\"PlayerLogin\"],\"logicalAndCharactersWithWorlds\":\"1\"}");
            assertNoReplyBefore(c, "2");
            c.send(SUBSCRIBE + ",\"eventNames\":[\"PlayerLogin\"],\"list_characters\":\"0\"}");
            assertNoReplyBefore(c, "3");
            c.send(SUBSCRIBE + ",\"worlds\":\"13\"}");
            assertNoReplyBefore(c, "4");
            c.send("{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":\"1\"}");
            assertNoReplyBefore(c, "5");

            SubscriptionReply unchanged = subscribe(c, "");
            assertEquals(List.of("Death"), unchanged.eventNames());
            assertEquals(List.of("10"), unchanged.worlds());
            assertEquals(Optional.of(false), unchanged.logicalAndCharactersWithWorlds());
            assertEquals(12, server.clientMessages().size(),
                    "every ignored command is still recorded for the test, with the 5 echoes and 2 subscribes");
        }
    }

    @Test
    void nssCapsEachSetAt500Entries() throws Exception {
        List<String> first = IntStream.rangeClosed(1, 500).mapToObj(Integer::toString).toList();
        List<String> more = IntStream.rangeClosed(501, 510).mapToObj(Integer::toString).toList();
        try (FakeEssServer server = server(EssFlavour.NSS); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            assertEquals(first, subscribe(c, ",\"worlds\":" + json(first)).worlds(), "500 entries are accepted");
            SubscriptionReply r = subscribe(c, ",\"worlds\":" + json(more) + ",\"eventNames\":[\"Death\"]");
            assertEquals(first, r.worlds(), "further worlds are dropped silently");
            assertEquals(List.of("Death"), r.eventNames(), "the rest of the command still applies");
        }
    }

    @Test
    void daybreakSetsNoLimitAndReadsOneAndZeroAsBooleans() throws Exception {
        List<String> many = IntStream.rangeClosed(1, 501).mapToObj(Integer::toString).toList();
        try (FakeEssServer server = server(EssFlavour.DAYBREAK); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            assertEquals(501, subscribe(c, ",\"worlds\":" + json(many)).worlds().size());
            SubscriptionReply r = subscribe(c, ",\"logicalAndCharactersWithWorlds\":\"1\"");
            assertEquals(Optional.of(true), r.logicalAndCharactersWithWorlds());
        }
    }

    @ParameterizedTest
    @EnumSource(EssFlavour.class)
    void everyFlavourDeliversWhatTheSubscriptionSelects(EssFlavour flavour) throws Exception {
        try (FakeEssServer server = server(flavour); EssTestClient c = EssTestClient.connectReady(server, 6)) {
            subscribe(c, ",\"eventNames\":[\"PlayerLogin\"],\"characters\":[\"all\",\"" + ALICE + "\"]");
            assertEquals(1, server.publish(TestEvents.login(13, ALICE)));
            ServerMessage m = c.nextMatching(x -> x instanceof ServiceMessage);
            assertEquals(TestEvents.login(13, ALICE), ((ServiceMessage) m).event());
        }
    }
}
