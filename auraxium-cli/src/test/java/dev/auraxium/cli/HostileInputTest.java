package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auraxium.event.Environment;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.SyntheticStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against hostile input and failing output: one line and the documented exit
 * code, never a stack trace, never the contents of a file it could not use.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static void assertOneLine(CliRun r, int exit, String... pieces) {
        assertEquals(exit, r.exitCode(), () -> "exit code; err:\n" + r.err + "out:\n" + r.out);
        String err = r.err.text();
        assertEquals(1, err.lines().count(), () -> "one line on stderr, got:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String p : pieces) {
            assertTrue(err.contains(p), () -> "stderr should mention '" + p + "': " + err);
        }
    }

    // ---------------------------------------------------------------- 10: record to a full disk

    @Test
    void recordStopsAtTheFirstWriteFailureWithOneLineAndExit1() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "no /dev/full on this system");
        try (FakeEssServer source = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(20)).start()) {
            CliRun record = new CliRun().start("record", "--endpoint", source.uri().toString(), "--out", full.toString(),
                    "--duration", "20s");
            assertEquals(1, record.exitCode(WAIT), () -> "err:\n" + record.err);
            String err = record.err.text();
            List<String> failures = err.lines().filter(l -> l.contains("cannot write")).toList();
            assertEquals(1, failures.size(), err);
            assertTrue(failures.get(0).startsWith("record: cannot write to /dev/full: "), err);
            assertTrue(err.lines().count() <= 3, "a few lines at most:\n" + err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        }
    }

    // ---------------------------------------------------------------- 11/12: serve's limits and inputs

    @Test
    void serveRefusesACountOverItsLimit() {
        assertOneLine(CliRun.run("serve", "--count", "1000000", "--port", "0"), Main.EXIT_USAGE,
                "--count 1000000 is over the limit of 100000");
    }

    @Test
    void serveRefusesADeviceAHugeFileAndABinaryFile(@TempDir Path dir) throws Exception {
        assertOneLine(CliRun.run("serve", "--replay", "/dev/zero", "--port", "0"), Main.EXIT_USAGE,
                "not a regular file");

        Path huge = dir.resolve("huge.jsonl");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024); // sparse: costs no disk
        }
        assertOneLine(CliRun.run("serve", "--replay", huge.toString(), "--port", "0"), Main.EXIT_USAGE,
                "over the limit of 256 MiB");

        Path binary = dir.resolve("binary.jsonl");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(binary, noise);
        assertOneLine(CliRun.run("serve", "--replay", binary.toString(), "--port", "0"), Main.EXIT_USAGE,
                "not UTF-8 text");
    }

    @Test
    void serveNeverEchoesTheContentsOfAFileItCannotUse(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("shadow");
        Files.writeString(secret, "root:$6$TopSecretHash:19000:0:99999:7:::\n");
        CliRun r = CliRun.run("serve", "--replay", secret.toString(), "--port", "0");
        assertOneLine(r, Main.EXIT_USAGE, "line 1 is not a recorded frame");
        assertFalse(r.err.text().contains("TopSecret"), r.err.text());
    }

    @Test
    void aServiceIdWithASpaceIsOneLineAndExit2() {
        CliRun r = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:1/streaming", "--service-id", "s:ab cdefgh");
        assertOneLine(r, Main.EXIT_USAGE, "bad service id", "whitespace");
        assertFalse(r.err.text().contains("cdefgh"), r.err.text());
    }

    // ---------------------------------------------------------------- 9: a service id in --endpoint

    @Test
    void aServiceIdInTheEndpointIsSentOnceAndNeverPrinted() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().start()) {
            String endpoint = "ws://127.0.0.1:" + server.uri().getPort() + "/streaming?service-id=s:TopSecretId42";
            CliRun tail = new CliRun().start("tail", "--endpoint", endpoint, "--duration", "1s");
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);
            assertFalse(tail.err.text().contains("TopSecretId42") || tail.out.text().contains("TopSecretId42"),
                    tail.err.text());
            assertTrue(server.connections().stream().anyMatch(c -> c.serviceId().equals("s:To…(13 chars)")),
                    "the id from the endpoint is the one sent: " + server.connections());
        }
    }

    // ---------------------------------------------------------------- 13: tail's decode errors

    @Test
    void tailReportsEachKindOfDecodeErrorOnceAndCountsThemAll() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().start()) {
            CliRun tail = new CliRun().start("tail", "--endpoint", server.uri().toString(), "--max-events", "3",
                    "--format", "none");
            tail.err.await("tail: connected", WAIT);
            for (int i = 0; i < 5; i++) {
                server.publish("{not json " + i);
            }
            server.publish("{\"payload\":{\"event_name\":\"Death\"},\"service\":\"event\",\"type\":\"serviceMessage\"}");
            int[] worlds = Environment.PS2.worlds().stream().mapToInt(Integer::intValue).toArray();
            SyntheticStream.builder().seed(3).worlds(worlds).build().stream(3).forEach(server::publish);
            assertEquals(0, tail.exitCode(WAIT), () -> "err:\n" + tail.err);
            String err = tail.err.text();
            long reported = err.lines().filter(l -> l.contains("did not decode")).count();
            assertEquals(2, reported, "one line per kind:\n" + err);
            assertTrue(err.contains("6 frames not decoded (2 kinds)"), err);
        }
    }

    @Test
    void tailHelpSaysWhatJsonIs() {
        CliRun r = CliRun.run("tail", "--help");
        assertTrue(r.out.text().replaceAll("\\s+", " ").contains("not the frame's raw text"), r.out.text());
    }
}
