package dev.auraxium.internal.subscription;

import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.BattleRankUp;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.ContinentLock;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
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
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.VehicleDestroy;
import dev.auraxium.event.WorldEvent;
import dev.auraxium.protocol.Subscription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client knows about event types: the wire name of each record, the wire names a
 * supertype covers (walking the sealed hierarchy, so a new record is covered without edits here),
 * and how the server selects each name (by character, by world, by either).
 */
public final class EventCatalog {

    /** How the server selects events of a name (docs/protocol.md, "Which events a connection receives"). */
    public enum Centric {
        /** character in characters (and world in worlds only under logicalAnd). */
        CHARACTER,
        /** world in worlds; characters and logicalAnd ignored. */
        WORLD,
        /** world in worlds OR character in characters (PlayerLogin, PlayerLogout). */
        EITHER,
        /** not known here: an UnknownEvent is selected like a character event when it has a character_id, else like a world event. */
        UNKNOWN
    }

    private static final Map<Class<? extends Event>, String> NAMES;
    private static final Map<String, Class<? extends Event>> CLASSES;
    private static final Map<Class<?>, Set<String>> COVERED = new ConcurrentHashMap<>();

    static {
        Map<Class<? extends Event>, String> m = new LinkedHashMap<>();
        m.put(AchievementEarned.class, AchievementEarned.NAME);
        m.put(BattleRankUp.class, BattleRankUp.NAME);
        m.put(ContinentLock.class, ContinentLock.NAME);
        m.put(Death.class, Death.NAME);
        m.put(FacilityControl.class, FacilityControl.NAME);
        m.put(FishScan.class, FishScan.NAME);
        m.put(GainExperience.class, GainExperience.NAME);
        m.put(ItemAdded.class, ItemAdded.NAME);
        m.put(MetagameEvent.class, MetagameEvent.NAME);
        m.put(PlayerFacilityCapture.class, PlayerFacilityCapture.NAME);
        m.put(PlayerFacilityDefend.class, PlayerFacilityDefend.NAME);
        m.put(PlayerLogin.class, PlayerLogin.NAME);
        m.put(PlayerLogout.class, PlayerLogout.NAME);
        m.put(SkillAdded.class, SkillAdded.NAME);
        m.put(VehicleDestroy.class, VehicleDestroy.NAME);
        NAMES = Collections.unmodifiableMap(m);
        Map<String, Class<? extends Event>> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(v, k));
        CLASSES = Collections.unmodifiableMap(c);
    }

    private EventCatalog() {
    }

    /**
     * The wire names a trigger on {@code type} needs subscribed: {@code {"all"}} for {@link Event}
     * and {@link UnknownEvent} (an unknown event's name cannot be listed in advance), the record's
     * name for a record, and the names of every record below a sealed supertype.
     */
    public static Set<String> namesCovered(Class<? extends Event> type) {
        return COVERED.computeIfAbsent(type, t -> {
            Set<String> out = new LinkedHashSet<>();
            collect(t, out);
            return Collections.unmodifiableSet(out);
        });
    }

    private static void collect(Class<?> type, Set<String> out) {
        if (type == Event.class || type == UnknownEvent.class) {
            out.add(Subscription.ALL);
            return;
        }
        String name = NAMES.get(type);
        if (name != null) {
            out.add(name);
            return;
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted == null) {
            // Not part of the sealed hierarchy we know: be safe and take everything.
            out.add(Subscription.ALL);
            return;
        }
        for (Class<?> p : permitted) {
            collect(p, out);
        }
    }

    /** @return how the server selects events of this subscription name (wire or filter name) */
    public static Centric centric(String name) {
        if (name.startsWith(GainExperience.FILTER_PREFIX)) {
            return Centric.CHARACTER;
        }
        Class<? extends Event> c = CLASSES.get(name);
        if (c == null) {
            return Centric.UNKNOWN;
        }
        boolean world = WorldEvent.class.isAssignableFrom(c);
        boolean character = CharacterEvent.class.isAssignableFrom(c);
        if (world && character) {
            return Centric.EITHER;
        }
        return world ? Centric.WORLD : Centric.CHARACTER;
    }
}
