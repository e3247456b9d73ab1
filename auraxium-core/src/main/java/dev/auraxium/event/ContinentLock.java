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

    /**
     * Starts a {@code ContinentLock} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ContinentLock}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: TR (3) locked Indar, held by NC (2) before, at the end of alert
     * 147, populations 30/40/30 percent; {@code eventType} empty, as the service no longer sends it; on
     * world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends ZoneEventBuilder<Builder> {
        private OptionalInt eventType = OptionalInt.empty();
        private int metagameEventId = 147;
        private double ncPopulation = 30.0;
        private int previousFaction = 2;
        private double trPopulation = 40.0;
        private int triggeringFaction = 3;
        private double vsPopulation = 30.0;

        private Builder() {
        }

        /**
         * @param eventType the {@code event_type} field, not negative (present)
         * @return this builder
         */
        public Builder eventType(int eventType) {
            this.eventType = OptionalInt.of(Building.notNegative("eventType", eventType));
            return this;
        }

        /**
         * @param eventType the {@code event_type} field, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder eventType(OptionalInt eventType) {
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            return this;
        }

        /**
         * @param metagameEventId the alert that locked it, not negative
         * @return this builder
         */
        public Builder metagameEventId(int metagameEventId) {
            this.metagameEventId = Building.notNegative("metagameEventId", metagameEventId);
            return this;
        }

        /**
         * @param ncPopulation NC population share in percent, a finite number
         * @return this builder
         */
        public Builder ncPopulation(double ncPopulation) {
            this.ncPopulation = Building.finite("ncPopulation", ncPopulation);
            return this;
        }

        /**
         * @param previousFaction the faction that held the continent before, not negative
         * @return this builder
         */
        public Builder previousFaction(int previousFaction) {
            this.previousFaction = Building.notNegative("previousFaction", previousFaction);
            return this;
        }

        /**
         * @param trPopulation TR population share in percent, a finite number
         * @return this builder
         */
        public Builder trPopulation(double trPopulation) {
            this.trPopulation = Building.finite("trPopulation", trPopulation);
            return this;
        }

        /**
         * @param triggeringFaction the faction that locked it, not negative
         * @return this builder
         */
        public Builder triggeringFaction(int triggeringFaction) {
            this.triggeringFaction = Building.notNegative("triggeringFaction", triggeringFaction);
            return this;
        }

        /**
         * @param vsPopulation VS population share in percent, a finite number
         * @return this builder
         */
        public Builder vsPopulation(double vsPopulation) {
            this.vsPopulation = Building.finite("vsPopulation", vsPopulation);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public ContinentLock build() {
            return new ContinentLock(timestampOrNow(), worldId, eventType, metagameEventId, ncPopulation, previousFaction, trPopulation, triggeringFaction, vsPopulation, zoneId);
        }
    }
}
