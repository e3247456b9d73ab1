package dev.auraxium.transport.jdk.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The argument checks both transports make (builders, {@code connect}, {@code close}), with the same messages. */
public final class BuilderChecks {
    /** Headers the WebSocket handshake sets itself. */
    private static final List<String> RESERVED_HEADERS =
            List.of("connection", "content-length", "expect", "host", "upgrade");

    private BuilderChecks() {
    }

    /**
     * @param d a duration
     * @param what its name, for the message
     * @return {@code d}
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    /**
     * Checks an extra upgrade-request header.
     *
     * @param name a header name, not one the WebSocket handshake sets itself
     * @param value the value, without line breaks
     * @throws IllegalArgumentException naming the header and the rule it breaks
     */
    public static void header(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isEmpty() || !name.chars().allMatch(BuilderChecks::isTokenChar)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP token");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sec-websocket-") || RESERVED_HEADERS.contains(lower)) {
            throw new IllegalArgumentException("header '" + name
                    + "' is set by the WebSocket handshake itself and may not be given");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("value of header '" + name + "' must not contain a line break");
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /**
     * @param chars a message size limit
     * @return {@code chars}
     * @throws IllegalArgumentException if it is under 1,024
     */
    public static int maxMessageChars(int chars) {
        if (chars < 1024) {
            throw new IllegalArgumentException("maxMessageChars must be at least 1024, was " + chars);
        }
        return chars;
    }

    /**
     * Checks what {@code connect(uri, listener)} was given.
     *
     * @param uri a {@code ws://} or {@code wss://} URI
     * @param listener the listener, not null
     * @throws IllegalArgumentException if the URI's scheme is neither
     */
    public static void connectArguments(java.net.URI uri, Object listener) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(listener, "listener");
        wsScheme(uri);
    }

    /**
     * @param uri a URI given to {@code connect}
     * @return its scheme in lower case
     * @throws IllegalArgumentException if it is not {@code ws} or {@code wss}
     */
    public static String wsScheme(java.net.URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("uri must be a ws:// or wss:// URI, was scheme '" + uri.getScheme() + "'");
        }
        return scheme;
    }

    /**
     * Checks what {@code close(code, reason)} was given.
     *
     * @param code a close code a client may send
     * @param reason the reason, at most 123 UTF-8 bytes
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static void closeFrame(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!(code >= 1000 && code <= 1003) && !(code >= 1007 && code <= 1011) && !(code >= 3000 && code <= 4999)) {
            throw new IllegalArgumentException("close code " + code
                    + " may not be sent: use 1000-1003, 1007-1011 or 3000-4999");
        }
        int bytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > 123) {
            throw new IllegalArgumentException("close reason must be at most 123 UTF-8 bytes, was " + bytes);
        }
    }
}
