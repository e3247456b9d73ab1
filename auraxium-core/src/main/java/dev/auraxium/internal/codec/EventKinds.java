package dev.auraxium.internal.codec;

/** The known event names, matched from the parser's buffer without creating a String. */
final class EventKinds {
    static final int ACHIEVEMENT_EARNED = 0;
    static final int BATTLE_RANK_UP = 1;
    static final int CONTINENT_LOCK = 2;
    static final int DEATH = 3;
    static final int FACILITY_CONTROL = 4;
    static final int FISH_SCAN = 5;
    static final int GAIN_EXPERIENCE = 6;
    static final int ITEM_ADDED = 7;
    static final int METAGAME_EVENT = 8;
    static final int PLAYER_FACILITY_CAPTURE = 9;
    static final int PLAYER_FACILITY_DEFEND = 10;
    static final int PLAYER_LOGIN = 11;
    static final int PLAYER_LOGOUT = 12;
    static final int SKILL_ADDED = 13;
    static final int VEHICLE_DESTROY = 14;

    static final String[] NAMES = {"AchievementEarned", "BattleRankUp", "ContinentLock", "Death",
        "FacilityControl", "FishScan", "GainExperience", "ItemAdded", "MetagameEvent", "PlayerFacilityCapture",
        "PlayerFacilityDefend", "PlayerLogin", "PlayerLogout", "SkillAdded", "VehicleDestroy"};
    private static final Chars.Names KNOWN = Chars.Names.of(NAMES);

    private EventKinds() {
    }

    static int match(char[] buf, int off, int len) {
        // GainExperience and Death dominate real traffic: try them first.
        char[][] chars = KNOWN.chars();
        if (Chars.same(chars[GAIN_EXPERIENCE], buf, off, len)) {
            return GAIN_EXPERIENCE;
        }
        if (Chars.same(chars[DEATH], buf, off, len)) {
            return DEATH;
        }
        return KNOWN.indexOf(buf, off, len);
    }
}
