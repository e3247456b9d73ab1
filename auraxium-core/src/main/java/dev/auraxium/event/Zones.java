package dev.auraxium.event;

/**
 * Reads ESS {@code zone_id} values: unsigned 32-bit, definition in the low 16 bits, instance in the
 * high 16 bits.
 */
public final class Zones {
    /** Indar. */
    public static final int INDAR = 2;
    /** Hossin. */
    public static final int HOSSIN = 4;
    /** Amerish. */
    public static final int AMERISH = 6;
    /** Esamir. */
    public static final int ESAMIR = 8;
    /** Oshur. */
    public static final int OSHUR = 344;

    private Zones() {
    }

    /**
     * @param zoneId a zone id, 0 to 2<sup>32</sup>-1
     * @return its definition id (low 16 bits)
     * @throws IllegalArgumentException if {@code zoneId} is not an unsigned 32-bit value
     */
    public static int definitionId(long zoneId) {
        check(zoneId);
        return (int) (zoneId & 0xFFFF);
    }

    /**
     * @param zoneId a zone id, 0 to 2<sup>32</sup>-1
     * @return its instance id (high 16 bits), 0 for a static continent
     * @throws IllegalArgumentException if {@code zoneId} is not an unsigned 32-bit value
     */
    public static int instanceId(long zoneId) {
        check(zoneId);
        return (int) (zoneId >>> 16);
    }

    /**
     * @param definitionId zone definition, 0 to 65535
     * @param instanceId instance, 0 to 65535
     * @return the combined zone id
     */
    public static long zoneId(int definitionId, int instanceId) {
        if (definitionId < 0 || definitionId > 0xFFFF) {
            throw new IllegalArgumentException("definitionId must be 0..65535, was " + definitionId);
        }
        if (instanceId < 0 || instanceId > 0xFFFF) {
            throw new IllegalArgumentException("instanceId must be 0..65535, was " + instanceId);
        }
        return ((long) instanceId << 16) | definitionId;
    }

    private static void check(long zoneId) {
        if (zoneId < 0 || zoneId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("zoneId must be an unsigned 32-bit value, was " + zoneId);
        }
    }
}
