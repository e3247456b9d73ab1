package dev.auraxium.cli.internal;

import picocli.CommandLine.Option;

/**
 * {@code --verbose} and {@code --quiet}, mixed into every command by {@link RootCommand}; one
 * instance per command line, so the options may stand before or after the command's name.
 */
final class LogOptions {

    @Option(names = "--verbose",
            description = "Show the library's log records from INFO up (connections opened and closed), errors included.")
    boolean verbose;

    @Option(names = "--quiet", description = "Show no log records (status lines and the final error line still show).")
    boolean quiet;

    /** @return the verbosity these options ask for */
    CliLogging.Verbosity verbosity() {
        return verbose ? CliLogging.Verbosity.VERBOSE : quiet ? CliLogging.Verbosity.QUIET : CliLogging.Verbosity.NORMAL;
    }
}
