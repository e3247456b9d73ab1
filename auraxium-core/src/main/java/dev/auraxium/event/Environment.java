package dev.auraxium.event;

import java.util.List;

/**
 * An ESS environment: one connection covers exactly one. Tracking every platform takes three
 * connections.
 */
public enum Environment {
    /** PC: Connery 1, Miller 10, Cobalt 13, Emerald 17, Jaeger 19 (events server), SolTech 40. */
    PS2("ps2", List.of(1, 10, 13, 17, 19, 40)),
    /** PlayStation 4, US: Genudine 1000. */
    PS2PS4US("ps2ps4us", List.of(1000)),
    /** PlayStation 4, EU: Ceres 2000. */
    PS2PS4EU("ps2ps4eu", List.of(2000));

    private final String wireName;
    private final List<Integer> worlds;

    Environment(String wireName, List<Integer> worlds) {
        this.wireName = wireName;
        this.worlds = worlds;
    }

    /** @return the {@code environment} query value, e.g. {@code "ps2"} */
    public String wireName() {
        return wireName;
    }

    /**
     * @return the world ids of this environment today; the client subscribes these explicitly
     *     instead of {@code worlds:["all"]}, which the live service honours unreliably for world
     *     events
     */
    public List<Integer> worlds() {
        return worlds;
    }

    /**
     * @param wireName {@code ps2}, {@code ps2ps4us} or {@code ps2ps4eu}, any case
     * @return the environment
     * @throws IllegalArgumentException for any other name
     */
    public static Environment fromWireName(String wireName) {
        for (Environment e : values()) {
            if (e.wireName.equalsIgnoreCase(wireName)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown environment '" + wireName + "': expected ps2, ps2ps4us or ps2ps4eu");
    }
}
