package dev.auraxium.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs one {@code auraxium} command in-process, capturing its output; optionally on its own thread. */
final class CliRun {
    final Capture out = new Capture();
    final Capture err = new Capture();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CommandLine commandLine;
    private Thread thread;

    CliRun() {
        this(Map.of());
    }

    CliRun(Map<String, String> environment) {
        commandLine = Main.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** Runs on the calling thread. */
    static CliRun run(String... args) {
        CliRun r = new CliRun();
        r.exit.complete(r.commandLine.execute(args));
        return r;
    }

    static CliRun run(Map<String, String> environment, String... args) {
        CliRun r = new CliRun(environment);
        r.exit.complete(r.commandLine.execute(args));
        return r;
    }

    /** Runs on a new thread; {@link #exit} completes with the exit code. */
    CliRun start(String... args) {
        thread = new Thread(() -> {
            try {
                exit.complete(commandLine.execute(args));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "cli-" + args[0]);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Asks a started command to stop, as an embedding program would, and returns its exit code. */
    int interruptAndWait(Duration timeout) throws Exception {
        thread.interrupt();
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode(Duration timeout) throws Exception {
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return exit.join();
    }

    /** A writer whose readers can wait for a piece of text to appear. */
    static final class Capture extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }

        /**
         * @return the whole text once it contains {@code piece}
         * @throws AssertionError on timeout, showing what was written
         */
        synchronized String await(String piece, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (text.indexOf(piece) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + piece + "' within " + timeout + "; got:\n" + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text.toString();
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
