package dev.auraxium.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The open-world continents, by zone definition id. A {@code zone_id} carries the definition in its
 * low 16 bits and an instance in the high 16 bits ({@link Zones}); {@link #of(long)} reads both
 * static continents and their instanced copies.
 *
 * <p>Immutable and thread-safe.
 */
public enum Continent {
    /** Indar, definition 2. */
    INDAR(Zones.INDAR, "Indar"),
    /** Hossin, definition 4. */
    HOSSIN(Zones.HOSSIN, "Hossin"),
    /** Amerish, definition 6. */
    AMERISH(Zones.AMERISH, "Amerish"),
    /** Esamir, definition 8. */
    ESAMIR(Zones.ESAMIR, "Esamir"),
    /** Oshur, definition 344. */
    OSHUR(Zones.OSHUR, "Oshur");

    private final int definitionId;
    private final String displayName;

    Continent(int definitionId, String displayName) {
        this.definitionId = definitionId;
        this.displayName = displayName;
    }

    /** @return the zone definition id, e.g. 2 for Indar */
    public int definitionId() {
        return definitionId;
    }

    /** @return the name players know, e.g. {@code "Indar"} */
    public String displayName() {
        return displayName;
    }

    /**
     * @param zoneId an event's {@code zone_id}, 0 to 2<sup>32</sup>-1
     * @return the continent of its definition, or empty for any other zone (VR, Sanctuary,
     *     Koltyr, an outfit wars zone, ...)
     * @throws IllegalArgumentException if {@code zoneId} is not an unsigned 32-bit value
     */
    public static Optional<Continent> of(long zoneId) {
        int definition = Zones.definitionId(zoneId);
        for (Continent c : values()) {
            if (c.definitionId == definition) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a continent's name in any case
     * @return the continent, or empty when none has that name
     */
    public static Optional<Continent> byName(String name) {
        Objects.requireNonNull(name, "name");
        for (Continent c : values()) {
            if (c.displayName.equalsIgnoreCase(name.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return displayName + " (" + definitionId + ")";
    }
}
