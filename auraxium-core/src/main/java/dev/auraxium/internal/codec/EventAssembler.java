package dev.auraxium.internal.codec;

import static dev.auraxium.internal.codec.PayloadSlots.*;

import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.BattleRankUp;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds the typed event from filled {@link PayloadSlots}, applying the rules of {@link Event}: the
 * three common fields are required, drifting fields are optional, any other missing field reads as
 * 0 / false / "", and a field whose value is not of its kind reads as missing and is recorded in
 * {@link PayloadSlots#invalid}.
 */
final class EventAssembler {
    /** Small optional ints (team ids, factions) are shared: they are most of what Death carries. */
    private static final OptionalInt[] SMALL = new OptionalInt[256];
    private static final Optional<Boolean> TRUE = Optional.of(Boolean.TRUE);
    private static final Optional<Boolean> FALSE = Optional.of(Boolean.FALSE);

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = OptionalInt.of(i);
        }
    }

    private final PayloadSlots s;
    private final String text;

    private EventAssembler(PayloadSlots s, String text) {
        this.s = s;
        this.text = text;
    }

    /**
     * @param slots the filled payload
     * @param text the frame (for errors and the unknown-event slow path)
     * @param bare whether {@code text} is the payload itself rather than a whole frame
     */
    static Event assemble(PayloadSlots slots, String text, boolean bare) {
        EventAssembler a = new EventAssembler(slots, text);
        if (slots.isBad(EVENT_NAME)) {
            throw EssDecoder.fail("event_name is not valid: " + slots.badValues[EVENT_NAME], text, null);
        }
        Instant ts = a.timestamp();
        int world = a.reqInt(WORLD_ID);
        return switch (slots.eventKind) {
            case EventKinds.ACHIEVEMENT_EARNED -> new AchievementEarned(ts, world, a.i(ACHIEVEMENT_ID),
                    a.l(CHARACTER_ID), a.zone());
            case EventKinds.BATTLE_RANK_UP -> new BattleRankUp(ts, world, a.i(BATTLE_RANK), a.l(CHARACTER_ID),
                    a.zone());
            case EventKinds.CONTINENT_LOCK -> new ContinentLock(ts, world, a.optInt(EVENT_TYPE),
                    a.i(METAGAME_EVENT_ID), a.d(NC_POPULATION), a.i(PREVIOUS_FACTION), a.d(TR_POPULATION),
                    a.i(TRIGGERING_FACTION), a.d(VS_POPULATION), a.zone());
            case EventKinds.DEATH -> new Death(ts, world, a.l(ATTACKER_CHARACTER_ID), a.i(ATTACKER_FIRE_MODE_ID),
                    a.i(ATTACKER_LOADOUT_ID), a.optInt(ATTACKER_TEAM_ID), a.i(ATTACKER_VEHICLE_ID),
                    a.i(ATTACKER_WEAPON_ID), a.l(CHARACTER_ID), a.i(CHARACTER_LOADOUT_ID), a.optBool(IS_CRITICAL),
                    a.b(IS_HEADSHOT), a.optInt(TEAM_ID), a.optInt(VEHICLE_ID), a.zone());
            case EventKinds.FACILITY_CONTROL -> new FacilityControl(ts, world, a.l(DURATION_HELD),
                    a.i(FACILITY_ID), a.i(NEW_FACTION_ID), a.i(OLD_FACTION_ID), a.optLong(OUTFIT_ID), a.zone());
            case EventKinds.FISH_SCAN -> new FishScan(ts, world, a.l(CHARACTER_ID), a.i(FISH_ID), a.i(LOADOUT_ID),
                    a.i(TEAM_ID), a.zone());
            case EventKinds.GAIN_EXPERIENCE -> new GainExperience(ts, world, a.i(AMOUNT), a.l(CHARACTER_ID),
                    a.i(EXPERIENCE_ID), a.i(LOADOUT_ID), a.l(OTHER_ID), a.optInt(TEAM_ID), a.zone());
            case EventKinds.ITEM_ADDED -> new ItemAdded(ts, world, a.l(CHARACTER_ID), a.t(CONTEXT),
                    a.i(ITEM_COUNT), a.i(ITEM_ID), a.zone());
            case EventKinds.METAGAME_EVENT -> new MetagameEvent(ts, world, a.d(EXPERIENCE_BONUS), a.d(FACTION_NC),
                    a.d(FACTION_TR), a.d(FACTION_VS), a.i(INSTANCE_ID), a.i(METAGAME_EVENT_ID),
                    a.i(METAGAME_EVENT_STATE), a.optText(METAGAME_EVENT_STATE_NAME), a.optZone());
            case EventKinds.PLAYER_FACILITY_CAPTURE -> new PlayerFacilityCapture(ts, world, a.l(CHARACTER_ID),
                    a.i(FACILITY_ID), a.l(OUTFIT_ID), a.zone());
            case EventKinds.PLAYER_FACILITY_DEFEND -> new PlayerFacilityDefend(ts, world, a.l(CHARACTER_ID),
                    a.i(FACILITY_ID), a.l(OUTFIT_ID), a.zone());
            case EventKinds.PLAYER_LOGIN -> new PlayerLogin(ts, world, a.l(CHARACTER_ID));
            case EventKinds.PLAYER_LOGOUT -> new PlayerLogout(ts, world, a.l(CHARACTER_ID));
            case EventKinds.SKILL_ADDED -> new SkillAdded(ts, world, a.l(CHARACTER_ID), a.i(SKILL_ID), a.zone());
            case EventKinds.VEHICLE_DESTROY -> new VehicleDestroy(ts, world, a.l(ATTACKER_CHARACTER_ID),
                    a.i(ATTACKER_LOADOUT_ID), a.optInt(ATTACKER_TEAM_ID), a.i(ATTACKER_VEHICLE_ID),
                    a.i(ATTACKER_WEAPON_ID), a.l(CHARACTER_ID), a.i(FACILITY_ID), a.i(FACTION_ID), a.optInt(TEAM_ID),
                    a.i(VEHICLE_ID), a.zone());
            default -> a.unknown(ts, world, bare);
        };
    }

    private Event unknown(Instant ts, int world, boolean bare) {
        String name = s.texts[EVENT_NAME];
        if (name == null || name.isEmpty()) {
            throw EssDecoder.fail("event_name is empty", text, null);
        }
        Map<String, String> fields = Trees.payloadFields(text, bare);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (Chars.hasLoneSurrogate(e.getKey()) || Chars.hasLoneSurrogate(e.getValue())) {
                throw EssDecoder.fail("field " + e.getKey() + " has an unpaired UTF-16 surrogate", text, null);
            }
        }
        return new UnknownEvent(name, ts, world, fields);
    }

    private Instant timestamp() {
        long secs = reqLong(TIMESTAMP);
        Instant i = EssDecoder.instant(secs);
        if (i == null || secs < 0) {
            throw EssDecoder.fail("timestamp out of range: " + secs, text, null);
        }
        return i;
    }

    private void checkBad(int slot) {
        if (s.isBad(slot)) {
            throw EssDecoder.fail(NAMES[slot] + " is not valid: " + s.badValues[slot], text, null);
        }
    }

    /** A required field: missing or of the wrong kind, the payload is not an event. */
    private long reqLong(int slot) {
        if (!s.has(slot)) {
            throw EssDecoder.fail("payload has no " + NAMES[slot], text, null);
        }
        checkBad(slot);
        return s.nums[slot];
    }

    private int reqInt(int slot) {
        long v = reqLong(slot);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw EssDecoder.fail(NAMES[slot] + " out of int range: " + v, text, null);
        }
        return (int) v;
    }

    /**
     * Whether an optional-to-the-decoder field is there with a value of its kind. A value of the
     * wrong kind is recorded in {@link PayloadSlots#invalid} and the field reads as absent.
     */
    private boolean usable(int slot) {
        if (!s.has(slot)) {
            return false;
        }
        if (s.isBad(slot)) {
            s.invalid |= 1L << slot;
            return false;
        }
        return true;
    }

    /** Whether a usable number is in {@code [min, max]}; out of it, it is recorded as invalid. */
    private boolean inRange(int slot, long min, long max) {
        long v = s.nums[slot];
        if (v < min || v > max) {
            s.invalid |= 1L << slot;
            s.badValues[slot] = Long.toString(v);
            return false;
        }
        return true;
    }

    private long l(int slot) {
        return usable(slot) ? s.nums[slot] : 0;
    }

    private int i(int slot) {
        return usable(slot) && inRange(slot, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (int) s.nums[slot] : 0;
    }

    private double d(int slot) {
        return usable(slot) ? Double.longBitsToDouble(s.nums[slot]) : 0;
    }

    private boolean b(int slot) {
        return usable(slot) && s.nums[slot] != 0;
    }

    private String t(int slot) {
        return usable(slot) ? s.texts[slot] : "";
    }

    private OptionalInt optInt(int slot) {
        if (!usable(slot) || !inRange(slot, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            return OptionalInt.empty();
        }
        int v = (int) s.nums[slot];
        return v >= 0 && v < SMALL.length ? SMALL[v] : OptionalInt.of(v);
    }

    private OptionalLong optLong(int slot) {
        return usable(slot) ? OptionalLong.of(s.nums[slot]) : OptionalLong.empty();
    }

    private Optional<Boolean> optBool(int slot) {
        if (!usable(slot)) {
            return Optional.empty();
        }
        return s.nums[slot] != 0 ? TRUE : FALSE;
    }

    private Optional<String> optText(int slot) {
        return usable(slot) ? Optional.of(s.texts[slot]) : Optional.empty();
    }

    private long zone() {
        return usable(ZONE_ID) && inRange(ZONE_ID, 0, 0xFFFF_FFFFL) ? s.nums[ZONE_ID] : 0;
    }

    private OptionalLong optZone() {
        return usable(ZONE_ID) && inRange(ZONE_ID, 0, 0xFFFF_FFFFL) ? OptionalLong.of(s.nums[ZONE_ID])
                : OptionalLong.empty();
    }
}
