package dev.auraxium.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Defaults and argument checks shared by the events' builders. */
final class Building {
    /** Emerald. */
    static final int WORLD = 17;
    /** Indar. */
    static final long ZONE = Zones.INDAR;
    /** The default (victim's) character id. */
    static final long CHARACTER = 5428010618015189713L;
    /** The default attacker's character id. */
    static final long ATTACKER = 5428011263335537297L;

    private Building() {
    }

    /** @return now, without the fraction of a second the wire cannot carry */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static Instant seconds(Instant timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        if (timestamp.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("timestamp must not be before 1970-01-01T00:00:00Z (the wire carries "
                    + "Unix seconds), was " + timestamp);
        }
        return timestamp.truncatedTo(ChronoUnit.SECONDS);
    }

    static int world(int worldId) {
        if (worldId <= 0) {
            throw new IllegalArgumentException("worldId must be positive, was " + worldId);
        }
        return worldId;
    }

    static long zone(long zoneId) {
        if (zoneId < 0 || zoneId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("zoneId must be an unsigned 32-bit value (0 to 4294967295), was " + zoneId);
        }
        return zoneId;
    }

    static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    static long notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return value;
    }
}
