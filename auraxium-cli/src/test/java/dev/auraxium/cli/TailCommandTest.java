package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.SyntheticStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tail} against a FakeEssServer over real sockets. */
@Timeout(60)
class TailCommandTest {
    private static final EssCodec CODEC = EssCodec.standard();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int[] PC = Environment.PS2.worlds().stream().mapToInt(Integer::intValue).toArray();

    private static List<String> frames(long seed, int n) {
        return SyntheticStream.builder().seed(seed).worlds(PC).build().stream(n).toList();
    }

    private static Event event(String frame) {
        return ((dev.auraxium.protocol.ServiceMessage) CODEC.decodeServerMessage(frame)).event();
    }

    @Test
    void printsExactlyTheEventsItsFiltersMatch() throws Exception {
        List<String> frames = frames(21, 3000);
        Set<Integer> worlds = Set.of(17, 40);
        List<Event> expected = frames.stream().map(TailCommandTest::event)
                .filter(e -> (e instanceof Death || e instanceof PlayerLogin) && worlds.contains(e.worldId()))
                .toList();
        assertTrue(expected.size() > 20, "the stream must exercise the filter");
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = new CliRun().start("tail", "--endpoint", server.uri().toString(), "--events", "Death,playerlogin",
                    "--worlds", "emerald,40", "--format", "decoded-json", "--max-events", Integer.toString(expected.size()));
            tail.err.await("tail: connected", WAIT);
            frames.forEach(server::publish);
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);

            List<Event> printed = tail.out.text().lines().map(CODEC::decodeEvent).toList();
            assertEquals(expected, printed);
            assertTrue(Pattern.compile("tail: " + expected.size() + " events in [0-9.]+ s \\([0-9.]+ events/s\\)")
                    .matcher(tail.err.text()).find(), tail.err.text());
        }
    }

    @Test
    void allIncludesKindsThisVersionDoesNotKnowAndTextIsReadable() throws Exception {
        String future = "{\"payload\":{\"character_id\":\"5428011263300000001\",\"event_name\":\"FutureEvent\","
                + "\"timestamp\":\"1730180177\",\"world_id\":\"17\",\"shiny\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        List<String> frames = frames(5, 20);
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = new CliRun().start("tail", "--endpoint", server.uri().toString(), "--max-events", "21");
            tail.err.await("tail: connected", WAIT);
            server.publish(future);
            frames.forEach(server::publish);
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);
            List<String> lines = tail.out.text().lines().toList();
            assertEquals(21, lines.size(), tail.out.text());
            assertEquals("2024-10-29T05:36:17Z FutureEvent world=17 character_id=5428011263300000001 shiny=1", lines.get(0));
            Event first = event(frames.get(0));
            assertTrue(lines.get(1).startsWith(first.timestamp() + " " + first.eventName() + " world=" + first.worldId() + " "),
                    lines.get(1));
        }
    }

    @Test
    void stopsAtItsDurationWithASummaryEvenWithoutEvents() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = CliRun.run(Map.of(), "tail", "--endpoint", server.uri().toString(), "--duration", "300ms",
                    "--format", "none");
            assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
            assertTrue(tail.err.text().contains("tail: 0 events in"), tail.err.text());
            assertEquals("", tail.out.text());
        }
    }

    /** Waits until the server has taken a subscribe from the client (it is in effect then). */
    private static void awaitSubscribe(FakeEssServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ClientMessage m = server.takeClientMessage(Duration.ofMillis(200));
            if (m != null && m.command().orElse(null) instanceof Subscribe s && !s.isProbe()) {
                return;
            }
        }
        throw new AssertionError("no subscribe reached the server: " + server.clientMessages());
    }

    @Test
    void stopsAtMaxEventsWithExitZeroWhenTheServerNeverConfirmsTheSubscription() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            server.faults().withholdSubscriptionReplies();
            CliRun tail = new CliRun().start("tail", "--endpoint", server.uri().toString(), "--events", "PlayerLogin",
                    "--format", "decoded-json", "--max-events", "17", "--connect-timeout", "30s");
            awaitSubscribe(server);
            for (int i = 0; i < 17; i++) {
                assertEquals(1, server.publish(new PlayerLogin(Instant.ofEpochSecond(1_730_180_177L), 1,
                        5428011263300000001L + i)));
            }
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);
            assertEquals(17, tail.out.text().lines().count(), tail.out.text());
            String err = tail.err.text();
            assertTrue(err.contains("tail: the server never confirmed the subscription"), err);
            assertTrue(err.contains("tail: 17 events in"), err);
        }
    }

    @Test
    void stopsAtItsDurationWithExitZeroWhenTheServerNeverConfirmsTheSubscription() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            server.faults().withholdSubscriptionReplies();
            CliRun tail = CliRun.run(Map.of(), "tail", "--endpoint", server.uri().toString(), "--duration", "1s",
                    "--format", "none", "--connect-timeout", "30s");
            assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
            String err = tail.err.text();
            assertTrue(err.contains("the server has not confirmed the subscription, printing what it sends"), err);
            assertTrue(err.contains("tail: the server never confirmed the subscription"), err);
            assertTrue(err.contains("tail: 0 events in"), err);
        }
    }

    @Test
    void saysNothingAboutConfirmationWhenTheServerConfirms() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = CliRun.run(Map.of(), "tail", "--endpoint", server.uri().toString(), "--duration", "300ms",
                    "--format", "none");
            assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
            assertFalse(tail.err.text().contains("confirm"), tail.err.text());
        }
    }

    @Test
    void reportsARejectedServiceIdWithExitCodeThreeWithoutPrintingIt() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().acceptServiceIds("s:good").start()) {
            CliRun tail = CliRun.run(Map.of("AURAXIUM_SERVICE_ID", "s:secretservice123"), "tail", "--endpoint",
                    server.uri().toString(), "--duration", "5s", "--ready-timeout", "3s");
            assertEquals(Main.EXIT_CONNECTION, tail.exitCode(), () -> "err:\n" + tail.err);
            String err = tail.err.text();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("HTTP 403"), err);
            assertTrue(err.contains("s:se…(16 chars)"), err);
            assertTrue(!err.contains("secretservice123"), err);
        }
    }

    @Test
    void reportsAnUnreachableEndpointWithExitCodeThree() throws Exception {
        int port;
        try (FakeEssServer server = FakeEssServer.start()) {
            port = server.port();
        }
        CliRun tail = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:" + port + "/streaming", "--ready-timeout", "2s");
        assertEquals(Main.EXIT_CONNECTION, tail.exitCode(), () -> "err:\n" + tail.err);
        // before it, each failed attempt may show as a one-line WARNING record; the last line says why it stopped
        List<String> lines = tail.err.text().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("auraxium tail: cannot connect to ws://127.0.0.1:" + port), tail.err.text());
        assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.startsWith("auraxium: WARNING ")), tail.err.text());
    }

    @Test
    void theJsonFormatIsNamedForWhatItPrintsAndPlainJsonSaysWhereTheRawFramesAre() {
        CliRun json = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--format", "json");
        assertEquals(Main.EXIT_USAGE, json.exitCode(), () -> "err:\n" + json.err);
        List<String> lines = json.err.text().lines().toList();
        assertEquals(1, lines.size(), json.err.text());
        assertTrue(lines.get(0).contains("decoded-json") && lines.get(0).contains("auraxium record"), lines.get(0));
        String help = CliRun.run("tail", "--help").out.text();
        assertTrue(help.contains("decoded-json") && help.contains("not the frame's raw text"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "jdk"})
    void eitherTransportPrintsTheSameEvents(String transport) throws Exception {
        List<String> frames = frames(33, 500);
        List<Event> expected = frames.stream().map(TailCommandTest::event).toList();
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = new CliRun().start("tail", "--endpoint", server.uri().toString(), "--transport", transport,
                    "--format", "decoded-json", "--max-events", Integer.toString(expected.size()));
            tail.err.await("tail: connected", WAIT);
            frames.forEach(server::publish);
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);
            assertEquals(expected, tail.out.text().lines().map(CODEC::decodeEvent).toList());
        }
    }

    @Test
    void anUnknownTransportIsAUsageErrorOnOneLine() {
        CliRun tail = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--transport", "okhttp");
        assertEquals(Main.EXIT_USAGE, tail.exitCode(), () -> "err:\n" + tail.err);
        List<String> lines = tail.err.text().lines().toList();
        assertEquals(1, lines.size(), tail.err.text());
        assertTrue(lines.get(0).contains("okhttp") && lines.get(0).contains("socket") && lines.get(0).contains("jdk"),
                lines.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--transport=jdk --read-coalescing=20ms", "--read-coalescing=5s",
        "--read-coalescing=soon"})
    void aWrongReadCoalescingIsAUsageErrorOnOneLine(String options) {
        List<String> args = new ArrayList<>(List.of("tail", "--endpoint", "ws://127.0.0.1:1/streaming"));
        args.addAll(List.of(options.split(" ")));
        CliRun tail = CliRun.run(args.toArray(String[]::new));
        assertEquals(Main.EXIT_USAGE, tail.exitCode(), () -> "err:\n" + tail.err);
        List<String> lines = tail.err.text().lines().toList();
        assertEquals(1, lines.size(), tail.err.text());
        assertTrue(lines.get(0).contains("read-coalescing") || lines.get(0).contains("soon"), lines.get(0));
    }
}
