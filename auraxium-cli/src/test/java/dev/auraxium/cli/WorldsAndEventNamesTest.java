package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.EventNames;
import dev.auraxium.event.World;
import dev.auraxium.testkit.FakeEssServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line uses the library's world and event-name lists, so help, errors and triggers agree. */
@Timeout(60)
class WorldsAndEventNamesTest {

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void helpAndTheBadWorldErrorListExactlyTheSameNames() {
        String names = World.namesForHelp();
        for (String command : new String[] {"tail", "record"}) {
            CliRun help = CliRun.run(command, "--help");
            assertTrue(oneLine(help.out.text()).contains("(" + names + ")"), help.out.text());
        }
        CliRun bad = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--worlds", "emrald");
        assertEquals(Main.EXIT_USAGE, bad.exitCode());
        String err = bad.err.text().strip();
        String expected = "bad world id 'emrald' (did you mean emerald?): expected a positive number or one of " + names;
        int at = err.indexOf(expected);
        assertTrue(at >= 0, err);
        assertFalse(err.substring(at + expected.length()).startsWith(","), "no name beyond the help's: " + err);
    }

    @Test
    void aMistypedEventNameGetsTheSameSuggestionAsATrigger() {
        CliRun bad = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--events", "Deaht");
        assertEquals(Main.EXIT_USAGE, bad.exitCode());
        assertTrue(bad.err.text().contains("unknown event name 'Deaht' (did you mean Death?)"), bad.err.text());
        assertTrue(bad.err.text().contains(String.join(", ", EventNames.known())), bad.err.text());
    }

    @Test
    void tailWarnsAboutWorldsTheEnvironmentLacksButStillRuns() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = CliRun.run(Map.of(), "tail", "--endpoint", server.uri().toString(), "--duration", "300ms",
                    "--format", "none", "--worlds", "99,genudine,briggs,miller");
            assertEquals(0, tail.exitCode(), () -> "err:\n" + tail.err);
            String err = tail.err.text();
            assertTrue(err.contains("tail: warning: world 99 is not a world this version knows"), err);
            assertTrue(err.contains("tail: warning: world Genudine (1000) belongs to environment ps2ps4us, not ps2"), err);
            assertTrue(err.contains("tail: warning: world Briggs (25) is closed"), err);
            assertFalse(err.contains("Miller"), "a PC world on ps2 is fine: " + err);
            assertTrue(err.contains("tail: 0 events in"), err);
        }
    }
}
