package dev.auraxium.testkit.internal.ws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A handler's answer to a handshake: accept (status 101) or reject with a status, headers and a body.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * return HandshakeResponse.reject(503, "try later").withHeader("Retry-After", "5");
 * }</pre>
 *
 * @param status 101 to accept, else a final HTTP status (200..599)
 * @param headers extra response headers (the server adds the WebSocket headers, Content-Length and
 *     Connection itself)
 * @param body the response body for a reject (UTF-8); ignored on accept
 */
public record HandshakeResponse(int status, Map<String, String> headers, String body) {

    /** The status that accepts the upgrade. */
    public static final int SWITCHING_PROTOCOLS = 101;

    /** Checks the status and that headers cannot inject lines into the response. */
    public HandshakeResponse {
        if (status != SWITCHING_PROTOCOLS && (status < 200 || status > 599)) {
            throw new IllegalArgumentException("status must be 101 or 200..599, was " + status);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            checkToken(name);
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a null value or a line break: " + value);
            }
            copy.put(name, value);
        });
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** @return a response accepting the upgrade */
    public static HandshakeResponse accept() {
        return new HandshakeResponse(SWITCHING_PROTOCOLS, Map.of(), "");
    }

    /**
     * @param status a final status, 200..599
     * @param body the body, possibly empty
     * @return a response refusing the upgrade
     */
    public static HandshakeResponse reject(int status, String body) {
        return reject(status, Map.of(), body);
    }

    /**
     * @param status a final status, 200..599
     * @param headers extra headers, e.g. {@code Retry-After}
     * @param body the body, possibly empty
     * @return a response refusing the upgrade
     */
    public static HandshakeResponse reject(int status, Map<String, String> headers, String body) {
        if (status == SWITCHING_PROTOCOLS) {
            throw new IllegalArgumentException("a reject needs a final status 200..599, was " + status);
        }
        return new HandshakeResponse(status, headers, body);
    }

    /**
     * @param name a header name (an HTTP token)
     * @param value its value, without line breaks
     * @return a copy with this header added or replaced
     */
    public HandshakeResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HandshakeResponse(status, copy, body);
    }

    /** @return whether this accepts the upgrade */
    public boolean accepted() {
        return status == SWITCHING_PROTOCOLS;
    }

    private static void checkToken(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name is not an HTTP token: " + name);
            }
        }
    }
}
