package dev.auraxium.internal.dispatch;

import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.internal.subscription.EventCatalog;
import dev.auraxium.protocol.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the triggers that can match an event without looking at the others: a map from event name
 * to a bucket, and in each bucket the triggers with a character filter by character id, those with
 * only a world filter by world id, and a list of unfiltered ones. Work per event is proportional to
 * the candidates, not to all registered triggers.
 *
 * <p>Writers (add, remove) are serialised by the client's lock; the dispatch thread reads
 * concurrently without locking (concurrent maps of copy-on-write lists).
 */
public final class TriggerIndex {
    /** Bucket key of triggers on {@code Event.class}: every event. */
    static final String ANY = "\u0000any";
    /** Bucket key of triggers on {@code UnknownEvent.class}: every unknown event. */
    static final String UNKNOWN = "\u0000unknown";

    private static final Comparator<Registration> BY_SEQ = Comparator.comparingLong(Registration::seq);

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        final CopyOnWriteArrayList<Registration> unfiltered = new CopyOnWriteArrayList<>();
        final ConcurrentHashMap<Long, CopyOnWriteArrayList<Registration>> byCharacter = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Integer, CopyOnWriteArrayList<Registration>> byWorld = new ConcurrentHashMap<>();

        boolean isEmpty() {
            return unfiltered.isEmpty() && byCharacter.isEmpty() && byWorld.isEmpty();
        }
    }

    /** The bucket keys of a trigger: the names it can match. */
    static Set<String> keys(Trigger<?> t) {
        Set<String> keys = new LinkedHashSet<>();
        for (Class<? extends Event> c : t.eventTypes()) {
            if (c == Event.class) {
                keys.add(ANY);
            } else if (c == UnknownEvent.class) {
                keys.add(UNKNOWN);
            } else {
                for (String n : EventCatalog.namesCovered(c)) {
                    keys.add(n.equals(Subscription.ALL) ? ANY : n);
                }
            }
        }
        keys.addAll(t.eventNames());
        return keys;
    }

    /** Adds a registration. Called with the client's lock held. */
    public void add(Registration r) {
        Trigger<?> t = r.trigger();
        for (String key : keys(t)) {
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
            if (!t.characters().isEmpty()) {
                for (Long c : t.characters()) {
                    b.byCharacter.computeIfAbsent(c, k -> new CopyOnWriteArrayList<>()).add(r);
                }
            } else if (!t.worlds().isEmpty()) {
                for (Integer w : t.worlds()) {
                    b.byWorld.computeIfAbsent(w, k -> new CopyOnWriteArrayList<>()).add(r);
                }
            } else {
                b.unfiltered.add(r);
            }
        }
    }

    /** Removes a registration. Called with the client's lock held. */
    public void remove(Registration r) {
        Trigger<?> t = r.trigger();
        for (String key : keys(t)) {
            Bucket b = buckets.get(key);
            if (b == null) {
                continue;
            }
            if (!t.characters().isEmpty()) {
                for (Long c : t.characters()) {
                    b.byCharacter.computeIfPresent(c, (k, l) -> l.remove(r) && l.isEmpty() ? null : l);
                }
            } else if (!t.worlds().isEmpty()) {
                for (Integer w : t.worlds()) {
                    b.byWorld.computeIfPresent(w, (k, l) -> l.remove(r) && l.isEmpty() ? null : l);
                }
            } else {
                b.unfiltered.remove(r);
            }
            buckets.computeIfPresent(key, (k, bb) -> bb.isEmpty() ? null : bb);
        }
    }

    /**
     * The registrations that may match the event, in registration order, each once. The caller
     * still runs {@link Trigger#check} (conditions, and the other filter of a trigger indexed by
     * one).
     */
    public List<Registration> candidates(Event event) {
        List<Registration> out = new ArrayList<>();
        collect(buckets.get(event.eventName()), event, out);
        if (event instanceof GainExperience g) {
            collect(buckets.get(g.filterName()), event, out);
        }
        if (event instanceof UnknownEvent) {
            collect(buckets.get(UNKNOWN), event, out);
        }
        collect(buckets.get(ANY), event, out);
        if (out.size() > 1) {
            out.sort(BY_SEQ);
            int w = 1;
            for (int i = 1; i < out.size(); i++) {
                if (out.get(i) != out.get(w - 1)) {
                    out.set(w++, out.get(i));
                }
            }
            out.subList(w, out.size()).clear();
        }
        return out;
    }

    private static void collect(Bucket b, Event event, List<Registration> out) {
        if (b == null) {
            return;
        }
        addAll(b.unfiltered, out);
        if (!b.byWorld.isEmpty()) {
            addAll(b.byWorld.get(event.worldId()), out);
        }
        if (!b.byCharacter.isEmpty()) {
            if (event instanceof CharacterEvent c) {
                addAll(b.byCharacter.get(c.characterId()), out);
                if (event instanceof AttackerEvent a && a.attackerCharacterId() != a.characterId()) {
                    addAll(b.byCharacter.get(a.attackerCharacterId()), out);
                }
            } else if (event instanceof UnknownEvent u && u.characterId().isPresent()) {
                addAll(b.byCharacter.get(u.characterId().get()), out);
            }
        }
    }

    /** Iterates rather than {@code addAll}: a copy-on-write list's iterator needs no array copy. */
    private static void addAll(List<Registration> l, List<Registration> out) {
        if (l != null) {
            for (Registration r : l) {
                out.add(r);
            }
        }
    }
}
