package dev.auraxium.cli;

import dev.auraxium.testsupport.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.FakeEssServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line's own conventions: one-line log records on the command's standard error with
 * --verbose/--quiet, the clean one-line error on a 403, "did you mean", the ready timeout's name.
 */
@Timeout(90)
class CliLoggingAndSuggestionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Runs tail until connected, drops its connection once, and waits until it is back. */
    private static CliRun tailThroughADrop(FakeEssServer server, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("tail", "--endpoint", server.uri().toString(),
                "--format", "none", "--duration", "60s"));
        args.addAll(List.of(extra));
        CliRun tail = new CliRun().start(args.toArray(String[]::new));
        tail.err.await("tail: connected", WAIT);
        assertEquals(1, server.faults().dropAll(Disconnect.abort()));
        assertTrue(server.awaitConnections(1, WAIT), "tail reconnects");
        Await.until(() -> server.connections().stream().anyMatch(c -> c.open() && !c.subscription().isEmpty()), WAIT,
                "tail resubscribes");
        assertEquals(0, tail.interruptAndWait(WAIT), () -> "err:\n" + tail.err);
        return tail;
    }

    private static List<String> logLines(CliRun r) {
        return r.err.text().lines().filter(l -> l.startsWith("auraxium: ")).toList();
    }

    @Test
    void logRecordsAreOneLineEachOnTheCommandsStandardError() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun tail = tailThroughADrop(server);
            List<String> log = logLines(tail);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("auraxium: WARNING ") && l.contains("connection 0 closed")),
                    tail.err.text());
            assertTrue(log.stream().noneMatch(l -> l.startsWith("auraxium: INFO")), "INFO only with --verbose: " + log);
            // nothing of java.util.logging's two-line default: no source class line, no level line
            assertFalse(tail.err.text().contains("dev.auraxium.client.EventClient"), tail.err.text());
            // the summary counts the drop by its cause
            assertTrue(tail.err.text().lines().anyMatch(l -> l.startsWith("tail: ") && l.contains(", 1 reconnect (")),
                    tail.err.text());
            assertFalse(tail.err.text().lines().anyMatch(l -> l.startsWith("WARNING:") || l.startsWith("INFO:")),
                    tail.err.text());
        }
    }

    @Test
    void verboseAddsInfoRecordsAndQuietShowsNone() throws Exception {
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun verbose = tailThroughADrop(server, "--verbose");
            assertTrue(logLines(verbose).stream().anyMatch(l -> l.startsWith("auraxium: INFO ") && l.contains("open to")),
                    verbose.err.text());
        }
        try (FakeEssServer server = FakeEssServer.start()) {
            CliRun quiet = tailThroughADrop(server, "--quiet");
            assertEquals(List.of(), logLines(quiet), quiet.err.text());
            assertTrue(quiet.err.text().contains("tail: connected"), "status lines still show: " + quiet.err);
        }
    }

    @Test
    void aRejectedServiceIdIsOneCleanLineEvenWithVerbose() throws Exception {
        try (FakeEssServer server = FakeEssServer.builder().acceptServiceIds("s:good").start()) {
            CliRun plain = CliRun.run(Map.of("AURAXIUM_SERVICE_ID", "s:wrongservice1"), "tail", "--endpoint",
                    server.uri().toString(), "--ready-timeout", "10s");
            assertEquals(Main.EXIT_CONNECTION, plain.exitCode(), () -> "err:\n" + plain.err);
            List<String> lines = plain.err.text().lines().toList();
            assertEquals(1, lines.size(), plain.err.text());
            assertTrue(lines.get(0).startsWith("auraxium tail: cannot connect") && lines.get(0).contains("HTTP 403"), lines.get(0));

            CliRun verbose = CliRun.run(Map.of("AURAXIUM_SERVICE_ID", "s:wrongservice1"), "tail", "--endpoint",
                    server.uri().toString(), "--verbose");
            assertEquals(Main.EXIT_CONNECTION, verbose.exitCode(), () -> "err:\n" + verbose.err);
            // the client reports each failure once: to the command's error handler, which prints the
            // clean line, so even --verbose shows the 403 once and no second ERROR record of it
            assertEquals(1, verbose.err.text().lines().filter(l -> l.contains("HTTP 403")).count(), verbose.err.text());
            assertTrue(logLines(verbose).stream().noneMatch(l -> l.startsWith("auraxium: ERROR ")), verbose.err.text());
            assertFalse(verbose.err.text().contains("wrongservice1"), "the service id is never printed whole");
        }
    }

    @Test
    void verboseAndQuietTogetherAreBadUsageAndBothWorkBeforeOrAfterTheCommand() {
        CliRun both = CliRun.run("tail", "--verbose", "--quiet");
        assertEquals(Main.EXIT_USAGE, both.exitCode());
        assertTrue(both.err.text().contains("--verbose and --quiet are mutually exclusive"), both.err.text());
        for (String command : new String[] {"demo", "tail", "record", "serve"}) {
            String help = CliRun.run(command, "--help").out.text();
            assertTrue(help.contains("--verbose") && help.contains("--quiet"), help);
        }
        assertEquals(0, CliRun.run("--quiet", "serve", "--help").exitCode());
    }

    @Test
    void mistypedCommandsAndOptionsGetASuggestion() {
        CliRun command = CliRun.run("tial");
        assertEquals(Main.EXIT_USAGE, command.exitCode());
        assertEquals(1, command.err.text().lines().count(), command.err.text());
        assertTrue(command.err.text().contains("did you mean tail?"), command.err.text());

        CliRun option = CliRun.run("tail", "--durration", "5s");
        assertEquals(Main.EXIT_USAGE, option.exitCode());
        assertEquals(1, option.err.text().lines().count(), option.err.text());
        assertTrue(option.err.text().contains("did you mean --duration"), option.err.text());
    }

    @Test
    void theReadyTimeoutSaysWhatItTimesAndTheOldNameStillWorks() throws Exception {
        String help = CliRun.run("tail", "--help").out.text();
        assertTrue(help.contains("--ready-timeout"), help);
        assertFalse(help.contains("--connect-timeout"), "the old name is hidden: " + help);

        int port;
        try (FakeEssServer server = FakeEssServer.start()) {
            port = server.port();
        }
        CliRun old = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:" + port + "/streaming", "--connect-timeout", "1s");
        assertEquals(Main.EXIT_CONNECTION, old.exitCode(), () -> "err:\n" + old.err);
        assertTrue(old.err.text().contains("--connect-timeout is deprecated, use --ready-timeout"), old.err.text());
        assertTrue(old.err.text().contains("PT1S"), "the old name sets the ready timeout: " + old.err);

        CliRun renamed = CliRun.run("tail", "--endpoint", "ws://127.0.0.1:" + port + "/streaming", "--ready-timeout", "1500ms");
        assertEquals(Main.EXIT_CONNECTION, renamed.exitCode(), () -> "err:\n" + renamed.err);
        assertTrue(renamed.err.text().contains("PT1.5S"), renamed.err.text());
    }
}
