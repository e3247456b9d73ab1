package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A continent locked: one faction won it at the end of an alert.
 *
 * @param timestamp when it locked
 * @param worldId the world
 * @param eventType the {@code event_type} field, which the ESS stopped sending around 2023-03;
 *     empty when absent
 * @param metagameEventId the alert (metagame event) that locked it
 * @param ncPopulation NC population share at lock, as sent (percent)
 * @param previousFaction the faction that held the continent before (1 VS, 2 NC, 3 TR)
 * @param trPopulation TR population share at lock, as sent (percent)
 * @param triggeringFaction the faction that locked it
 * @param vsPopulation VS population share at lock, as sent (percent)
 * @param zoneId the continent (see {@link ZoneEvent})
 */
public record ContinentLock(Instant timestamp, int worldId, OptionalInt eventType, int metagameEventId,
        double ncPopulation, int previousFaction, double trPopulation, int triggeringFaction,
        double vsPopulation, long zoneId) implements WorldEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "ContinentLock";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it locked
     * @param worldId the world
     * @param eventType the {@code event_type} field, which the ESS stopped sending around 2023-03;
     *     empty when absent
     * @param metagameEventId the alert (metagame event) that locked it
     * @param ncPopulation NC population share at lock, as sent (percent)
     * @param previousFaction the faction that held the continent before (1 VS, 2 NC, 3 TR)
     * @param trPopulation TR population share at lock, as sent (percent)
     * @param triggeringFaction the faction that locked it
     * @param vsPopulation VS population share at lock, as sent (percent)
     * @param zoneId the continent (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public ContinentLock {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventType, "eventType");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
