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

    /**
     * Starts a {@code MetagameEvent} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link MetagameEvent}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: alert 147 (instance 1) started on Indar with a 25 % experience
     * bonus and a 33/33/34 territory split; the state name and zone are present, as in current payloads;
     * on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends EventBuilder<Builder> {
        private double experienceBonus = 25.0;
        private double factionNc = 33.0;
        private double factionTr = 34.0;
        private double factionVs = 33.0;
        private int instanceId = 1;
        private int metagameEventId = 147;
        private int metagameEventState = MetagameEvent.STATE_STARTED;
        private Optional<String> metagameEventStateName = Optional.of("started");
        private OptionalLong zoneId = OptionalLong.of(Building.ZONE);

        private Builder() {
        }

        /**
         * @param experienceBonus the experience bonus in percent, a finite number
         * @return this builder
         */
        public Builder experienceBonus(double experienceBonus) {
            this.experienceBonus = Building.finite("experienceBonus", experienceBonus);
            return this;
        }

        /**
         * @param factionNc NC territory share in percent, a finite number
         * @return this builder
         */
        public Builder factionNc(double factionNc) {
            this.factionNc = Building.finite("factionNc", factionNc);
            return this;
        }

        /**
         * @param factionTr TR territory share in percent, a finite number
         * @return this builder
         */
        public Builder factionTr(double factionTr) {
            this.factionTr = Building.finite("factionTr", factionTr);
            return this;
        }

        /**
         * @param factionVs VS territory share in percent, a finite number
         * @return this builder
         */
        public Builder factionVs(double factionVs) {
            this.factionVs = Building.finite("factionVs", factionVs);
            return this;
        }

        /**
         * @param instanceId the alert instance on this world, not negative
         * @return this builder
         */
        public Builder instanceId(int instanceId) {
            this.instanceId = Building.notNegative("instanceId", instanceId);
            return this;
        }

        /**
         * @param metagameEventId the alert type, not negative
         * @return this builder
         */
        public Builder metagameEventId(int metagameEventId) {
            this.metagameEventId = Building.notNegative("metagameEventId", metagameEventId);
            return this;
        }

        /**
         * @param metagameEventState the state code (135 started ... 139), not negative
         * @return this builder
         */
        public Builder metagameEventState(int metagameEventState) {
            this.metagameEventState = Building.notNegative("metagameEventState", metagameEventState);
            return this;
        }

        /**
         * @param metagameEventStateName the state's name (present), not null
         * @return this builder
         */
        public Builder metagameEventStateName(String metagameEventStateName) {
            this.metagameEventStateName = Optional.of(Objects.requireNonNull(metagameEventStateName, "metagameEventStateName"));
            return this;
        }

        /**
         * @param metagameEventStateName the state's name, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder metagameEventStateName(Optional<String> metagameEventStateName) {
            this.metagameEventStateName = Objects.requireNonNull(metagameEventStateName, "metagameEventStateName");
            return this;
        }

        /**
         * @param zoneId the continent (present): an unsigned 32-bit zone id
         * @return this builder
         */
        public Builder zoneId(long zoneId) {
            this.zoneId = OptionalLong.of(Building.zone(zoneId));
            return this;
        }

        /**
         * @param zoneId the continent, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder zoneId(OptionalLong zoneId) {
            this.zoneId = Objects.requireNonNull(zoneId, "zoneId");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public MetagameEvent build() {
            return new MetagameEvent(timestampOrNow(), worldId, experienceBonus, factionNc, factionTr, factionVs, instanceId, metagameEventId, metagameEventState, metagameEventStateName, zoneId);
        }
    }
}
