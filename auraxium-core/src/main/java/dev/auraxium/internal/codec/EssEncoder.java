package dev.auraxium.internal.codec;

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
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.Echo;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.Help;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.HelpReply;
import dev.auraxium.protocol.RawMessage;
import dev.auraxium.protocol.RecentCharacterIds;
import dev.auraxium.protocol.RecentCharacterIdsCount;
import dev.auraxium.protocol.RecentCharacterIdsReply;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.SubscriptionReply;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Writes ESS frames the way the live service does: compact, payload values as strings, payload
 * keys alphabetical, envelope {@code payload, service, type}.
 */
public final class EssEncoder {
    private EssEncoder() {
    }

    /** Encodes any message. */
    public static String encode(EssMessage message) {
        StringBuilder b = new StringBuilder(256);
        if (message instanceof ServiceMessage m) {
            b.append("{\"payload\":");
            payload(b, m.event());
            b.append(",\"service\":\"event\",\"type\":\"serviceMessage\"}");
        } else if (message instanceof ConnectionStateChanged m) {
            b.append("{\"connected\":\"").append(m.connected()).append("\",\"service\":\"push\",\"type\":\"connectionStateChanged\"}");
        } else if (message instanceof ServiceStateChanged m) {
            b.append("{\"detail\":");
            string(b, m.detail());
            b.append(",\"online\":\"").append(m.online()).append("\",\"service\":\"event\",\"type\":\"serviceStateChanged\"}");
        } else if (message instanceof Heartbeat m) {
            b.append("{\"online\":{");
            boolean first = true;
            for (Map.Entry<String, Boolean> e : m.online().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, e.getKey());
                b.append(":\"").append(e.getValue()).append('"');
            }
            b.append('}');
            m.timestamp().ifPresent(t -> b.append(",\"timestamp\":\"").append(t.getEpochSecond()).append('"'));
            b.append(",\"service\":\"event\",\"type\":\"heartbeat\"}");
        } else if (message instanceof SubscriptionReply m) {
            b.append("{\"subscription\":{");
            if (m.characters().isPresent()) {
                b.append("\"characters\":");
                list(b, m.characters().get());
            } else {
                b.append("\"characterCount\":").append(m.characterCount().orElse(0));
            }
            b.append(",\"eventNames\":");
            list(b, m.eventNames());
            m.logicalAndCharactersWithWorlds().ifPresent(v -> b.append(",\"logicalAndCharactersWithWorlds\":").append(v));
            b.append(",\"worlds\":");
            list(b, m.worlds());
            b.append("}}");
        } else if (message instanceof RecentCharacterIdsReply m) {
            b.append("{\"payload\":{\"recent_character_id_count\":").append(m.count());
            m.characterIds().ifPresent(ids -> {
                b.append(",\"recent_character_id_list\":[");
                for (int i = 0; i < ids.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append('"').append(ids.get(i)).append('"');
                }
                b.append(']');
            });
            b.append("},\"service\":\"event\",\"type\":\"serviceMessage\"}");
        } else if (message instanceof HelpPrompt) {
            b.append("{\"send this for help\":{\"service\":\"event\",\"action\":\"help\"}}");
        } else if (message instanceof HelpReply m) {
            b.append(m.json());
        } else if (message instanceof RawMessage m) {
            b.append(m.json());
        } else if (message instanceof Subscribe m) {
            command(b, Subscribe.ACTION);
            lists(b, m.eventNames(), m.characters(), m.worlds());
            m.logicalAndCharactersWithWorlds().ifPresent(v -> b.append(",\"logicalAndCharactersWithWorlds\":").append(v));
            m.listCharacters().ifPresent(v -> b.append(",\"list_characters\":").append(v));
            b.append('}');
        } else if (message instanceof ClearSubscribe m) {
            command(b, ClearSubscribe.ACTION);
            if (m.all()) {
                b.append(",\"all\":\"true\"");
            }
            lists(b, m.eventNames(), m.characters(), m.worlds());
            m.logicalAndCharactersWithWorlds().ifPresent(v -> b.append(",\"logicalAndCharactersWithWorlds\":").append(v));
            b.append('}');
        } else if (message instanceof Echo m) {
            command(b, Echo.ACTION);
            b.append(",\"payload\":").append(m.payload()).append('}');
        } else if (message instanceof Help) {
            command(b, Help.ACTION);
            b.append('}');
        } else if (message instanceof RecentCharacterIds) {
            command(b, RecentCharacterIds.ACTION);
            b.append('}');
        } else if (message instanceof RecentCharacterIdsCount) {
            command(b, RecentCharacterIdsCount.ACTION);
            b.append('}');
        } else {
            throw new IllegalArgumentException("unknown message type " + message.getClass().getName());
        }
        return b.toString();
    }

    /** Encodes a bare payload object. */
    public static String encodePayload(Event event) {
        StringBuilder b = new StringBuilder(320);
        payload(b, event);
        return b.toString();
    }

    private static void command(StringBuilder b, String action) {
        b.append("{\"service\":\"event\",\"action\":\"").append(action).append('"');
    }

    private static void lists(StringBuilder b, Optional<List<String>> eventNames, Optional<List<String>> characters,
            Optional<List<String>> worlds) {
        eventNames.ifPresent(l -> {
            b.append(",\"eventNames\":");
            list(b, l);
        });
        characters.ifPresent(l -> {
            b.append(",\"characters\":");
            list(b, l);
        });
        worlds.ifPresent(l -> {
            b.append(",\"worlds\":");
            list(b, l);
        });
    }

    private static void list(StringBuilder b, List<String> items) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, items.get(i));
        }
        b.append(']');
    }

    /** Appends the payload object, keys in alphabetical order as the live service writes them. */
    private static void payload(StringBuilder b, Event event) {
        Fields f = new Fields(b);
        if (event instanceof GainExperience e) {
            f.num("amount", e.amount()).num("character_id", e.characterId()).text("event_name", e.eventName())
                    .num("experience_id", e.experienceId()).num("loadout_id", e.loadoutId()).num("other_id", e.otherId())
                    .opt("team_id", e.teamId()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof Death e) {
            f.num("attacker_character_id", e.attackerCharacterId()).num("attacker_fire_mode_id", e.attackerFireModeId())
                    .num("attacker_loadout_id", e.attackerLoadoutId()).opt("attacker_team_id", e.attackerTeamId())
                    .num("attacker_vehicle_id", e.attackerVehicleId()).num("attacker_weapon_id", e.attackerWeaponId())
                    .num("character_id", e.characterId()).num("character_loadout_id", e.characterLoadoutId())
                    .text("event_name", e.eventName());
            e.isCritical().ifPresent(v -> f.flag("is_critical", v));
            f.flag("is_headshot", e.isHeadshot()).opt("team_id", e.teamId())
                    .num("timestamp", e.timestamp().getEpochSecond()).opt("vehicle_id", e.vehicleId())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof VehicleDestroy e) {
            f.num("attacker_character_id", e.attackerCharacterId()).num("attacker_loadout_id", e.attackerLoadoutId())
                    .opt("attacker_team_id", e.attackerTeamId()).num("attacker_vehicle_id", e.attackerVehicleId())
                    .num("attacker_weapon_id", e.attackerWeaponId()).num("character_id", e.characterId())
                    .text("event_name", e.eventName()).num("facility_id", e.facilityId()).num("faction_id", e.factionId())
                    .opt("team_id", e.teamId()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("vehicle_id", e.vehicleId()).num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof FacilityControl e) {
            f.num("duration_held", e.durationHeld()).text("event_name", e.eventName()).num("facility_id", e.facilityId())
                    .num("new_faction_id", e.newFactionId()).num("old_faction_id", e.oldFactionId())
                    .opt("outfit_id", e.outfitId()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof PlayerLogin e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId());
        } else if (event instanceof PlayerLogout e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId());
        } else if (event instanceof MetagameEvent e) {
            f.text("event_name", e.eventName()).dec("experience_bonus", e.experienceBonus())
                    .dec("faction_nc", e.factionNc()).dec("faction_tr", e.factionTr()).dec("faction_vs", e.factionVs())
                    .num("instance_id", e.instanceId()).num("metagame_event_id", e.metagameEventId())
                    .num("metagame_event_state", e.metagameEventState());
            e.metagameEventStateName().ifPresent(v -> f.text("metagame_event_state_name", v));
            f.num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId()).opt("zone_id", e.zoneId());
        } else if (event instanceof ContinentLock e) {
            f.text("event_name", e.eventName()).opt("event_type", e.eventType())
                    .num("metagame_event_id", e.metagameEventId()).dec("nc_population", e.ncPopulation())
                    .num("previous_faction", e.previousFaction()).num("timestamp", e.timestamp().getEpochSecond())
                    .dec("tr_population", e.trPopulation()).num("triggering_faction", e.triggeringFaction())
                    .dec("vs_population", e.vsPopulation()).num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof AchievementEarned e) {
            f.num("achievement_id", e.achievementId()).num("character_id", e.characterId())
                    .text("event_name", e.eventName()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof BattleRankUp e) {
            f.num("battle_rank", e.battleRank()).num("character_id", e.characterId()).text("event_name", e.eventName())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId())
                    .num("zone_id", e.zoneId());
        } else if (event instanceof FishScan e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName()).num("fish_id", e.fishId())
                    .num("loadout_id", e.loadoutId()).num("team_id", e.teamId())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId())
                    .num("zone_id", e.zoneId());
        } else if (event instanceof ItemAdded e) {
            f.num("character_id", e.characterId()).text("context", e.context()).text("event_name", e.eventName())
                    .num("item_count", e.itemCount()).num("item_id", e.itemId())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId())
                    .num("zone_id", e.zoneId());
        } else if (event instanceof PlayerFacilityCapture e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName()).num("facility_id", e.facilityId())
                    .num("outfit_id", e.outfitId()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof PlayerFacilityDefend e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName()).num("facility_id", e.facilityId())
                    .num("outfit_id", e.outfitId()).num("timestamp", e.timestamp().getEpochSecond())
                    .num("world_id", e.worldId()).num("zone_id", e.zoneId());
        } else if (event instanceof SkillAdded e) {
            f.num("character_id", e.characterId()).text("event_name", e.eventName()).num("skill_id", e.skillId())
                    .num("timestamp", e.timestamp().getEpochSecond()).num("world_id", e.worldId())
                    .num("zone_id", e.zoneId());
        } else if (event instanceof UnknownEvent e) {
            Map<String, String> fields = e.fields();
            if (!fields.containsKey("event_name")) {
                f.text("event_name", e.eventName());
            }
            if (!fields.containsKey("timestamp")) {
                f.num("timestamp", e.timestamp().getEpochSecond());
            }
            if (!fields.containsKey("world_id")) {
                f.num("world_id", e.worldId());
            }
            fields.forEach(f::text);
        } else {
            throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
        }
        b.append('}');
    }

    /** Writes {@code "key":"value"} pairs of one object, opening it on the first. */
    private static final class Fields {
        private final StringBuilder b;
        private boolean first = true;

        Fields(StringBuilder b) {
            this.b = b;
            b.append('{');
        }

        private StringBuilder key(String k) {
            if (!first) {
                b.append(',');
            }
            first = false;
            return b.append('"').append(k).append("\":");
        }

        Fields num(String k, long v) {
            key(k).append('"').append(v).append('"');
            return this;
        }

        Fields flag(String k, boolean v) {
            key(k).append(v ? "\"1\"" : "\"0\"");
            return this;
        }

        Fields text(String k, String v) {
            key(k);
            string(b, v);
            return this;
        }

        Fields opt(String k, OptionalInt v) {
            if (v.isPresent()) {
                num(k, v.getAsInt());
            }
            return this;
        }

        Fields opt(String k, OptionalLong v) {
            if (v.isPresent()) {
                num(k, v.getAsLong());
            }
            return this;
        }

        Fields dec(String k, double v) {
            key(k).append('"').append(decimal(v)).append('"');
            return this;
        }
    }

    /** Six decimals like the live service, unless that would not read back as the same double. */
    static String decimal(double v) {
        String six = String.format(Locale.ROOT, "%.6f", v);
        return Double.parseDouble(six) == v ? six : Double.toString(v);
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
