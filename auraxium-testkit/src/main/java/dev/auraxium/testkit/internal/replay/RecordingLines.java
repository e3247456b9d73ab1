package dev.auraxium.testkit.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.auraxium.testkit.RecordedFrame;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * The line format of recording files. A line is either a raw frame (any JSON object, kept as its
 * exact text) or an extended line {@code {"t":<seconds>,"frame":"<raw frame as a JSON string>"}}
 * whose only keys are {@code frame} (a string) and optionally {@code t} (a non-negative number).
 * No ESS frame has that shape, so the two cannot be confused.
 */
public final class RecordingLines {
    // Big decimals keep t exact to the nanosecond; trailing tokens make "{} junk" an error.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private RecordingLines() {
    }

    /** Why a line was refused; the caller adds where it was. */
    public static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    /**
     * @param line one non-blank line, without its line terminator
     * @return the frame it holds
     * @throws BadLine if the line is not a JSON object or a well-formed extended line
     */
    public static RecordedFrame parse(String line) throws BadLine {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine("not JSON (" + e.getOriginalMessage() + "): " + excerpt(line), e);
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("not a JSON object: " + excerpt(line), null);
        }
        if (!isExtended(node)) {
            return RecordedFrame.of(line);
        }
        JsonNode t = node.get("t");
        if (t == null) {
            return RecordedFrame.of(node.get("frame").textValue());
        }
        BigDecimal seconds = t.decimalValue();
        if (seconds.signum() < 0) {
            throw new BadLine("t must not be negative, was " + t, null);
        }
        long nanos;
        try {
            nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new BadLine("t is too large: " + t, e);
        }
        return new RecordedFrame(node.get("frame").textValue(), OptionalLong.of(nanos));
    }

    private static boolean isExtended(JsonNode node) {
        JsonNode frame = node.get("frame");
        if (frame == null || !frame.isTextual()) {
            return false;
        }
        int size = node.size();
        if (size == 1) {
            return true;
        }
        JsonNode t = node.get("t");
        return size == 2 && t != null && t.isNumber();
    }

    /**
     * @param frame a frame
     * @return its extended line, without a line terminator; {@code t} is omitted when the frame has
     *     no receive time
     */
    public static String format(RecordedFrame frame) {
        String text;
        try {
            text = MAPPER.writeValueAsString(frame.text());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
        if (frame.offsetNanos().isEmpty()) {
            return "{\"frame\":" + text + "}";
        }
        String t = BigDecimal.valueOf(frame.offsetNanos().getAsLong(), 9).stripTrailingZeros().toPlainString();
        return "{\"t\":" + t + ",\"frame\":" + text + "}";
    }

    /**
     * @param text a frame
     * @return whether it is a JSON object whose top level has {@code event_name}: a bare event
     *     payload as the {@code *.payloads.jsonl} samples hold
     */
    public static boolean isBarePayload(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject() || !node.has("event_name")) {
                return false;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (name.equals("payload") || name.equals("type")) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * @param payload a bare event payload
     * @return the {@code serviceMessage} frame the live service would carry it in
     */
    public static String wrapPayload(String payload) {
        return "{\"payload\":" + payload + ",\"service\":\"event\",\"type\":\"serviceMessage\"}";
    }

    static String excerpt(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
