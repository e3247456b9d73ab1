package dev.auraxium.cli;

import dev.auraxium.cli.internal.RootCommand;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code auraxium} command: {@code demo}, {@code tail}, {@code record} and {@code serve}.
 *
 * <pre>{@code
 * java -jar auraxium.jar demo                      # a minute of live figures from an embedded fake ESS
 * java -jar auraxium.jar tail --events Death --worlds 10 --format json
 * java -jar auraxium.jar serve --synthetic --port 8080
 * }</pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} unexpected failure,
 * {@value #EXIT_USAGE} bad usage (unknown option or event name, bad world id, missing service id,
 * unreadable recording, port in use), {@value #EXIT_CONNECTION} connection or service-id failure.
 * Errors are one line on standard error.
 *
 * <p>Embedding and tests: {@link #commandLine(Map)} gives a configured picocli {@link CommandLine};
 * set its out/err writers and call {@link CommandLine#execute(String...)}. Each call builds new
 * command objects, so command lines are independent; one command line runs one command at a time.
 */
public final class Main {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** Unexpected failure (a bug, or an I/O error outside the cases below). */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage: the message on standard error says what to change. */
    public static final int EXIT_USAGE = 2;
    /** The connection failed or the service rejected the service id. */
    public static final int EXIT_CONNECTION = 3;

    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code. With no arguments it runs {@code demo}.
     *
     * @param args the command line
     */
    public static void main(String... args) {
        RootCommand.processLogging();
        String[] effective = args.length == 0 ? new String[] {"demo"} : args;
        int code = commandLine().execute(effective);
        System.exit(code);
    }

    /** @return a command line reading the process environment (for {@code AURAXIUM_SERVICE_ID}) */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * @param environment the environment variables the commands see (tests pass their own)
     * @return a configured command line, writing to {@code System.out}/{@code System.err} until
     *     its writers are replaced
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        return RootCommand.commandLine(environment);
    }
}
