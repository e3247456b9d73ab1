package dev.auraxium.cli.internal;

import dev.auraxium.event.Environment;
import picocli.CommandLine.Option;

/** The filter options {@code tail} and {@code record} share. */
final class FilterOptions {

    @Option(names = "--events", paramLabel = "NAMES",
            description = "Comma-separated wire names (Death, PlayerLogin, GainExperience_experience_id_7, ...) "
                    + "or 'all' (the default, which includes kinds this version does not know).")
    String events;

    @Option(names = "--worlds", paramLabel = "IDS",
            description = "Comma-separated world ids or names (1 or connery, 10 miller, 13 cobalt, 17 emerald, "
                    + "19 jaeger, 40 soltech, 1000 genudine, 2000 ceres). Default: every world.")
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

    Environment environment() {
        try {
            return Environment.fromWireName(environment.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
