package dev.auraxium.testkit;

import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.BattleRankUp;
import dev.auraxium.event.ContinentLock;
import dev.auraxium.event.Death;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.FishScan;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.ItemAdded;
import dev.auraxium.event.MetagameEvent;
import dev.auraxium.event.PlayerFacilityCapture;
import dev.auraxium.event.PlayerFacilityDefend;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.SkillAdded;
import dev.auraxium.event.VehicleDestroy;
import dev.auraxium.testkit.internal.replay.SyntheticFrames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A seeded generator of raw ESS {@code serviceMessage} frames with the shape of the live stream,
 * for load tests, benchmarks and replays. The same seed and settings always give the same frames,
 * on any JVM.
 *
 * <p>What it imitates (the mix measured in real captures of the live service): an unfiltered
 * all-worlds stream dominated by GainExperience (about 85%), then Death, VehicleDestroy,
 * FacilityControl (with occasional bursts of dozens of flips on one continent, as when a continent locks),
 * logins/logouts, and rare events (ItemAdded, AchievementEarned, BattleRankUp, SkillAdded,
 * PlayerFacilityCapture/Defend, MetagameEvent, ContinentLock, FishScan). Frames are compact JSON
 * with the live service's envelope order {@code payload, service, type}, payload keys in
 * alphabetical order and every value a string; the current (2024) field sets with team ids;
 * 19-digit character ids starting 5428/5429 drawn from a fixed population so characters recur;
 * the 05:30 UTC world mix (SolTech, Emerald, Connery, Genudine, Cobalt, Miller); mostly static
 * continents and a few instanced zone ids. Event {@code timestamp}s follow a virtual clock that
 * advances at the configured rate from a fixed start, with about 3% of events dated one second
 * early, as the live stream is out of order by up to a second.
 *
 * <p>Threading: not thread-safe; use one generator per thread. Lifecycle: none; it is endless.
 *
 * <pre>{@code
 * SyntheticStream s = SyntheticStream.builder().seed(42).eventsPerSecond(200).build();
 * String frame = s.next();
 * Recording r = SyntheticStream.builder().seed(7).build().toRecording(10_000);
 * }</pre>
 */
public final class SyntheticStream {
    /** The default seed. */
    public static final long DEFAULT_SEED = 1L;
    /** The default rate: a medium-population hour for an unfiltered all-worlds subscription. */
    public static final double DEFAULT_EVENTS_PER_SECOND = 50.0;
    /** The default start of the virtual clock: the 2024 capture's first second. */
    public static final Instant DEFAULT_START = Instant.ofEpochSecond(1_730_180_177L);
    /** The default number of distinct characters. */
    public static final int DEFAULT_CHARACTERS = 5_000;

    private static final Map<String, Double> DEFAULT_MIX = defaultMixMap();
    private static final Map<Integer, Double> DEFAULT_WORLDS = defaultWorldMap();

    private final SyntheticFrames frames;
    private final double eventsPerSecond;
    private final long startNanos;
    private long generated;

    private SyntheticStream(Builder b) {
        this.eventsPerSecond = b.eventsPerSecond;
        this.startNanos = b.start.getEpochSecond() * 1_000_000_000L + b.start.getNano();
        this.frames = new SyntheticFrames(b.seed, b.mix, b.worlds, b.characters, b.bursts);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param seed the seed
     * @return a generator with that seed and the other defaults
     */
    public static SyntheticStream ofSeed(long seed) {
        return builder().seed(seed).build();
    }

    /** @return the default event mix: wire name to relative weight, in decreasing weight */
    public static Map<String, Double> defaultMix() {
        return DEFAULT_MIX;
    }

    /** @return the default world mix: world id to relative weight */
    public static Map<Integer, Double> defaultWorlds() {
        return DEFAULT_WORLDS;
    }

    /** @return the next frame */
    public String next() {
        long nanos = virtualNanos(generated);
        generated++;
        return frames.next(nanos);
    }

    /**
     * @param n how many frames, not negative
     * @return the next {@code n} frames, generated lazily as the stream is consumed
     */
    public Stream<String> stream(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return Stream.generate(this::next).limit(n);
    }

    /**
     * @param n how many frames, not negative
     * @return the next {@code n} frames as a recording whose receive times follow the virtual
     *     clock (the first frame at 0), so that it replays at the configured rate
     */
    public Recording toRecording(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        List<RecordedFrame> out = new ArrayList<>(n);
        long first = virtualNanos(generated);
        for (int i = 0; i < n; i++) {
            long at = virtualNanos(generated) - first;
            out.add(new RecordedFrame(next(), java.util.OptionalLong.of(at)));
        }
        return Recording.ofFrames(out);
    }

    /** @return how many frames this generator has made */
    public long generated() {
        return generated;
    }

    private long virtualNanos(long index) {
        return startNanos + (long) (index * 1e9 / eventsPerSecond);
    }

    /**
     * Settings of a {@link SyntheticStream}. Each setter checks its argument and names a bad value.
     * Not thread-safe; {@link #build()} may be called more than once, each time with a fresh
     * generator.
     */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private double eventsPerSecond = DEFAULT_EVENTS_PER_SECOND;
        private Instant start = DEFAULT_START;
        private int characters = DEFAULT_CHARACTERS;
        private boolean bursts = true;
        private final Map<String, Double> mix = new LinkedHashMap<>(DEFAULT_MIX);
        private Map<Integer, Double> worlds = new LinkedHashMap<>(DEFAULT_WORLDS);

        private Builder() {
        }

        /**
         * @param seed the seed; the same seed and settings give the same frames
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param rate how fast the events' virtual clock advances; finite and positive
         * @return this builder
         */
        public Builder eventsPerSecond(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("eventsPerSecond must be finite and positive, was " + rate);
            }
            this.eventsPerSecond = rate;
            return this;
        }

        /**
         * @param start the virtual clock's start (the first event's timestamp)
         * @return this builder
         */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            if (start.isBefore(Instant.EPOCH) || start.getEpochSecond() > 100_000_000_000L) {
                throw new IllegalArgumentException("start must be between the epoch and year 5000, was " + start);
            }
            return this;
        }

        /**
         * @param count how many distinct characters appear; at least 2 (a killer and a victim)
         * @return this builder
         */
        public Builder characters(int count) {
            if (count < 2) {
                throw new IllegalArgumentException("characters must be at least 2, was " + count);
            }
            this.characters = count;
            return this;
        }

        /**
         * Restricts the worlds: known worlds keep their default share among them, others get the
         * share of a small world (Cobalt).
         *
         * @param worldIds one or more world ids, each positive
         * @return this builder
         */
        public Builder worlds(int... worldIds) {
            Objects.requireNonNull(worldIds, "worldIds");
            if (worldIds.length == 0) {
                throw new IllegalArgumentException("worlds must name at least one world");
            }
            Map<Integer, Double> out = new LinkedHashMap<>();
            for (int w : worldIds) {
                if (w <= 0) {
                    throw new IllegalArgumentException("world ids must be positive, was " + w);
                }
                out.put(w, DEFAULT_WORLDS.getOrDefault(w, DEFAULT_WORLDS.get(13)));
            }
            this.worlds = out;
            return this;
        }

        /**
         * Overrides one event's relative weight in the mix (the defaults are
         * {@link SyntheticStream#defaultMix()}); 0 removes the event.
         *
         * @param eventName a wire name from the default mix, e.g. {@code "Death"}
         * @param weight finite, not negative
         * @return this builder
         */
        public Builder weight(String eventName, double weight) {
            Objects.requireNonNull(eventName, "eventName");
            if (!DEFAULT_MIX.containsKey(eventName)) {
                throw new IllegalArgumentException("unknown event name '" + eventName + "'; known: " + DEFAULT_MIX.keySet());
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + eventName + " must be finite and not negative, was " + weight);
            }
            mix.put(eventName, weight);
            return this;
        }

        /**
         * Only these events, each with its default weight relative to the others.
         *
         * @param eventNames wire names from the default mix
         * @return this builder
         */
        public Builder only(String... eventNames) {
            Objects.requireNonNull(eventNames, "eventNames");
            if (eventNames.length == 0) {
                throw new IllegalArgumentException("only must name at least one event");
            }
            for (String n : eventNames) {
                if (!DEFAULT_MIX.containsKey(n)) {
                    throw new IllegalArgumentException("unknown event name '" + n + "'; known: " + DEFAULT_MIX.keySet());
                }
            }
            List<String> keep = List.of(eventNames);
            mix.replaceAll((k, v) -> keep.contains(k) ? DEFAULT_MIX.get(k) : 0.0);
            return this;
        }

        /**
         * @param on whether FacilityControl sometimes comes in bursts of dozens of flips on one
         *     continent (default on); off gives a mix that matches the weights exactly on average
         * @return this builder
         */
        public Builder facilityBursts(boolean on) {
            this.bursts = on;
            return this;
        }

        /** @return a new generator */
        public SyntheticStream build() {
            if (mix.values().stream().allMatch(w -> w == 0)) {
                throw new IllegalStateException("every event weight is 0: nothing to generate");
            }
            return new SyntheticStream(this);
        }
    }

    private static Map<String, Double> defaultMixMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(GainExperience.NAME, 0.855);
        m.put(Death.NAME, 0.09);
        m.put(VehicleDestroy.NAME, 0.025);
        m.put(PlayerLogin.NAME, 0.008);
        m.put(PlayerLogout.NAME, 0.008);
        m.put(FacilityControl.NAME, 0.004);
        m.put(ItemAdded.NAME, 0.004);
        m.put(AchievementEarned.NAME, 0.002);
        m.put(BattleRankUp.NAME, 0.001);
        m.put(PlayerFacilityCapture.NAME, 0.001);
        m.put(PlayerFacilityDefend.NAME, 0.001);
        m.put(SkillAdded.NAME, 0.0008);
        m.put(FishScan.NAME, 0.0003);
        m.put(MetagameEvent.NAME, 0.0001);
        m.put(ContinentLock.NAME, 0.00005);
        return Collections.unmodifiableMap(m);
    }

    private static Map<Integer, Double> defaultWorldMap() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        m.put(40, 0.43);
        m.put(17, 0.35);
        m.put(1, 0.11);
        m.put(1000, 0.08);
        m.put(13, 0.02);
        m.put(10, 0.01);
        return Collections.unmodifiableMap(m);
    }
}
