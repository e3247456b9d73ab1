package dev.auraxium.testkit.internal.replay;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The frame factory behind {@code SyntheticStream}: a fixed character population, weighted
 * choices, and payload writing. Value sets follow the mix measured in real captures.
 * Not thread-safe.
 */
public final class SyntheticFrames {
    private static final int[] ZONES = {2, 4, 6, 8, 344};
    private static final double[] ZONE_WEIGHTS = {0.07, 0.41, 0.30, 0.17, 0.02};
    private static final double INSTANCED_ZONE_SHARE = 0.03;
    private static final int[] INSTANCED_DEFINITIONS = {95, 362, 364};

    private static final int[] EXPERIENCE_IDS = {1, 2, 4, 5, 6, 7, 34, 51, 53, 55, 86, 88, 96, 99, 140, 233, 293,
        294, 355, 438, 439, 579, 581, 653, 674, 675};
    private static final double[] EXPERIENCE_WEIGHTS = {100, 34, 30, 3, 10, 25, 45, 8, 5, 143, 8, 5, 5, 148, 30, 33,
        10, 4, 4, 3, 3, 5, 6, 3, 19, 4};
    private static final int[] WEAPONS = {7233, 6003665, 26003, 7401, 7533, 7213, 43, 804252, 19000, 4906, 7256, 6005191};
    private static final int[] FIRE_MODES = {7531, 80387, 26103, 80187, 8041, 7448, 114, 80170, 19000, 380, 7554, 15};
    private static final int[] VEHICLES = {2, 3, 7, 9, 12, 14, 15, 100, 103, 2010, 2149};
    private static final int[] FACILITIES = {206, 218, 228, 3400, 209000, 222280, 293000, 299010, 310088};
    private static final String[] ITEM_CONTEXTS = {"GenericTerminalTransaction", "SkillGrantItemLine", "SellBundle",
        "GuildBankWithdrawal"};
    // Loadouts per empire, infiltrator to MAX; NSO plays for an empire's team.
    private static final int[][] LOADOUTS = {{15, 17, 18, 19, 20, 21}, {1, 3, 4, 5, 6, 7}, {8, 10, 11, 12, 13, 14}};
    private static final int[] NSO_LOADOUTS = {28, 29, 30, 31, 32};

    private final SplittableRandom random;
    private final String[] eventNames;
    private final double[] eventCumulative;
    private final int[] worlds;
    private final double[] worldCumulative;
    private final boolean bursts;
    private final double[] zoneCumulative;
    private final double[] experienceCumulative;

    private final long[] characterIds;
    private final int[] characterWorlds;
    private final int[] characterTeams;
    private final int[] characterLoadouts;
    private final int[] characterWorldIndex;
    private final int[][] charactersByWorld;

    private int burstLeft;
    private int burstWorld;
    private long burstZone;
    private int burstFaction;

    /**
     * @param seed the seed
     * @param mix event name to weight (0 allowed)
     * @param worldWeights world id to weight
     * @param population distinct characters
     * @param bursts whether FacilityControl bursts happen
     */
    public SyntheticFrames(long seed, Map<String, Double> mix, Map<Integer, Double> worldWeights, int population,
            boolean bursts) {
        this.random = new SplittableRandom(seed);
        this.bursts = bursts;
        this.eventNames = mix.keySet().toArray(String[]::new);
        this.eventCumulative = cumulative(mix.values().stream().mapToDouble(Double::doubleValue).toArray());
        this.worlds = worldWeights.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.worldCumulative = cumulative(worldWeights.values().stream().mapToDouble(Double::doubleValue).toArray());
        this.zoneCumulative = cumulative(ZONE_WEIGHTS);
        this.experienceCumulative = cumulative(EXPERIENCE_WEIGHTS);

        characterIds = new long[population];
        characterWorlds = new int[population];
        characterTeams = new int[population];
        characterLoadouts = new int[population];
        int[] perWorld = new int[worlds.length];
        characterWorldIndex = new int[population];
        int[] worldIndex = characterWorldIndex;
        for (int i = 0; i < population; i++) {
            // 5428… or 5429… followed by 15 digits: always 19 digits.
            characterIds[i] = (random.nextBoolean() ? 5_428_000_000_000_000_000L : 5_429_000_000_000_000_000L)
                    + random.nextLong(1_000_000_000_000_000L);
            worldIndex[i] = pick(worldCumulative);
            perWorld[worldIndex[i]]++;
            characterWorlds[i] = worlds[worldIndex[i]];
            double t = random.nextDouble();
            int team = t < 0.4 ? 1 : t < 0.7 ? 2 : 3;
            characterTeams[i] = team;
            characterLoadouts[i] = random.nextDouble() < 0.08
                    ? NSO_LOADOUTS[random.nextInt(NSO_LOADOUTS.length)]
                    : LOADOUTS[team - 1][random.nextInt(6)];
        }
        charactersByWorld = new int[worlds.length][];
        for (int w = 0; w < worlds.length; w++) {
            charactersByWorld[w] = new int[perWorld[w]];
        }
        int[] fill = new int[worlds.length];
        for (int i = 0; i < population; i++) {
            charactersByWorld[worldIndex[i]][fill[worldIndex[i]]++] = i;
        }
    }

    /**
     * @param virtualNanos the virtual clock for this frame, nanoseconds since the epoch
     * @return the frame
     */
    public String next(long virtualNanos) {
        long second = Math.floorDiv(virtualNanos, 1_000_000_000L);
        // the live stream arrives up to about a second out of order
        if (random.nextDouble() < 0.03 && second > 0) {
            second--;
        }
        String timestamp = Long.toString(second);
        if (burstLeft > 0 && random.nextDouble() < 0.6) {
            burstLeft--;
            return facilityControl(timestamp, burstWorld, burstZone, true);
        }
        String name = eventNames[pick(eventCumulative)];
        return switch (name) {
            case "GainExperience" -> gainExperience(timestamp);
            case "Death" -> death(timestamp);
            case "VehicleDestroy" -> vehicleDestroy(timestamp);
            case "FacilityControl" -> startFacilityControl(timestamp);
            case "PlayerLogin", "PlayerLogout" -> login(name, timestamp);
            case "ItemAdded" -> characterEvent(name, timestamp, p -> {
                p.put("context", ITEM_CONTEXTS[random.nextInt(ITEM_CONTEXTS.length)]);
                p.put("item_count", Integer.toString(1 + (random.nextDouble() < 0.8 ? 0 : random.nextInt(10))));
                p.put("item_id", Integer.toString(random.nextDouble() < 0.5 ? 6000000 + random.nextInt(20000)
                        : 800000 + random.nextInt(10000)));
            });
            case "AchievementEarned" -> characterEvent(name, timestamp,
                    p -> p.put("achievement_id", Integer.toString(90000 + random.nextInt(5000))));
            case "BattleRankUp" -> characterEvent(name, timestamp,
                    p -> p.put("battle_rank", Integer.toString(2 + random.nextInt(119))));
            case "SkillAdded" -> characterEvent(name, timestamp,
                    p -> p.put("skill_id", Integer.toString(1 + random.nextInt(20000))));
            case "PlayerFacilityCapture", "PlayerFacilityDefend" -> characterEvent(name, timestamp, p -> {
                p.put("facility_id", Integer.toString(FACILITIES[random.nextInt(FACILITIES.length)]));
                p.put("outfit_id", outfitId());
            });
            case "FishScan" -> characterEvent(name, timestamp, p -> {
                p.put("fish_id", Integer.toString(1 + random.nextInt(40)));
                p.put("loadout_id", p.get("@loadout"));
                p.put("team_id", p.get("@team"));
            });
            case "MetagameEvent" -> metagameEvent(timestamp);
            case "ContinentLock" -> continentLock(timestamp);
            default -> throw new IllegalStateException("no generator for " + name);
        };
    }

    private String gainExperience(String timestamp) {
        int c = anyCharacter();
        int xp = EXPERIENCE_IDS[pick(experienceCumulative)];
        Map<String, String> p = base("GainExperience", timestamp, characterWorlds[c]);
        int amount = xp == 1 ? 100 : random.nextDouble() < 0.85 ? 5 + random.nextInt(11) : 3 + random.nextInt(73);
        p.put("amount", Integer.toString(amount));
        p.put("character_id", Long.toString(characterIds[c]));
        p.put("experience_id", Integer.toString(xp));
        p.put("loadout_id", Integer.toString(characterLoadouts[c]));
        double o = random.nextDouble();
        String other = o < 0.5 ? Long.toString(characterIds[sameWorld(c)])
                : o < 0.8 ? Long.toString(8_000_000_000L + random.nextLong(30_000_000_000L)) : "0";
        p.put("other_id", other);
        p.put("team_id", Integer.toString(characterTeams[c]));
        p.put("zone_id", Long.toString(zone()));
        return frame(p);
    }

    private String death(String timestamp) {
        int victim = anyCharacter();
        Map<String, String> p = base("Death", timestamp, characterWorlds[victim]);
        boolean environment = random.nextDouble() < 0.01;
        int attacker = environment ? -1 : sameWorld(victim);
        boolean inVehicle = !environment && random.nextDouble() < 0.10;
        p.put("attacker_character_id", environment ? "0" : Long.toString(characterIds[attacker]));
        int weapon = random.nextInt(WEAPONS.length);
        boolean noWeapon = environment || (inVehicle && random.nextDouble() < 0.3);
        p.put("attacker_fire_mode_id", noWeapon ? "0" : Integer.toString(FIRE_MODES[weapon]));
        p.put("attacker_loadout_id", environment ? "0" : Integer.toString(characterLoadouts[attacker]));
        p.put("attacker_team_id", environment ? "0" : Integer.toString(characterTeams[attacker]));
        p.put("attacker_vehicle_id", inVehicle ? Integer.toString(VEHICLES[random.nextInt(VEHICLES.length)]) : "0");
        p.put("attacker_weapon_id", noWeapon ? "0" : Integer.toString(WEAPONS[weapon]));
        p.put("character_id", Long.toString(characterIds[victim]));
        p.put("character_loadout_id", Integer.toString(characterLoadouts[victim]));
        p.put("is_critical", "0");
        p.put("is_headshot", random.nextDouble() < 0.23 ? "1" : "0");
        p.put("team_id", Integer.toString(characterTeams[victim]));
        p.put("zone_id", Long.toString(zone()));
        return frame(p);
    }

    private String vehicleDestroy(String timestamp) {
        int owner = anyCharacter();
        Map<String, String> p = base("VehicleDestroy", timestamp, characterWorlds[owner]);
        int attacker = sameWorld(owner);
        boolean turret = random.nextDouble() < 0.05;
        boolean attackerInVehicle = random.nextDouble() < 0.4;
        p.put("attacker_character_id", Long.toString(characterIds[attacker]));
        p.put("attacker_loadout_id", Integer.toString(characterLoadouts[attacker]));
        p.put("attacker_team_id", Integer.toString(characterTeams[attacker]));
        p.put("attacker_vehicle_id", attackerInVehicle ? Integer.toString(VEHICLES[random.nextInt(VEHICLES.length)]) : "0");
        p.put("attacker_weapon_id", Integer.toString(WEAPONS[random.nextInt(WEAPONS.length)]));
        p.put("character_id", turret ? "0" : Long.toString(characterIds[owner]));
        p.put("facility_id", turret ? Integer.toString(FACILITIES[random.nextInt(FACILITIES.length)]) : "0");
        p.put("faction_id", Integer.toString(characterTeams[owner]));
        p.put("team_id", Integer.toString(characterTeams[owner]));
        p.put("vehicle_id", Integer.toString(VEHICLES[random.nextInt(VEHICLES.length)]));
        p.put("zone_id", Long.toString(zone()));
        return frame(p);
    }

    private String startFacilityControl(String timestamp) {
        int world = worlds[pick(worldCumulative)];
        long zone = zone();
        if (bursts && burstLeft == 0 && random.nextDouble() < 0.05) {
            // a continent flips: dozens of captures by one faction on one zone, as in real captures
            burstLeft = 20 + random.nextInt(76);
            burstWorld = world;
            burstZone = zone;
            burstFaction = 1 + random.nextInt(3);
            return facilityControl(timestamp, world, zone, true);
        }
        return facilityControl(timestamp, world, zone, false);
    }

    private String facilityControl(String timestamp, int world, long zone, boolean burst) {
        Map<String, String> p = base("FacilityControl", timestamp, world);
        int newFaction = burst ? burstFaction : 1 + random.nextInt(3);
        // outside bursts most events are defences (old == new), as in the 2016 capture
        int oldFaction = burst || random.nextDouble() < 0.25 ? 1 + (newFaction + random.nextInt(2)) % 3 : newFaction;
        p.put("duration_held", Integer.toString(60 + random.nextInt(20000)));
        p.put("facility_id", Integer.toString(FACILITIES[random.nextInt(FACILITIES.length)]));
        p.put("new_faction_id", Integer.toString(newFaction));
        p.put("old_faction_id", Integer.toString(oldFaction));
        p.put("outfit_id", outfitId());
        p.put("zone_id", Long.toString(zone));
        return frame(p);
    }

    private String login(String name, String timestamp) {
        int c = anyCharacter();
        Map<String, String> p = base(name, timestamp, characterWorlds[c]);
        p.put("character_id", Long.toString(characterIds[c]));
        return frame(p);
    }

    private String characterEvent(String name, String timestamp, Consumer<Map<String, String>> fields) {
        int c = anyCharacter();
        Map<String, String> p = base(name, timestamp, characterWorlds[c]);
        p.put("character_id", Long.toString(characterIds[c]));
        p.put("zone_id", Long.toString(zone()));
        // '@' keys hand the character's own values to the field writer and are removed below
        p.put("@loadout", Integer.toString(characterLoadouts[c]));
        p.put("@team", Integer.toString(characterTeams[c]));
        fields.accept(p);
        p.remove("@loadout");
        p.remove("@team");
        return frame(p);
    }

    private String metagameEvent(String timestamp) {
        Map<String, String> p = base("MetagameEvent", timestamp, worlds[pick(worldCumulative)]);
        boolean started = random.nextBoolean();
        double nc = 10 + random.nextDouble() * 40;
        double tr = 10 + random.nextDouble() * (80 - nc);
        double vs = 100 - nc - tr;
        p.put("experience_bonus", "25.000000");
        p.put("faction_nc", decimal6(nc));
        p.put("faction_tr", decimal6(tr));
        p.put("faction_vs", decimal6(vs));
        p.put("instance_id", Integer.toString(1 + random.nextInt(60000)));
        p.put("metagame_event_id", Integer.toString(147 + random.nextInt(100)));
        p.put("metagame_event_state", started ? "135" : "138");
        p.put("metagame_event_state_name", started ? "started" : "ended");
        p.put("zone_id", Integer.toString(ZONES[random.nextInt(4)]));
        return frame(p);
    }

    private String continentLock(String timestamp) {
        Map<String, String> p = base("ContinentLock", timestamp, worlds[pick(worldCumulative)]);
        int vs = 20 + random.nextInt(30);
        int nc = 20 + random.nextInt(30);
        int triggering = 1 + random.nextInt(3);
        p.put("metagame_event_id", Integer.toString(147 + random.nextInt(100)));
        p.put("nc_population", Integer.toString(nc));
        p.put("previous_faction", Integer.toString(1 + (triggering + random.nextInt(2)) % 3));
        p.put("tr_population", Integer.toString(100 - vs - nc));
        p.put("triggering_faction", Integer.toString(triggering));
        p.put("vs_population", Integer.toString(vs));
        p.put("zone_id", Integer.toString(ZONES[random.nextInt(4)]));
        return frame(p);
    }

    private static Map<String, String> base(String name, String timestamp, int world) {
        Map<String, String> p = new TreeMap<>();
        p.put("event_name", name);
        p.put("timestamp", timestamp);
        p.put("world_id", Integer.toString(world));
        return p;
    }

    private String outfitId() {
        return random.nextDouble() < 0.15 ? "0" : Long.toString(37_500_000_000_000_000L + random.nextLong(100_000_000_000_000L));
    }

    private long zone() {
        if (random.nextDouble() < INSTANCED_ZONE_SHARE) {
            int definition = INSTANCED_DEFINITIONS[random.nextInt(INSTANCED_DEFINITIONS.length)];
            return ((long) (1 + random.nextInt(0xFFFF)) << 16) | definition;
        }
        return ZONES[pick(zoneCumulative)];
    }

    private int anyCharacter() {
        int w = pick(worldCumulative);
        int[] pool = charactersByWorld[w];
        if (pool.length == 0) {
            return random.nextInt(characterIds.length);
        }
        return pool[random.nextInt(pool.length)];
    }

    /** @return another character of the same world when there is one */
    private int sameWorld(int c) {
        int[] pool = charactersByWorld[characterWorldIndex[c]];
        if (pool.length < 2) {
            int other = random.nextInt(characterIds.length - 1);
            return other >= c ? other + 1 : other;
        }
        int other = pool[random.nextInt(pool.length)];
        // pools are in ascending order, so the neighbour is found by binary search
        return other == c ? pool[(Arrays.binarySearch(pool, c) + 1) % pool.length] : other;
    }

    private int pick(double[] cumulative) {
        double r = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return i;
            }
        }
        // r can equal the total only through rounding; take the last positive weight
        for (int i = cumulative.length - 1; i > 0; i--) {
            if (cumulative[i] > cumulative[i - 1]) {
                return i;
            }
        }
        return 0;
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }

    private static String decimal6(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Writes the envelope the live service uses; payload keys are already sorted. */
    private static String frame(Map<String, String> payload) {
        StringBuilder sb = new StringBuilder(300).append("{\"payload\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : payload.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            string(sb, e.getValue());
        }
        return sb.append("},\"service\":\"event\",\"type\":\"serviceMessage\"}").toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
