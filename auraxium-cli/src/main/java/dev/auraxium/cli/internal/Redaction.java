package dev.auraxium.cli.internal;

/** Shortens a service id for output: it is a credential and never printed whole. */
public final class Redaction {
    private Redaction() {
    }

    /**
     * @param serviceId a service id, with or without the {@code s:} prefix
     * @return e.g. {@code s:ab…(12 chars)}: at most two characters of the id and its length
     */
    public static String serviceId(String serviceId) {
        if (serviceId == null) {
            return "(none)";
        }
        String bare = serviceId.startsWith("s:") ? serviceId.substring(2) : serviceId;
        int keep = Math.min(2, bare.length() / 3);
        return "s:" + bare.substring(0, keep) + "…(" + bare.length() + " chars)";
    }

    /**
     * @param text any text, e.g. an exception message
     * @param serviceId the id to hide in it
     * @return the text with every occurrence of the id (bare or prefixed) redacted
     */
    public static String scrub(String text, String serviceId) {
        if (text == null || serviceId == null || serviceId.isEmpty()) {
            return text;
        }
        String bare = serviceId.startsWith("s:") ? serviceId.substring(2) : serviceId;
        if (bare.isEmpty()) {
            return text;
        }
        return text.replace("s:" + bare, serviceId(bare)).replace(bare, serviceId(bare));
    }
}
