package dev.auraxium.internal.serviceid;

import dev.auraxium.event.Environment;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Service ids are credentials: this is the only place that turns one into text for humans, for
 * every module of the project (the package is exported to them alone).
 * {@code s:example} becomes {@code s:ex…(7 chars)}: the prefix, at most two characters (never more
 * than a third of the id), and the length.
 */
public final class ServiceIds {
    /** The prefix the ESS expects. */
    public static final String PREFIX = "s:";
    private static final String QUERY_PARAMETER = "service-id=";

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
     * The streaming URI with the query the ESS reads: {@code environment} and {@code service-id}
     * (its {@code s:} prefix kept literal, the rest URL-encoded), appended to any query the
     * endpoint already has, less any {@code service-id} in it: the id is sent once, the one given
     * here. The one builder of that query for every module.
     *
     * @param endpoint e.g. {@code wss://push.planetside2.com/streaming}
     * @param environment the environment to ask for
     * @param serviceId the id as it is to be sent (not normalised: tests send wrong ones on purpose)
     * @return the URI
     */
    public static URI withQuery(URI endpoint, Environment environment, String serviceId) {
        String value = serviceId.startsWith(PREFIX)
                ? PREFIX + URLEncoder.encode(serviceId.substring(PREFIX.length()), StandardCharsets.UTF_8)
                : URLEncoder.encode(serviceId, StandardCharsets.UTF_8);
        String query = "environment=" + environment.wireName() + "&service-id=" + value;
        URI base = withoutServiceId(endpoint);
        return URI.create(base + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    /**
     * @param uri an endpoint, possibly with {@code service-id} in its query (a user may put it there)
     * @return the same URI without any {@code service-id} query parameter (the query dropped when
     *     nothing else is left in it); the URI itself when it has none
     */
    public static URI withoutServiceId(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return uri;
        }
        StringBuilder kept = new StringBuilder();
        boolean removed = false;
        for (String part : query.split("&", -1)) {
            if (part.startsWith(QUERY_PARAMETER) || part.equals("service-id")) {
                removed = true;
            } else {
                kept.append(kept.length() == 0 ? "" : "&").append(part);
            }
        }
        if (!removed) {
            return uri;
        }
        String text = uri.toString();
        int q = text.indexOf('?');
        int hash = text.indexOf('#', q);
        String fragment = hash < 0 ? "" : text.substring(hash);
        return URI.create(text.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept) + fragment);
    }

    /**
     * @param uri an endpoint
     * @return the {@code service-id} in its query, URL-decoded, or null when it has none
     */
    public static String queryServiceId(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith(QUERY_PARAMETER)) {
                return java.net.URLDecoder.decode(part.substring(QUERY_PARAMETER.length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * @param id a service id, with or without prefix
     * @return a form safe to log, {@code "(none)"} for null
     */
    public static String redact(String id) {
        if (id == null) {
            return "(none)";
        }
        String bare = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        int keep = Math.min(2, bare.length() / 3);
        return PREFIX + bare.substring(0, keep) + "…(" + bare.length() + " chars)";
    }

    /**
     * @param text any text, e.g. an exception message or URI
     * @param id the id to hide in it, with or without prefix
     * @return the text with every occurrence of the id, prefixed or bare, redacted
     */
    public static String scrub(String text, String id) {
        if (text == null || id == null) {
            return text;
        }
        String bare = id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id;
        if (bare.isEmpty()) {
            return text;
        }
        String redacted = redact(bare);
        String out = text.replace(PREFIX + bare, redacted);
        if (bare.length() >= 4) { // shorter, a bare match would mostly hit unrelated text
            out = out.replace(bare, redacted);
        }
        return out;
    }

    /**
     * @param uri an ESS URI as text, possibly carrying {@code service-id} in its query
     * @return the text with every {@code service-id} query value redacted
     */
    public static String redactUri(String uri) {
        int queryStart = uri.indexOf('?');
        if (queryStart < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length());
        int from = 0;
        int at = queryStart;
        while (at < uri.length()) {
            int hit = uri.indexOf(QUERY_PARAMETER, at);
            if (hit < 0) {
                break;
            }
            int valueStart = hit + QUERY_PARAMETER.length();
            int valueEnd = valueStart;
            while (valueEnd < uri.length() && uri.charAt(valueEnd) != '&' && uri.charAt(valueEnd) != '#') {
                valueEnd++;
            }
            char before = uri.charAt(hit - 1);
            if (before == '?' || before == '&') { // not the tail of another name, e.g. not-service-id
                out.append(uri, from, valueStart).append(redact(uri.substring(valueStart, valueEnd)));
                from = valueEnd;
            }
            at = valueEnd;
        }
        return out.append(uri, from, uri.length()).toString();
    }
}
