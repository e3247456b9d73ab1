package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The characters named by published events, for the {@code recentCharacterIds} commands: the last
 * {@value #MAX_MENTIONS} ids mentioned (a character and an attacker count once each), kept as a ring
 * that publishing writes without allocating; made distinct only when someone asks (a map kept in
 * recency order cost more than the rest of publishing).
 *
 * <p>Thread-safe: guarded by its own lock, held for a few array writes per event.
 */
final class RecentCharacters {

    /** Character mentions remembered: the last this many ids seen. */
    static final int MAX_MENTIONS = 10_000;

    private final long[] ring = new long[MAX_MENTIONS];
    private long written;

    /** Remembers the character and attacker an event names, if any. */
    void remember(Event event) {
        long character = event instanceof CharacterEvent c ? c.characterId() : 0;
        long attacker = event instanceof AttackerEvent a ? a.attackerCharacterId() : 0;
        if (character == 0 && attacker == 0) {
            return;
        }
        synchronized (ring) {
            if (character != 0) {
                ring[(int) (written++ % MAX_MENTIONS)] = character;
            }
            if (attacker != 0) {
                ring[(int) (written++ % MAX_MENTIONS)] = attacker;
            }
        }
    }

    /**
     * @return the distinct character ids among the last {@value #MAX_MENTIONS} mentions, ordered by
     *     their latest mention, oldest first
     */
    List<Long> ids() {
        LinkedHashSet<Long> newestFirst = new LinkedHashSet<>();
        synchronized (ring) {
            long oldest = Math.max(0, written - MAX_MENTIONS);
            for (long i = written - 1; i >= oldest; i--) {
                newestFirst.add(ring[(int) (i % MAX_MENTIONS)]);
            }
        }
        List<Long> ids = new ArrayList<>(newestFirst);
        Collections.reverse(ids);
        return List.copyOf(ids);
    }
}
