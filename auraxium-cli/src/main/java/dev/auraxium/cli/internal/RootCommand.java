package dev.auraxium.cli.internal;

import dev.auraxium.internal.text.EditDistance;
import dev.auraxium.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
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
     * For the {@code auraxium} process: log records appear only as the commands' one-line records
     * (see {@link CliLogging}), never in the JDK's two-line default format.
     */
    public static void processLogging() {
        CliLogging.forProcess();
    }

    /**
     * @param environment environment variables
     * @return the configured command line
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        CommandLine cl = new CommandLine(new RootCommand(environment));
        LogOptions logging = new LogOptions();
        cl.addMixin("logging", logging);
        cl.getSubcommands().values().stream()
                .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(sub -> sub.addMixin("logging", logging));
        cl.setExecutionStrategy(parsed -> {
            if (logging.verbose && logging.quiet) {
                List<CommandLine> commands = parsed.asCommandLineList();
                throw new CommandLine.ParameterException(commands.get(commands.size() - 1),
                        "--verbose and --quiet are mutually exclusive");
            }
            try (CliLogging.Scope scope = CliLogging.install(cl.getErr(), logging.verbosity())) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(qualifiedName(c) + ": " + ex.getMessage() + suggestion(ex)
                    + " (see '" + qualifiedName(c) + " --help')");
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

    /** {@code "; did you mean tail?"} for a mistyped command or option, else empty. */
    private static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return "";
        }
        List<String> similar = unmatched.getSuggestions();
        if (similar == null || similar.isEmpty()) {
            // picocli suggests options, not subcommands: find the nearest names ourselves
            String typed = unmatched.getUnmatched().get(0);
            CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
            List<String> names = new ArrayList<>(typed.startsWith("-")
                    ? spec.optionsMap().keySet() : spec.subcommands().keySet());
            similar = nearest(typed, names);
        }
        if (similar.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", similar.subList(0, Math.min(3, similar.size()))) + "?";
    }

    /** The names at the smallest edit distance from {@code typed}, when that is small for its length. */
    static List<String> nearest(String typed, List<String> names) {
        int best = Math.max(1, typed.length() / 3) + 1;
        List<String> found = new ArrayList<>();
        for (String name : names) {
            int d = EditDistance.between(typed, name);
            if (d < best) {
                best = d;
                found.clear();
            }
            if (d == best) {
                found.add(name);
            }
        }
        return found;
    }

    private static String qualifiedName(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }
}
