package dev.auraxium.transport.jdk.internal;

import java.net.URI;

/**
 * Hides the ESS service id, which is a credential, in anything we print: {@code s:example123456}
 * becomes {@code s:ex…(12 chars)}.
 */
public final class Redaction {
    private static final String PARAMETER = "service-id=";

    private Redaction() {
    }

    /**
     * @param serviceId a service id value, with or without the {@code s:} prefix
     * @return the first two characters of the id and its length
     */
    public static String serviceId(String serviceId) {
        String prefix = serviceId.startsWith("s:") ? "s:" : "";
        String id = serviceId.substring(prefix.length());
        // Short ids would be given away almost whole by two characters.
        String shown = id.length() > 6 ? id.substring(0, 2) : "";
        return prefix + shown + "…(" + id.length() + " chars)";
    }

    /**
     * @param uri an ESS URI, possibly carrying {@code service-id} in its query
     * @return the URI as text with every {@code service-id} value redacted
     */
    public static String uri(URI uri) {
        String text = uri.toString();
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int queryStart = text.indexOf('?');
        if (queryStart < 0) {
            return text;
        }
        int at = queryStart;
        while (at >= 0 && at < text.length()) {
            int hit = text.indexOf(PARAMETER, at);
            if (hit < 0) {
                break;
            }
            char before = text.charAt(hit - 1);
            int valueStart = hit + PARAMETER.length();
            int valueEnd = endOfValue(text, valueStart);
            if (before == '?' || before == '&') {
                out.append(text, from, valueStart).append(serviceId(text.substring(valueStart, valueEnd)));
                from = valueEnd;
            }
            at = valueEnd;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static int endOfValue(String text, int start) {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || c == '#') {
                return i;
            }
        }
        return text.length();
    }
}
