package dev.auraxium.cli.internal;

import dev.auraxium.event.Environment;
import picocli.CommandLine.Option;

/** The filter options {@code tail} and {@code record} share. */
final class FilterOptions {
    /** {@link dev.auraxium.event.World#namesForHelp()}; a test holds the two equal. */
    static final String WORLD_NAMES_FOR_HELP =
            "connery, miller, cobalt, emerald, jaeger, soltech, genudine, ceres, briggs (closed)";

    @Option(names = "--events", paramLabel = "NAMES",
            description = "Comma-separated wire names (Death, PlayerLogin, GainExperience_experience_id_7, ...) "
                    + "or 'all' (the default, which includes kinds this version does not know).")
    String events;

    @Option(names = "--worlds", paramLabel = "IDS",
            description = "Comma-separated world ids or names (" + WORLD_NAMES_FOR_HELP + "). Default: every world.")
    String worlds;

    @Option(names = "--characters", paramLabel = "IDS",
            description = "Comma-separated character ids; Death and VehicleDestroy also match the attacker. "
                    + "Default: every character.")
    String characters;

    @Option(names = "--environment", paramLabel = "ENV", defaultValue = "ps2",
            description = "ps2 (PC, the default), ps2ps4us or ps2ps4eu.")
    String environment;

    StreamFilter filter() {
        try {
            return StreamFilter.parse(events, worlds, characters);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * Prints {@link StreamFilter#worldWarnings} on standard error, one line each.
     *
     * @param command the command's name, the start of each line
     * @param filter the parsed filter
     * @param environment the environment connected to
     * @param err standard error
     */
    static void warnAboutWorlds(String command, StreamFilter filter, Environment environment, java.io.PrintWriter err) {
        for (String w : filter.worldWarnings(environment)) {
            err.println(command + ": warning: " + w);
        }
        err.flush();
    }

    Environment environment() {
        try {
            return Environment.fromWireName(environment.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
