package dev.auraxium.internal.client;

/**
 * Service ids are credentials: this is the only place that turns one into text for humans.
 * {@code s:example} becomes {@code s:ex…(7 chars)}: the prefix, at most two characters (never more
 * than a third of the id), and the length.
 */
public final class ServiceIds {
    /** The prefix the ESS expects. */
    public static final String PREFIX = "s:";

    private ServiceIds() {
    }

    /**
     * @param raw an id with or without the prefix
     * @return the id with the prefix
     * @throws IllegalArgumentException when blank or containing whitespace
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("service id must not be blank");
        }
        String id = raw.strip();
        for (int i = 0; i < id.length(); i++) {
            if (Character.isWhitespace(id.charAt(i)) || Character.isISOControl(id.charAt(i))) {
                throw new IllegalArgumentException("service id must not contain whitespace (id " + redact(id) + ")");
            }
        }
        String withPrefix = id.startsWith(PREFIX) ? id : PREFIX + id;
        if (withPrefix.length() == PREFIX.length()) {
            throw new IllegalArgumentException("service id must not be empty after the 's:' prefix");
        }
        return withPrefix;
    }

    /**
     * @param id a service id, with or without prefix
     * @return a form safe to log
     */
    public static String redact(String id) {
        if (id == null) {
            return "null";
        }
        String bare = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        int keep = Math.min(2, bare.length() / 3);
        return PREFIX + bare.substring(0, keep) + "…(" + bare.length() + " chars)";
    }

    /**
     * @param text any text, e.g. an exception message or URI
     * @param id the id to hide in it
     * @return the text with every occurrence of the id (and its bare form) redacted
     */
    public static String scrub(String text, String id) {
        if (text == null || id == null) {
            return text;
        }
        String bare = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        String out = text.replace(id, redact(id));
        if (bare.length() >= 4) {
            out = out.replace(bare, redact(id));
        }
        return out;
    }
}
