package dev.auraxium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged launcher ({@code target/auraxium/bin/auraxium}) starts the command with its JVM
 * options and lets {@code JAVA_OPTS}/{@code AURAXIUM_OPTS} add to them. Runs in the {@code verify}
 * phase, after {@code package} built the distribution (the {@code launcher} execution of surefire);
 * the ordinary test run leaves it out.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LauncherTest {

    private static Path launcher() {
        Path dist = Path.of(System.getProperty("auraxium.dist", "target/auraxium"));
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        Path bin = dist.resolve(windows ? "bin/auraxium.cmd" : "bin/auraxium");
        assertTrue(Files.isRegularFile(bin), "the distribution was not built: " + bin.toAbsolutePath());
        return bin;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("AURAXIUM_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish");
        return new Result(p.exitValue(), out.get(1, TimeUnit.MINUTES));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void startsTheCommand() throws Exception {
        Result r = run(Map.of(), "--version");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("auraxium "), r.out());
    }

    @Test
    void usesItsJvmOptionsAndTheUsersOnTop() throws Exception {
        Result r = run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "AURAXIUM_OPTS", "-Xmx100m"), "--version");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("-XX:+UseSerialGC"), r.out());
        assertTrue(r.out().contains("-XX:MaxHeapSize=104857600"), "AURAXIUM_OPTS comes last and wins: " + r.out());
        assertTrue(r.out().contains("auraxium "), r.out());
    }

    @Test
    void passesTheExitCodeOfABadUsageThrough() throws Exception {
        Result r = run(Map.of(), "tail", "--no-such-option");
        assertEquals(Main.EXIT_USAGE, r.exit(), r.out());
    }

    @Test
    void theUnixLauncherIsExecutable() {
        Assumptions.assumeFalse(launcher().toString().endsWith(".cmd"), "bin/auraxium.cmd is used on Windows");
        assertTrue(Files.isExecutable(launcher()));
    }
}
