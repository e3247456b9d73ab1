package dev.auraxium.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.auraxium.protocol.EssDecodeException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The slow path, for rare frames only (unknown events, echo payloads): a Jackson tree. The mapper is
 * built once, never reconfigured, and shares the streaming decoder's limits.
 */
final class Trees {
    static final ObjectMapper MAPPER = JsonMapper.builder(EssDecoder.FACTORY).build();

    private Trees() {
    }

    /** The {@code payload} member of a frame, as compact JSON. */
    static String payloadJson(String frame) {
        JsonNode payload = read(frame).get("payload");
        if (payload == null || !payload.isObject()) {
            throw new EssDecodeException("no payload object", frame, null);
        }
        return payload.toString();
    }

    /** Every field of a payload object as text: strings as they are, anything else as its JSON. */
    static Map<String, String> payloadFields(String text, boolean bare) {
        JsonNode root = read(text);
        JsonNode payload = bare ? root : root.get("payload");
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = payload.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
        }
        return out;
    }

    private static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new EssDecodeException("malformed JSON: " + e.getOriginalMessage(), text, e);
        }
    }
}
