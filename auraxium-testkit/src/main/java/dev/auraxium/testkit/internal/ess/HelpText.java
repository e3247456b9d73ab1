package dev.auraxium.testkit.internal.ess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fake's answer to {@code help}: the two keys of the live reply with this kit's own
 * short text. Built once with Jackson so the JSON is valid by construction.
 */
final class HelpText {
    static final String JSON = build();

    private HelpText() {
    }

    private static String build() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode payloads = root.putObject("example event service message payloads");
        payloads.putObject("PlayerLogin").put("character_id", "").put("event_name", "").put("timestamp", "")
                .put("world_id", "");
        payloads.putObject("Death").put("attacker_character_id", "").put("character_id", "")
                .put("event_name", "").put("timestamp", "").put("world_id", "").put("zone_id", "");
        ObjectNode examples = root.putObject("example messages to event service");
        examples.put("1. echo (the payload must be a json object)",
                "{\"service\":\"event\",\"action\":\"echo\",\"payload\":{\"test\":\"test\"}}");
        examples.put("2. subscribe (calls are additive)",
                "{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
                        + "\"eventNames\":[\"PlayerLogin\"],\"worlds\":[\"1\"]}");
        examples.put("3. clearSubscribe some",
                "{\"service\":\"event\",\"action\":\"clearSubscribe\",\"eventNames\":[\"PlayerLogin\"]}");
        examples.put("4. clearSubscribe all",
                "{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":\"true\"}");
        examples.put("5. note", "auraxium FakeEssServer: a test double of the PlanetSide 2 event streaming service");
        return root.toString();
    }
}
