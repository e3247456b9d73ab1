package dev.auraxium.cli.internal;

import dev.auraxium.transport.TransportException;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code auraxium} root: holds what every subcommand shares and maps failures to exit codes. */
@Command(name = "auraxium", mixinStandardHelpOptions = true, version = "auraxium 0.1.0",
        description = "Tools for the PlanetSide 2 Event Streaming Service (ESS).",
        subcommands = {DemoCommand.class, TailCommand.class, RecordCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  unexpected failure", "  2  bad usage (the message says what to change)",
                "  3  connection failure or rejected service id",
                "%nRun 'auraxium demo' for a minute of live figures without network or service id."})
public final class RootCommand implements Runnable {

    /** The environment variable holding the service id for {@code tail} and {@code record}. */
    public static final String SERVICE_ID_VARIABLE = "AURAXIUM_SERVICE_ID";

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    RootCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** @return the environment variables the commands see */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: demo, tail, record or serve");
    }

    /**
     * @param environment environment variables
     * @return the configured command line
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        CommandLine cl = new CommandLine(new RootCommand(environment));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(qualifiedName(c) + ": " + ex.getMessage() + " (see '" + qualifiedName(c) + " --help')");
            c.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            int code;
            String message;
            if (ex instanceof UsageException) {
                code = CommandLine.ExitCode.USAGE;
                message = ex.getMessage() + " (see '" + qualifiedName(c) + " --help')";
            } else if (ex instanceof ConnectionFailure || ex instanceof TransportException) {
                code = 3;
                message = ex.getMessage();
            } else {
                code = CommandLine.ExitCode.SOFTWARE;
                message = "failed: " + ex;
            }
            c.getErr().println(qualifiedName(c) + ": " + message);
            c.getErr().flush();
            return code;
        });
        return cl;
    }

    private static String qualifiedName(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }
}
