package dev.auraxium.testkit;

import dev.auraxium.AuraxiumException;

/**
 * A recording file has a line that is not a frame: not JSON, not a JSON object, or an extended
 * line with a bad {@code t}. Names the source (usually the file) and the 1-based line number.
 */
public final class RecordingFormatException extends AuraxiumException {
    private static final long serialVersionUID = 1L;

    /** Where the line came from, e.g. the file path. */
    private final String source;
    /** The 1-based number of the bad line. */
    private final long lineNumber;

    /**
     * @param source where the line came from, e.g. the file path
     * @param lineNumber the 1-based line number
     * @param reason what is wrong with the line
     * @param cause the parser's exception, or null
     */
    public RecordingFormatException(String source, long lineNumber, String reason, Throwable cause) {
        super(source + ":" + lineNumber + ": " + reason, cause);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** @return where the bad line came from */
    public String source() {
        return source;
    }

    /** @return the 1-based number of the bad line */
    public long lineNumber() {
        return lineNumber;
    }
}
