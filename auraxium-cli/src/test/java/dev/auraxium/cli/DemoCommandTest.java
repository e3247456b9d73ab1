package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.testkit.Recording;
import dev.auraxium.testkit.SyntheticStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo over real sockets: embedded fake ESS, JDK transport, EventClient, triggers. */
@Timeout(60)
class DemoCommandTest {

    /** What the demo replays, generated again here so the figures can be checked against it. */
    private static List<Event> expectedEvents(long seed, int count, double rate) {
        int[] pc = Environment.PS2.worlds().stream().mapToInt(Integer::intValue).toArray();
        Recording r = SyntheticStream.builder().seed(seed).eventsPerSecond(rate).worlds(pc).characters(400).build().toRecording(count);
        return r.events();
    }

    @Test
    void replaysToTheEndAndItsFiguresMatchTheStream() throws Exception {
        CliRun r = CliRun.run("demo", "--speed", "max", "--seed", "7", "--count", "2500", "--rate", "150",
                "--view", "plain", "--refresh", "200ms");
        assertEquals(0, r.exitCode(), () -> "err:\n" + r.err + "\nout:\n" + r.out);
        String out = r.out.text();

        List<Event> events = expectedEvents(7, 2500, 150);
        long deaths = events.stream().filter(e -> e instanceof Death).count();
        long headshots = events.stream().filter(e -> e instanceof Death d && d.isHeadshot()).count();
        long xpTicks = events.stream().filter(e -> e instanceof GainExperience).count();
        Map<Integer, Long> byWorld = new TreeMap<>();
        events.stream().filter(e -> e instanceof Death).forEach(e -> byWorld.merge(e.worldId(), 1L, Long::sum));
        assertTrue(deaths > 50, "the sample needs kills to be a test");

        assertEquals(deaths, figure(out, "kills:\\s+(\\d+)"), out);
        assertEquals(headshots, figure(out, "headshots:\\s+(\\d+)"), out);
        assertEquals(xpTicks, figure(out, "xp ticks:\\s+(\\d+)"), out);
        assertEquals(events.size(), figure(out, "events:\\s+(\\d+)"), out);
        for (Map.Entry<Integer, Long> w : byWorld.entrySet()) {
            String name = Map.of(1, "Connery", 10, "Miller", 13, "Cobalt", 17, "Emerald", 19, "Jaeger", 40, "SolTech")
                    .get(w.getKey());
            assertTrue(Pattern.compile("by world:.* " + name + "=" + w.getValue() + "\\b").matcher(out).find(),
                    () -> "kills on world " + w.getKey() + " should be " + w.getValue() + ":\n" + out);
        }
        Map<Long, Long> byKiller = new java.util.HashMap<>();
        events.stream().filter(e -> e instanceof Death d && !d.isSuicide() && d.attackerCharacterId() != 0)
                .forEach(e -> byKiller.merge(((Death) e).attackerCharacterId(), 1L, Long::sum));
        long most = byKiller.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Matcher top = Pattern.compile("top killers: (\\d+)=(\\d+)").matcher(out.substring(out.lastIndexOf("top killers")));
        assertTrue(top.find(), out);
        assertEquals(most, Long.parseLong(top.group(2)), out);
        assertEquals(most, byKiller.get(Long.parseLong(top.group(1))), out);
        // the figures on stdout; the status and summary lines on stderr, as for every command
        String err = r.err.text();
        assertTrue(err.startsWith("auraxium demo: 2500 synthetic events (seed 7)"), err);
        assertTrue(err.contains("demo: done, " + events.size() + " events sent, " + events.size() + " received, 0 decode errors"), err);
        assertFalse(out.contains("demo: done"), out);
        assertFalse(out.contains("\033["), "no ANSI escapes when not on a terminal");
    }

    @Test
    void stopsAtItsDurationAndStillExitsZero() throws Exception {
        CliRun r = new CliRun().start("demo", "--speed", "1", "--count", "100000", "--duration", "1500ms",
                "--view", "plain", "--refresh", "300ms");
        assertEquals(0, r.exitCode(Duration.ofSeconds(30)), () -> "err:\n" + r.err);
        String out = r.out.text();
        assertTrue(out.contains("replay"), out);
        long events = figure(out, "events:\\s+(\\d+)");
        assertTrue(events > 0 && events < 100000, "a partial replay: " + events);
    }

    @Test
    void redrawsInPlaceWithAnsiWhenAskedTo() throws Exception {
        CliRun r = CliRun.run("demo", "--speed", "1", "--count", "300", "--rate", "300", "--view", "ansi",
                "--refresh", "200ms");
        assertEquals(0, r.exitCode(), () -> "err:\n" + r.err);
        String out = r.out.text();
        assertTrue(out.contains("\033[9F\033[J"), "moves up over the 9-line block and clears it: " + out);
        assertEquals(300, figure(out, "events:\\s+(\\d+)"), out);
    }

    private static long figure(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        if (last < 0) {
            throw new AssertionError("no " + regex + " in:\n" + text);
        }
        return last;
    }
}
