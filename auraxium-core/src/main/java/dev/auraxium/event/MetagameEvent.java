package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An alert (metagame event) changed state: started, ended, and so on.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param experienceBonus the experience bonus in percent, e.g. 25.0
 * @param factionNc NC territory share in percent
 * @param factionTr TR territory share in percent
 * @param factionVs VS territory share in percent
 * @param instanceId the alert instance on this world
 * @param metagameEventId the alert type (Census {@code metagame_event})
 * @param metagameEventState 135 started, 136 restarted, 137 canceled, 138 ended, 139 xp bonus changed
 * @param metagameEventStateName the state's name ({@code "started"}, {@code "ended"}, ...); empty in
 *     older payloads
 * @param zoneId the continent; empty in payloads before ~2019
 */
public record MetagameEvent(Instant timestamp, int worldId, double experienceBonus, double factionNc,
        double factionTr, double factionVs, int instanceId, int metagameEventId, int metagameEventState,
        Optional<String> metagameEventStateName, OptionalLong zoneId) implements WorldEvent {
    /** The wire name. */
    public static final String NAME = "MetagameEvent";
    /** {@code metagame_event_state} of a started alert. */
    public static final int STATE_STARTED = 135;
    /** {@code metagame_event_state} of a restarted alert. */
    public static final int STATE_RESTARTED = 136;
    /** {@code metagame_event_state} of a canceled alert. */
    public static final int STATE_CANCELED = 137;
    /** {@code metagame_event_state} of an ended alert. */
    public static final int STATE_ENDED = 138;
    /** {@code metagame_event_state} when the experience bonus changed. */
    public static final int STATE_XP_BONUS_CHANGED = 139;

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param experienceBonus the experience bonus in percent, e.g. 25.0
     * @param factionNc NC territory share in percent
     * @param factionTr TR territory share in percent
     * @param factionVs VS territory share in percent
     * @param instanceId the alert instance on this world
     * @param metagameEventId the alert type (Census {@code metagame_event})
     * @param metagameEventState 135 started, 136 restarted, 137 canceled, 138 ended, 139 xp bonus changed
     * @param metagameEventStateName the state's name ({@code "started"}, {@code "ended"}, ...); empty in
     *     older payloads
     * @param zoneId the continent; empty in payloads before ~2019
     * @throws NullPointerException if a component is {@code null}
     */
    public MetagameEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(metagameEventStateName, "metagameEventStateName");
        Objects.requireNonNull(zoneId, "zoneId");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
