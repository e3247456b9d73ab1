package dev.auraxium.protocol;

import dev.auraxium.AuraxiumException;

/**
 * A frame that could not be decoded into an ESS message. It carries the reason and the raw text
 * (cut to {@link #MAX_EXCERPT} characters, so that a 10 MB frame does not become a 10 MB log line).
 *
 * <p>The client never lets this escape the stream: it counts the frame as a decode error, reports
 * it to its error handler, and decodes the next frame as usual.
 */
public final class EssDecodeException extends AuraxiumException {
    private static final long serialVersionUID = 1L;
    /** How many characters of the raw frame {@link #rawExcerpt()} keeps at most. */
    public static final int MAX_EXCERPT = 512;

    /** Why the frame was refused. */
    private final String reason;
    /** The start of the raw frame, at most {@link #MAX_EXCERPT} characters. */
    private final String rawExcerpt;
    /** The raw frame's whole length in characters. */
    private final int rawLength;

    /**
     * @param reason why the frame was refused, e.g. {@code "payload has no event_name"}
     * @param raw the whole raw frame (may be null for a null frame)
     * @param cause the parser's exception, or null
     */
    public EssDecodeException(String reason, String raw, Throwable cause) {
        super(message(reason, raw), cause);
        this.reason = reason;
        this.rawLength = raw == null ? 0 : raw.length();
        this.rawExcerpt = excerpt(raw);
    }

    /** @return why the frame was refused */
    public String reason() {
        return reason;
    }

    /** @return the start of the raw frame, at most {@link #MAX_EXCERPT} characters, with "…" when cut */
    public String rawExcerpt() {
        return rawExcerpt;
    }

    /** @return the length of the whole raw frame in characters */
    public int rawLength() {
        return rawLength;
    }

    private static String excerpt(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.length() <= MAX_EXCERPT) {
            return raw;
        }
        int end = MAX_EXCERPT;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end) + "…";
    }

    private static String message(String reason, String raw) {
        int len = raw == null ? 0 : raw.length();
        return "cannot decode ESS frame (" + len + " chars): " + reason + "; frame: " + excerpt(raw);
    }
}
