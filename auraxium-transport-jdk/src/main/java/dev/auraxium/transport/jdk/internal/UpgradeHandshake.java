package dev.auraxium.transport.jdk.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of the WebSocket opening handshake (RFC 6455 section 4) on a plain stream: writes
 * the HTTP/1.1 upgrade request and reads and checks the server's answer.
 *
 * <p>The answer is read byte by byte up to its blank line and at most {@link #MAX_RESPONSE_BYTES}
 * bytes, so nothing of the first frames is consumed. Not thread-safe; used once, by the thread that
 * opens the connection.
 */
public final class UpgradeHandshake {
    /** The most header bytes accepted in the server's answer. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final URI uri;
    private final String key;
    private final Map<String, String> headers;

    /**
     * @param uri the {@code ws://} or {@code wss://} URI
     * @param headers extra request headers (already checked)
     * @param random the source of the request's key
     */
    public UpgradeHandshake(URI uri, Map<String, String> headers, SecureRandom random) {
        this.uri = uri;
        this.headers = headers;
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Writes the upgrade request.
     *
     * @param out the connection's output
     * @throws IOException if writing fails
     */
    public void writeRequest(OutputStream out) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder request = new StringBuilder(256).append("GET ").append(path);
        if (uri.getRawQuery() != null) {
            request.append('?').append(uri.getRawQuery());
        }
        request.append(" HTTP/1.1\r\nHost: ").append(hostHeader(uri))
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
                .append("\r\nSec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads the server's answer and checks it is a valid switch to the WebSocket protocol.
     *
     * @param in the connection's input, positioned at the answer
     * @param clock the clock a {@code Retry-After} date is measured from
     * @throws TransportException if the server refused the upgrade (with its HTTP status) or
     *     answered with an invalid handshake
     * @throws IOException if reading fails or the connection ends first
     */
    public void readResponse(InputStream in, Clock clock) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = statusOf(lines[0]);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        if (status != 101) {
            Optional<String> retryAfter = Optional.ofNullable(fields.get("retry-after"));
            throw ConnectFailures.refused(status, retryAfter, uri, clock);
        }
        String problem = null;
        if (!"websocket".equalsIgnoreCase(fields.get("upgrade"))) {
            problem = "its Upgrade header is " + quote(fields.get("upgrade"));
        } else if (fields.get("connection") == null
                || !fields.get("connection").toLowerCase(Locale.ROOT).contains("upgrade")) {
            problem = "its Connection header is " + quote(fields.get("connection"));
        } else if (!expectedAccept().equals(fields.get("sec-websocket-accept"))) {
            problem = "its Sec-WebSocket-Accept does not answer our key";
        } else if (fields.get("sec-websocket-extensions") != null) {
            problem = "it chose extensions we did not offer (" + fields.get("sec-websocket-extensions") + ")";
        }
        if (problem != null) {
            throw new TransportException("The server at " + ServiceIds.redactUri(uri.toString())
                    + " answered the upgrade with an invalid WebSocket handshake: " + problem, null);
        }
    }

    private String readHead(InputStream in) throws IOException {
        byte[] head = new byte[1024];
        int n = 0;
        while (n < 4 || head[n - 4] != '\r' || head[n - 3] != '\n' || head[n - 2] != '\r' || head[n - 1] != '\n') {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection during the WebSocket handshake");
            }
            if (n == MAX_RESPONSE_BYTES) {
                throw new TransportException("The server at " + ServiceIds.redactUri(uri.toString())
                        + " answered the upgrade with more than " + MAX_RESPONSE_BYTES + " bytes of headers", null);
            }
            if (n == head.length) {
                head = java.util.Arrays.copyOf(head, Math.min(MAX_RESPONSE_BYTES, head.length * 2));
            }
            head[n++] = (byte) b;
        }
        return new String(head, 0, n - 4, StandardCharsets.ISO_8859_1);
    }

    private int statusOf(String statusLine) throws TransportException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length >= 2 && parts[0].startsWith("HTTP/1.") && parts[1].length() == 3) {
            try {
                return Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new TransportException("The server at " + ServiceIds.redactUri(uri.toString())
                + " did not answer the upgrade with HTTP (first line: " + quote(statusLine) + ")", null);
    }

    /** @return the {@code Sec-WebSocket-Accept} a server must send for our key */
    String expectedAccept() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port < 0 || port == (secure ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static String quote(String s) {
        if (s == null) {
            return "missing";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown + "'";
    }
}
