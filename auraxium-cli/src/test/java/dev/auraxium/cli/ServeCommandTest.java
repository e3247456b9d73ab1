package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.testkit.SyntheticStream;
import dev.auraxium.testsupport.TextMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} as a client in another language sees it: the peer here is the JDK's own
 * {@code java.net.http.WebSocket} and hand-written JSON, none of our client code.
 */
@Timeout(60)
class ServeCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Collects whole text messages; asks for one more after each; reads them as JSON. */
    private static final class Inbox extends TextMessages {
        int heartbeats;

        JsonNode next() throws Exception {
            return JSON.readTree(next(WAIT));
        }

        /** The next message that is not a heartbeat or an endpoint state change. */
        JsonNode nextReply() throws Exception {
            while (true) {
                JsonNode n = next();
                String type = n.path("type").asText("");
                if (type.equals("heartbeat")) {
                    heartbeats++;
                } else if (!type.equals("serviceStateChanged")) {
                    return n;
                }
            }
        }
    }

    @Test
    void answersTheEssProtocolToAPlainJdkWebSocketClient() throws Exception {
        CliRun serve = new CliRun().start("serve", "--synthetic", "--seed", "3", "--count", "600", "--port", "0",
                "--speed", "max", "--heartbeat-interval", "200ms", "--duration", "50s");
        Matcher m = Pattern.compile("listening on (ws://\\S+)").matcher(serve.err.await("listening on", WAIT));
        assertTrue(m.find());
        URI uri = URI.create(m.group(1) + "?environment=ps2&service-id=s:anyclient");

        // The synthetic stream the server replays, made again here: the Deaths on PC worlds are
        // what a ps2 connection subscribed to Death everywhere must get, in order.
        List<Event> events = SyntheticStream.builder().seed(3).eventsPerSecond(150).build().toRecording(600).events();
        List<String> expectedDeaths = events.stream()
                .filter(e -> e.eventName().equals("Death") && Environment.PS2.worlds().contains(e.worldId()))
                .map(e -> e.timestamp().getEpochSecond() + "/" + ((dev.auraxium.event.Death) e).characterId())
                .toList();
        assertTrue(expectedDeaths.size() > 5, "the stream needs Deaths");

        Inbox inbox = new Inbox();
        HttpClient http = HttpClient.newHttpClient();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, inbox).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            JsonNode connected = inbox.next();
            assertEquals("connectionStateChanged", connected.path("type").asText());
            assertEquals("true", connected.path("connected").asText());
            assertTrue(inbox.nextReply().has("send this for help"), "the help prompt follows");

            ws.sendText("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"Death\"],"
                    + "\"characters\":[\"all\"],\"worlds\":[\"all\"]}", true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode reply = inbox.nextReply().path("subscription");
            assertEquals("Death", reply.path("eventNames").get(0).asText(), reply.toString());
            assertEquals("[\"all\"]", reply.path("characters").toString(), reply.toString());

            for (String expected : expectedDeaths) {
                JsonNode frame = inbox.nextReply();
                assertEquals("serviceMessage", frame.path("type").asText(), frame.toString());
                JsonNode p = frame.path("payload");
                assertEquals("Death", p.path("event_name").asText(), frame.toString());
                assertEquals(expected, p.path("timestamp").asText() + "/" + p.path("character_id").asText());
            }

            ws.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"hello\":\"there\"}}", true);
            assertEquals("there", inbox.nextReply().path("hello").asText(), "echo comes back; no stray event before it");
            while (inbox.heartbeats == 0) {
                if (inbox.next().path("type").asText().equals("heartbeat")) {
                    inbox.heartbeats++;
                }
            }
        } finally {
            ws.abort();
        }
        assertEquals(0, serve.interruptAndWait(WAIT), () -> "err:\n" + serve.err);
        String out = serve.err.text();
        assertTrue(out.contains("subscribed: replaying"), out);
        assertTrue(out.contains("serve: stopped after"), out);
        assertEquals("", serve.out.text(), "serve's status lines go to standard error, like tail's and record's");
    }

    @Test
    void loopsTheStreamForEachConnectionWhenAsked() throws Exception {
        CliRun serve = new CliRun().start("serve", "--synthetic", "--seed", "8", "--count", "40", "--port", "0",
                "--speed", "max", "--loop", "--duration", "50s");
        Matcher m = Pattern.compile("listening on (ws://\\S+)").matcher(serve.err.await("listening on", WAIT));
        assertTrue(m.find());
        List<Event> once = SyntheticStream.builder().seed(8).eventsPerSecond(150).build().toRecording(40).events()
                .stream().filter(e -> !Environment.PS2PS4US.worlds().contains(e.worldId())
                        && !Environment.PS2PS4EU.worlds().contains(e.worldId()))
                .toList();
        int n = once.size();
        CliRun tail = CliRun.run("tail", "--endpoint", m.group(1), "--format", "decoded-json", "--max-events",
                Integer.toString(2 * n + 1));
        assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
        List<Event> got = tail.out.text().lines().map(dev.auraxium.protocol.EssCodec.standard()::decodeEvent).toList();
        assertEquals(once, got.subList(0, n));
        assertEquals(once, got.subList(n, 2 * n));
        assertEquals(once.get(0), got.get(2 * n));
        assertEquals(0, serve.interruptAndWait(WAIT), () -> "err:\n" + serve.err);
    }

    @Test
    void sharesOneStreamBetweenConnectionsWhenAsked() throws Exception {
        CliRun serve = new CliRun().start("serve", "--synthetic", "--seed", "4", "--count", "200", "--rate", "400",
                "--port", "0", "--speed", "1", "--shared", "--loop", "--duration", "50s");
        Matcher m = Pattern.compile("listening on (ws://\\S+)").matcher(serve.err.await("listening on", WAIT));
        assertTrue(m.find());
        List<Event> stream = SyntheticStream.builder().seed(4).eventsPerSecond(400).build().toRecording(200).events();
        CliRun tail = CliRun.run("tail", "--endpoint", m.group(1), "--format", "decoded-json", "--max-events", "30");
        assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
        List<Event> got = tail.out.text().lines().map(dev.auraxium.protocol.EssCodec.standard()::decodeEvent).toList();
        assertEquals(30, got.size());
        assertTrue(stream.containsAll(got), "every event comes from the replayed stream");
        assertEquals(0, serve.interruptAndWait(WAIT), () -> "err:\n" + serve.err);
        assertTrue(serve.err.text().contains("one stream shared by every connection"), serve.err.text());
    }
}
