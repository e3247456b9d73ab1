package dev.auraxium.protocol;

import dev.auraxium.AuraxiumException;
import dev.auraxium.event.Event;
import java.util.Objects;

/**
 * An event arrived with a field whose value is not of the field's kind, e.g. a ContinentLock with
 * {@code "event_type":""} or a Death with {@code "zone_id":"abc"}. Nothing was lost: the event was
 * delivered as if the payload lacked that field (see {@link Event}).
 *
 * <p>The client gives one of these to its error handler for the first such event of each event
 * name and field, not for every event, and counts them all in its statistics. It never escapes the
 * stream. Immutable.
 */
public final class InvalidFieldException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    /** The event's wire name. */
    private final String eventName;
    /** The payload field. */
    private final String field;
    /** The value as received. */
    private final String value;
    /** The frame, cut to {@link EssDecodeException#MAX_EXCERPT} characters. */
    private final String rawExcerpt;

    /**
     * @param eventName the event's wire name, e.g. {@code "Death"}
     * @param field the payload field, e.g. {@code "zone_id"}
     * @param value the value as received (quoted when it was a JSON string)
     * @param raw the whole frame (cut to {@link EssDecodeException#MAX_EXCERPT} characters here)
     */
    public InvalidFieldException(String eventName, String field, String value, String raw) {
        super(message(eventName, field, value, raw));
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.field = Objects.requireNonNull(field, "field");
        this.value = Objects.requireNonNull(value, "value");
        this.rawExcerpt = excerpt(raw);
    }

    /** @return the event's wire name */
    public String eventName() {
        return eventName;
    }

    /** @return the payload field */
    public String field() {
        return field;
    }

    /** @return the value as received (quoted when it was a JSON string) */
    public String value() {
        return value;
    }

    /** @return the start of the frame, at most {@link EssDecodeException#MAX_EXCERPT} characters */
    public String rawExcerpt() {
        return rawExcerpt;
    }

    private static String excerpt(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.length() <= EssDecodeException.MAX_EXCERPT) {
            return raw;
        }
        int end = EssDecodeException.MAX_EXCERPT;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end) + "…";
    }

    private static String message(String eventName, String field, String value, String raw) {
        return eventName + " field " + field + " is not valid: " + value + "; the event was delivered without it "
                + "(reported once per event name and field, all counted in ClientStats.invalidFields); frame: "
                + excerpt(raw);
    }
}
