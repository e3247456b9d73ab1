package dev.auraxium.event;

import dev.auraxium.internal.text.EditDistance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The PlanetSide 2 worlds (servers) that events name by {@code world_id}: id, display name,
 * environment, and whether the world still runs. Look them up by id ({@link #byId(int)}) or by
 * name, in any case ({@link #byName(String)}); {@link #parse(String)} takes either, as a user types
 * it.
 *
 * <p>An event may carry a world id that is not listed here (a new or test world): that is not an
 * error, {@link #byId(int)} is then empty. Historical worlds are kept so that old recordings still
 * read with names; the live service sends no events for them.
 *
 * <p>Immutable and thread-safe.
 */
public enum World {
    /** Connery, PC (US West). */
    CONNERY(1, "Connery", Environment.PS2, false),
    /** Miller, PC (EU). */
    MILLER(10, "Miller", Environment.PS2, false),
    /** Cobalt, PC (EU). */
    COBALT(13, "Cobalt", Environment.PS2, false),
    /** Emerald, PC (US East). */
    EMERALD(17, "Emerald", Environment.PS2, false),
    /** Jaeger, PC: the events server, mostly quiet. */
    JAEGER(19, "Jaeger", Environment.PS2, false),
    /** Briggs, PC (Australia): closed; kept for old recordings. */
    BRIGGS(25, "Briggs", Environment.PS2, true),
    /** SolTech, PC (Asia). */
    SOLTECH(40, "SolTech", Environment.PS2, false),
    /** Genudine, PlayStation 4 US. */
    GENUDINE(1000, "Genudine", Environment.PS2PS4US, false),
    /** Ceres, PlayStation 4 EU. */
    CERES(2000, "Ceres", Environment.PS2PS4EU, false);

    private final int id;
    private final String displayName;
    private final Environment environment;
    private final boolean historical;

    World(int id, String displayName, Environment environment, boolean historical) {
        this.id = id;
        this.displayName = displayName;
        this.environment = environment;
        this.historical = historical;
    }

    /** @return the {@code world_id} */
    public int id() {
        return id;
    }

    /** @return the name players know, e.g. {@code "SolTech"} */
    public String displayName() {
        return displayName;
    }

    /** @return the environment whose connections carry this world's events */
    public Environment environment() {
        return environment;
    }

    /** @return true for a world that no longer runs (the live service sends nothing for it) */
    public boolean isHistorical() {
        return historical;
    }

    /**
     * @param id a {@code world_id}
     * @return the world, or empty for an id this version does not list
     */
    public static Optional<World> byId(int id) {
        for (World w : values()) {
            if (w.id == id) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a world's name in any case, e.g. {@code "miller"} or {@code "SolTech"}
     * @return the world, or empty when no world has that name
     */
    public static Optional<World> byName(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.trim();
        for (World w : values()) {
            if (w.displayName.equalsIgnoreCase(n)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * @param environment an environment
     * @return its running worlds, by id; unmodifiable
     */
    public static List<World> current(Environment environment) {
        Objects.requireNonNull(environment, "environment");
        List<World> out = new ArrayList<>();
        for (World w : values()) {
            if (w.environment == environment && !w.historical) {
                out.add(w);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The accepted world names, as a user may type them: the running worlds' names in lower case,
     * then the historical ones marked so, e.g. {@code "connery, miller, ..., ceres, briggs (closed)"}.
     * The command line's help and its error messages both show this text.
     *
     * @return the names, comma separated
     */
    public static String namesForHelp() {
        List<String> names = new ArrayList<>();
        for (World w : values()) {
            if (!w.historical) {
                names.add(w.displayName.toLowerCase(Locale.ROOT));
            }
        }
        for (World w : values()) {
            if (w.historical) {
                names.add(w.displayName.toLowerCase(Locale.ROOT) + " (closed)");
            }
        }
        return String.join(", ", names);
    }

    /**
     * Reads a world as a user types it: a name in any case, or a positive id (listed or not, since
     * events may name worlds this version does not know).
     *
     * @param text a name such as {@code "Miller"} or an id such as {@code "10"}
     * @return the world id
     * @throws IllegalArgumentException naming the text, the closest name if any, and the accepted
     *     names
     */
    public static int parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        Optional<World> named = byName(t);
        if (named.isPresent()) {
            return named.get().id;
        }
        int id;
        try {
            id = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id > 0) {
            return id;
        }
        String suggestion = "";
        int best = Integer.MAX_VALUE;
        for (World w : values()) {
            int d = EditDistance.between(t.toLowerCase(Locale.ROOT), w.displayName.toLowerCase(Locale.ROOT));
            if (d < best && d <= 2) {
                best = d;
                suggestion = " (did you mean " + w.displayName.toLowerCase(Locale.ROOT) + "?)";
            }
        }
        throw new IllegalArgumentException("bad world id '" + text + "'" + suggestion
                + ": expected a positive number or one of " + namesForHelp());
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ")";
    }
}
