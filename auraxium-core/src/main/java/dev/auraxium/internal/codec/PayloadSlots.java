package dev.auraxium.internal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scratch space for one payload object: every known payload field has a slot, filled straight from
 * the parser's character buffer so that a known event is decoded without an intermediate map or a
 * String per value. A value that does not parse for its slot's kind is remembered, not thrown: the
 * event type that uses the field refuses the payload when the field is required, and otherwise
 * reads the field as absent and records it in {@link #invalid} (unknown events keep everything as
 * text).
 *
 * <p>Not thread-safe: one instance per thread, reset per payload.
 */
final class PayloadSlots {
    static final int ACHIEVEMENT_ID = 0;
    static final int AMOUNT = 1;
    static final int ATTACKER_CHARACTER_ID = 2;
    static final int ATTACKER_FIRE_MODE_ID = 3;
    static final int ATTACKER_LOADOUT_ID = 4;
    static final int ATTACKER_TEAM_ID = 5;
    static final int ATTACKER_VEHICLE_ID = 6;
    static final int ATTACKER_WEAPON_ID = 7;
    static final int BATTLE_RANK = 8;
    static final int CHARACTER_ID = 9;
    static final int CHARACTER_LOADOUT_ID = 10;
    static final int CONTEXT = 11;
    static final int DURATION_HELD = 12;
    static final int EVENT_NAME = 13;
    static final int EVENT_TYPE = 14;
    static final int EXPERIENCE_BONUS = 15;
    static final int EXPERIENCE_ID = 16;
    static final int FACILITY_ID = 17;
    static final int FACTION_ID = 18;
    static final int FACTION_NC = 19;
    static final int FACTION_TR = 20;
    static final int FACTION_VS = 21;
    static final int FISH_ID = 22;
    static final int INSTANCE_ID = 23;
    static final int IS_CRITICAL = 24;
    static final int IS_HEADSHOT = 25;
    static final int ITEM_COUNT = 26;
    static final int ITEM_ID = 27;
    static final int LOADOUT_ID = 28;
    static final int METAGAME_EVENT_ID = 29;
    static final int METAGAME_EVENT_STATE = 30;
    static final int METAGAME_EVENT_STATE_NAME = 31;
    static final int NC_POPULATION = 32;
    static final int NEW_FACTION_ID = 33;
    static final int OLD_FACTION_ID = 34;
    static final int OTHER_ID = 35;
    static final int OUTFIT_ID = 36;
    static final int PREVIOUS_FACTION = 37;
    static final int SKILL_ID = 38;
    static final int TEAM_ID = 39;
    static final int TIMESTAMP = 40;
    static final int TR_POPULATION = 41;
    static final int TRIGGERING_FACTION = 42;
    static final int VEHICLE_ID = 43;
    static final int VS_POPULATION = 44;
    static final int WORLD_ID = 45;
    static final int ZONE_ID = 46;
    static final int RECENT_COUNT = 47;
    static final int RECENT_LIST = 48;
    static final int COUNT = 49;

    static final String[] NAMES = new String[COUNT];

    private static final int LONG = 0;
    private static final int DOUBLE = 1;
    private static final int BOOL = 2;
    private static final int TEXT = 3;
    private static final int[] KIND = new int[COUNT];

    static {
        String[] names = {"achievement_id", "amount", "attacker_character_id", "attacker_fire_mode_id",
            "attacker_loadout_id", "attacker_team_id", "attacker_vehicle_id", "attacker_weapon_id", "battle_rank",
            "character_id", "character_loadout_id", "context", "duration_held", "event_name", "event_type",
            "experience_bonus", "experience_id", "facility_id", "faction_id", "faction_nc", "faction_tr",
            "faction_vs", "fish_id", "instance_id", "is_critical", "is_headshot", "item_count", "item_id",
            "loadout_id", "metagame_event_id", "metagame_event_state", "metagame_event_state_name",
            "nc_population", "new_faction_id", "old_faction_id", "other_id", "outfit_id", "previous_faction",
            "skill_id", "team_id", "timestamp", "tr_population", "triggering_faction", "vehicle_id",
            "vs_population", "world_id", "zone_id", "recent_character_id_count", "recent_character_id_list"};
        System.arraycopy(names, 0, NAMES, 0, COUNT);
        for (int s : new int[] {EXPERIENCE_BONUS, FACTION_NC, FACTION_TR, FACTION_VS, NC_POPULATION,
            TR_POPULATION, VS_POPULATION}) {
            KIND[s] = DOUBLE;
        }
        KIND[IS_CRITICAL] = BOOL;
        KIND[IS_HEADSHOT] = BOOL;
        KIND[CONTEXT] = TEXT;
        KIND[METAGAME_EVENT_STATE_NAME] = TEXT;
        KIND[EVENT_NAME] = TEXT;
    }

    long present;
    long bad;
    /**
     * Fields the assembled event uses whose value was not of their kind (a bad value or a number
     * out of the field's range): the event was built as if the payload lacked them.
     */
    long invalid;
    final long[] nums = new long[COUNT];
    final String[] texts = new String[COUNT];
    final String[] badValues = new String[COUNT];
    /** Index into {@link EventKinds#NAMES}, or -1 when the name is not a known event. */
    int eventKind;
    List<Long> recentList;

    void reset() {
        present = 0;
        bad = 0;
        invalid = 0;
        eventKind = -1;
        recentList = null;
    }

    /** @return field name to its rejected value (quoted when it was a string), for {@link #invalid} */
    Map<String, String> invalidFields() {
        if (invalid == 0) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int slot = 0; slot < COUNT; slot++) {
            if ((invalid & (1L << slot)) != 0) {
                out.put(NAMES[slot], badValues[slot]);
            }
        }
        return out;
    }

        boolean has(int slot) {
        return (present & (1L << slot)) != 0;
    }

    boolean isBad(int slot) {
        return (bad & (1L << slot)) != 0;
    }

    /** The slot of a field name, or -1: the Jackson path's lookup, on the same table as the scanner's. */
    static int slotOf(String name) {
        int hash = name.hashCode();
        for (int i = hash & (TABLE - 1);; i = (i + 1) & (TABLE - 1)) {
            int entry = TABLE_SLOT[i];
            if (entry == 0) {
                return -1;
            }
            if (TABLE_HASH[i] == hash && NAMES[entry - 1].equals(name)) {
                return entry - 1;
            }
        }
    }

    /**
     * Open addressing over {@link String#hashCode()} of the names: each entry is a slot + 1, 0 for
     * empty, with the name's hash and characters beside it so a lookup touches no String.
     */
    private static final int TABLE = 128;
    private static final int[] TABLE_SLOT = new int[TABLE];
    private static final int[] TABLE_HASH = new int[TABLE];
    private static final char[][] TABLE_NAME = new char[TABLE][];

    static {
        for (int slot = 0; slot < COUNT; slot++) {
            int hash = NAMES[slot].hashCode();
            int i = hash & (TABLE - 1);
            while (TABLE_SLOT[i] != 0) {
                i = (i + 1) & (TABLE - 1);
            }
            TABLE_SLOT[i] = slot + 1;
            TABLE_HASH[i] = hash;
            TABLE_NAME[i] = NAMES[slot].toCharArray();
        }
    }

    /**
     * The slot of a field name given as characters, or -1.
     *
     * @param hash the name's {@link String#hashCode()}, computed while scanning it
     */
    static int slotOf(char[] buf, int off, int len, int hash) {
        for (int i = hash & (TABLE - 1);; i = (i + 1) & (TABLE - 1)) {
            int entry = TABLE_SLOT[i];
            if (entry == 0) {
                return -1;
            }
            if (TABLE_HASH[i] == hash && Chars.same(TABLE_NAME[i], buf, off, len)) {
                return entry - 1;
            }
        }
    }

    /**
     * Reads the payload object the parser is positioned on (its START_OBJECT) up to and including
     * its END_OBJECT.
     */
    void read(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int slot = slotOf(p.currentName());
            JsonToken v = p.nextToken();
            if (slot < 0) {
                p.skipChildren();
                continue;
            }
            readValue(p, slot, v);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected token in payload: " + t);
        }
    }

    private void readValue(JsonParser p, int slot, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return; // never seen on the wire; treated as absent
        }
        if (v == JsonToken.VALUE_STRING) { // every value on the live wire is a string
            readString(slot, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            return;
        }
        present |= 1L << slot;
        if (slot == RECENT_LIST) {
            readLongList(p, v);
            return;
        }
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
            markBad(slot, v == JsonToken.START_OBJECT ? "an object" : "an array");
            return;
        }
        switch (KIND[slot]) {
            case LONG -> readLong(p, slot, v);
            case DOUBLE -> readDouble(p, slot, v);
            case BOOL -> readBool(p, slot, v);
            default -> markBad(slot, p.getText()); // a number or a literal where text belongs
        }
    }

    private void markBad(int slot, String what) {
        bad |= 1L << slot;
        badValues[slot] = what;
    }

    /**
     * Fills a slot from a JSON string value, given as its (unescaped) characters. Both decoders
     * come through here: the Jackson one for each string token, and {@link EventFrameScanner} for
     * frames it can read without Jackson, so the two agree on every value by construction.
     */
    void readString(int slot, char[] buf, int off, int len) {
        present |= 1L << slot;
        switch (slot == RECENT_LIST ? -1 : KIND[slot]) {
            case LONG -> {
                long r = parseLong(buf, off, len);
                if (r == Long.MIN_VALUE) {
                    markBad(slot, quote(buf, off, len));
                } else {
                    nums[slot] = r;
                }
            }
            case DOUBLE -> readDouble(slot, new String(buf, off, len), true);
            case BOOL -> {
                if (len == 1 && (buf[off] == '0' || buf[off] == '1')) {
                    nums[slot] = buf[off] - '0';
                } else {
                    readBool(slot, new String(buf, off, len), true);
                }
            }
            case TEXT -> {
                if (slot == EVENT_NAME) {
                    int kind = EventKinds.match(buf, off, len);
                    eventKind = kind;
                    if (kind >= 0) {
                        texts[slot] = EventKinds.NAMES[kind];
                        return;
                    }
                }
                String s = new String(buf, off, len);
                if (Chars.hasLoneSurrogate(s)) {
                    markBad(slot, "text with an unpaired UTF-16 surrogate");
                } else {
                    texts[slot] = s;
                }
            }
            default -> markBad(RECENT_LIST, "not an array");
        }
    }

    private void readLong(JsonParser p, int slot, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            nums[slot] = p.getLongValue();
        } else {
            markBad(slot, p.getText());
        }
    }

    private void readDouble(JsonParser p, int slot, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            readDouble(slot, p.getText(), false);
        } else {
            markBad(slot, p.getText());
        }
    }

    private void readDouble(int slot, String s, boolean quoted) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            markBad(slot, quoted ? '"' + s + '"' : s);
            return;
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || !looksDecimal(s)) {
            markBad(slot, '"' + s + '"');
            return;
        }
        nums[slot] = Double.doubleToRawLongBits(d);
    }

    private void readBool(JsonParser p, int slot, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            nums[slot] = v == JsonToken.VALUE_TRUE ? 1 : 0;
        } else {
            readBool(slot, p.getText(), false);
        }
    }

    private void readBool(int slot, String s, boolean quoted) {
        Boolean b = EssDecoder.parseBool(s);
        if (b == null) {
            markBad(slot, quoted ? '"' + s + '"' : s);
        } else {
            nums[slot] = b ? 1 : 0;
        }
    }

    private void readLongList(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            if (v == JsonToken.START_OBJECT) {
                p.skipChildren();
            }
            markBad(RECENT_LIST, "not an array");
            return;
        }
        List<Long> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                long r = parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                if (r == Long.MIN_VALUE) {
                    markBad(RECENT_LIST, '"' + p.getText() + '"');
                } else {
                    out.add(r);
                }
            } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                out.add(p.getLongValue());
            } else {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
                markBad(RECENT_LIST, "an element that is not an id");
            }
        }
        recentList = out;
    }

    private static final long MAX_DIV_10 = Long.MAX_VALUE / 10;
    private static final int MAX_LAST_DIGIT = (int) (Long.MAX_VALUE % 10);

    /** Decimal digits with an optional leading minus; {@code Long.MIN_VALUE} when not a long. */
    static long parseLong(char[] buf, int off, int len) {
        if (len == 0 || len > 20) {
            return Long.MIN_VALUE;
        }
        int i = off;
        int end = off + len;
        boolean neg = false;
        if (buf[i] == '-') {
            neg = true;
            i++;
            if (i == end) {
                return Long.MIN_VALUE;
            }
        }
        long r = 0;
        // Up to 18 digits cannot overflow; only the 19th needs the check, which avoids a division
        // per digit (character ids have 19 digits, and a payload holds several ids).
        int safeEnd = Math.min(end, i + 18);
        for (; i < safeEnd; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            r = r * 10 + d;
        }
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || r > MAX_DIV_10 || (r == MAX_DIV_10 && d > MAX_LAST_DIGIT)) {
                return Long.MIN_VALUE;
            }
            r = r * 10 + d;
        }
        return neg ? -r : r;
    }

    private static boolean looksDecimal(String s) {
        // Double.parseDouble also takes "0x1p3", "1d", "Infinity": the wire only ever has plain decimals.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private static String quote(char[] buf, int off, int len) {
        int n = Math.min(len, 40);
        return '"' + new String(buf, off, n) + (n < len ? "…" : "") + '"';
    }
}
