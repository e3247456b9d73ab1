package dev.auraxium.cli.internal;

import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's running figures, fed by trigger actions and read by the live view.
 *
 * <p>Threading: the client's dispatch thread writes, the view thread reads; every method is
 * synchronized (a few hundred updates a second do not need more).
 */
public final class DemoFigures {
    private long events;
    private final Map<String, Long> eventsByType = new TreeMap<>();
    private long kills;
    private long headshots;
    private final Map<Integer, Long> killsByWorld = new TreeMap<>();
    private final Map<Long, Long> killsByAttacker = new HashMap<>();
    private final Map<Integer, long[]> experienceById = new HashMap<>();

    /** @param e any event (the "events by type" trigger) */
    public synchronized void event(Event e) {
        events++;
        eventsByType.merge(e.eventName(), 1L, Long::sum);
    }

    /** @param d a death (the "kills by world" trigger) */
    public synchronized void kill(Death d) {
        kills++;
        killsByWorld.merge(d.worldId(), 1L, Long::sum);
    }

    /** @param d a headshot death (the "headshot ratio" trigger) */
    public synchronized void headshot(Death d) {
        headshots++;
    }

    /** @param d a death by another player (the "top killers" trigger) */
    public synchronized void killer(Death d) {
        killsByAttacker.merge(d.attackerCharacterId(), 1L, Long::sum);
    }

    /** @param g an experience tick (the "experience by type" trigger) */
    public synchronized void experience(GainExperience g) {
        long[] v = experienceById.computeIfAbsent(g.experienceId(), k -> new long[2]);
        v[0]++;
        v[1] += g.amount();
    }

    /** @return a consistent copy of the figures */
    public synchronized Snapshot snapshot() {
        List<Map.Entry<Long, Long>> killers = new ArrayList<>(killsByAttacker.entrySet());
        killers.sort(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<Long, Long> top = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> e : killers.subList(0, Math.min(5, killers.size()))) {
            top.put(e.getKey(), e.getValue());
        }
        List<Map.Entry<Integer, long[]>> xp = new ArrayList<>(experienceById.entrySet());
        xp.sort(Comparator.<Map.Entry<Integer, long[]>>comparingLong(e -> e.getValue()[1]).reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        Map<Integer, Long> xpTop = new LinkedHashMap<>();
        long xpTicks = 0;
        for (long[] v : experienceById.values()) {
            xpTicks += v[0];
        }
        for (Map.Entry<Integer, long[]> e : xp.subList(0, Math.min(5, xp.size()))) {
            xpTop.put(e.getKey(), e.getValue()[1]);
        }
        return new Snapshot(events, Map.copyOf(eventsByType), kills, headshots, new TreeMap<>(killsByWorld), top,
                xpTicks, xpTop);
    }

    /**
     * The figures at one moment.
     *
     * @param events events seen
     * @param eventsByType events by wire name
     * @param kills Death events
     * @param headshots Death events that were headshots
     * @param killsByWorld Death events by world id, ascending
     * @param topKillers the five attackers with the most kills of other players, most first
     * @param experienceTicks GainExperience events
     * @param topExperience the five experience ids that gave the most experience, amount summed, most first
     */
    public record Snapshot(long events, Map<String, Long> eventsByType, long kills, long headshots,
            Map<Integer, Long> killsByWorld, Map<Long, Long> topKillers, long experienceTicks,
            Map<Integer, Long> topExperience) {

        /** @return headshots per kill, 0 when there was no kill */
        public double headshotRatio() {
            return kills == 0 ? 0 : (double) headshots / kills;
        }
    }
}
