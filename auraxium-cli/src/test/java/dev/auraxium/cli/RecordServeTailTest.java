package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.SyntheticStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The three network commands together: what {@code record} writes, {@code serve} gives back to {@code tail}. */
@Timeout(60)
class RecordServeTailTest {
    private static final EssCodec CODEC = EssCodec.standard();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on (ws://\\S+)");

    private static Event event(String frame) {
        return ((ServiceMessage) CODEC.decodeServerMessage(frame)).event();
    }

    @Test
    void recordThenServeThenTailGivesBackTheSameEvents(@TempDir Path dir) throws Exception {
        int[] pc = Environment.PS2.worlds().stream().mapToInt(Integer::intValue).toArray();
        List<String> frames = SyntheticStream.builder().seed(99).worlds(pc).build().stream(400).toList();
        List<Event> published = frames.stream().map(RecordServeTailTest::event).toList();
        List<Event> kept = published.subList(0, 300);
        Path file = dir.resolve("capture.jsonl");

        try (FakeEssServer source = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(100)).start()) {
            CliRun record = new CliRun().start("record", "--endpoint", source.uri().toString(), "--out", file.toString(),
                    "--max-events", "300");
            record.err.await("record: subscribed", WAIT);
            frames.forEach(source::publish);
            assertEquals(0, record.exitCode(WAIT), () -> "err:\n" + record.err);
            assertTrue(record.err.text().contains("record: 300 events in"), record.err.text());
        }
        Recording recording = Recording.load(file);
        assertEquals(kept, recording.events(), "the file holds the events as they came, in order");
        assertTrue(recording.hasOffsets(), "each frame keeps its receive time");

        CliRun serve = new CliRun().start("serve", "--replay", file.toString(), "--port", "0", "--speed", "max",
                "--duration", "50s");
        Matcher m = LISTENING.matcher(serve.err.await("listening on", WAIT));
        assertTrue(m.find(), serve.err.text());
        String uri = m.group(1);

        CliRun all = CliRun.run("tail", "--endpoint", uri, "--format", "decoded-json", "--max-events", "300");
        assertEquals(0, all.exitCode(), () -> "err:\n" + all.err);
        assertEquals(kept, all.out.text().lines().map(CODEC::decodeEvent).toList());

        // A second client, with a filter, gets the stream from its start too, filtered by the server.
        List<Event> deaths = kept.stream().filter(e -> e instanceof Death && e.worldId() == 17).toList();
        CliRun some = CliRun.run("tail", "--endpoint", uri, "--format", "decoded-json", "--events", "Death", "--worlds", "17",
                "--max-events", Integer.toString(deaths.size()));
        assertEquals(0, some.exitCode(), () -> "err:\n" + some.err);
        assertEquals(deaths, some.out.text().lines().map(CODEC::decodeEvent).toList());

        assertEquals(0, serve.interruptAndWait(WAIT), () -> "err:\n" + serve.err);
        assertTrue(serve.err.text().contains("connections"), serve.err.text());
    }
}
