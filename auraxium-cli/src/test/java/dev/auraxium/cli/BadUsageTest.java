package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad usage ends with one line on standard error and exit code 2, before any work. */
@Timeout(30)
class BadUsageTest {

    private static void assertUsage(CliRun r, String... expectedPieces) {
        assertEquals(Main.EXIT_USAGE, r.exitCode(), () -> "exit code; err:\n" + r.err + "out:\n" + r.out);
        String err = r.err.text();
        assertEquals(1, err.lines().count(), () -> "one line on stderr, got:\n" + err);
        for (String piece : expectedPieces) {
            assertTrue(err.contains(piece), () -> "stderr should mention '" + piece + "': " + err);
        }
        assertEquals("", r.out.text(), "nothing on stdout");
    }

    @Test
    void rejectsAnUnknownEventNameNamingIt() {
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--events", "Death,Deth"),
                "unknown event name 'Deth'", "GainExperience_experience_id_<N>");
    }

    @Test
    void rejectsABadExperienceFilter() {
        assertUsage(CliRun.run("record", "--out", "x.jsonl", "--endpoint", "ws://127.0.0.1:1/streaming",
                "--events", "GainExperience_experience_id_x"), "bad experience id 'x'");
    }

    @Test
    void rejectsABadWorldId() {
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--worlds", "10,Mars"),
                "bad world id 'Mars'");
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--worlds", "-3"),
                "bad world id '-3'");
    }

    @Test
    void rejectsABadCharacterIdAndEnvironment() {
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--characters", "abc"),
                "bad character id 'abc'");
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--environment", "xbox"),
                "unknown environment 'xbox'");
    }

    @Test
    void requiresAServiceIdForTheLiveServiceButNotForAnotherEndpoint() {
        assertUsage(CliRun.run(Map.of(), "tail"), "missing service id", "AURAXIUM_SERVICE_ID", "--service-id");
        assertUsage(CliRun.run(Map.of(), "record", "--out", "capture.jsonl"), "missing service id");
        assertUsage(CliRun.run(Map.of("AURAXIUM_SERVICE_ID", "  "), "tail"), "missing service id");
    }

    @Test
    void rejectsAnUnreadableRecording(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        assertUsage(CliRun.run("serve", "--port", "0", "--replay", missing.toString()),
                "cannot read recording", "nope.jsonl", "no such file");
        assertUsage(CliRun.run("serve", "--port", "0", "--replay", dir.toString()), "cannot read recording", "folder");
        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "this is not json\n{\"also\":\n");
        assertUsage(CliRun.run("serve", "--port", "0", "--replay", garbage.toString()), "garbage.jsonl");
    }

    @Test
    void rejectsAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertUsage(CliRun.run("serve", "--port", Integer.toString(port), "--duration", "5s"),
                    "127.0.0.1:" + port, "in use");
        }
    }

    @Test
    void rejectsUnknownOptionsAndBadValues() {
        assertUsage(CliRun.run("tail", "--colour"), "--colour");
        assertUsage(CliRun.run("demo", "--speed", "fast"), "'fast' is not a speed");
        assertUsage(CliRun.run("demo", "--duration", "soon"), "'soon' is not a duration");
        assertUsage(CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--format", "xml"),
                "unknown format 'xml'");
        assertUsage(CliRun.run("tail", "--endpoint", "http://example.com/", "--max-events", "1"), "bad endpoint");
        assertUsage(CliRun.run("serve", "--replay", "a.jsonl", "--synthetic"), "mutually exclusive");
        assertUsage(CliRun.run("launch"), "launch");
    }

    @Test
    void helpShowsExamplesAndExitCodesForEveryCommand() {
        for (String command : new String[] {"demo", "tail", "record", "serve"}) {
            CliRun r = CliRun.run(command, "--help");
            assertEquals(0, r.exitCode());
            String help = r.out.text();
            assertTrue(help.contains("Usage: auraxium " + command), help);
            assertTrue(help.contains("Examples:"), help);
            assertTrue(help.contains("Exit codes:"), help);
            assertFalse(help.isBlank());
        }
        CliRun root = CliRun.run("--help");
        assertEquals(0, root.exitCode());
        assertTrue(root.out.text().contains("3  connection failure or rejected service id"), root.out.text());
    }
}
