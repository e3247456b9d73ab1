package dev.auraxium.testkit.internal.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP/1.1 side of the opening handshake: reads the request head within a size and time bound,
 * parses and validates it as an RFC 6455 upgrade, and renders responses. Used by reader threads only.
 */
final class HttpHandshake {

    /** Upper bound on the request line plus headers; more is refused with 431. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /** A request the server answers itself with an error status. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final HandshakeResponse response;

        Refusal(int status, String body) {
            this(HandshakeResponse.reject(status, body));
        }

        Refusal(HandshakeResponse response) {
            super(response.status() + " " + response.body(), null, false, false);
            this.response = response;
        }
    }

    private HttpHandshake() {
    }

    /**
     * Reads up to the blank line that ends the head. Reads byte by byte from a buffered stream so that
     * frames the client pipelines right after its request stay in the stream for the frame reader.
     *
     * @return the head as ISO-8859-1 text, or null if the peer closed or the deadline passed first
     */
    static String readHead(InputStream in, Socket socket, long deadlineNanos) throws IOException, Refusal {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0; // progress through "\r\n\r\n", bare "\n\n" tolerated
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return null;
            }
            // the timeout is a plain field of the socket implementation: cheap to set per read
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new Refusal(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                matched++;
                if (matched == 2) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            } else if (b != '\r') {
                matched = 0;
            }
        }
    }

    /** Parses the head of an HTTP/1.1 request. */
    static HandshakeRequest parse(String head, InetSocketAddress remote) throws Refusal {
        String[] lines = head.split("\r?\n");
        if (lines.length == 0) {
            throw new Refusal(400, "empty request");
        }
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()) {
            throw new Refusal(400, "malformed request line");
        }
        String version = requestLine[2];
        if (!version.startsWith("HTTP/1.") || version.equals("HTTP/1.0")) {
            throw new Refusal(version.startsWith("HTTP/") ? 505 : 400, "HTTP/1.1 required, got " + version);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || Character.isWhitespace(line.charAt(colon - 1))) {
                throw new Refusal(400, "malformed header line " + (i + 1));
            }
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        String target = requestLine[1];
        int schemeEnd = target.indexOf("://");
        if (!target.startsWith("/") && schemeEnd > 0) { // absolute-form: keep path and query
            int pathStart = target.indexOf('/', schemeEnd + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    throw new Refusal(400, "malformed percent-encoding in the query");
                }
            }
        }
        return new HandshakeRequest(requestLine[0], path, query, headers, remote);
    }

    /**
     * Checks the request is a WebSocket version 13 upgrade (RFC 6455 §4.2.1).
     *
     * @return the client's {@code Sec-WebSocket-Key}
     */
    static String validate(HandshakeRequest request) throws Refusal {
        if (!request.method().equals("GET")) {
            throw new Refusal(HandshakeResponse.reject(405, Map.of("Allow", "GET"), "a WebSocket upgrade must be a GET"));
        }
        if (!hasToken(request, "Upgrade", "websocket")) {
            throw new Refusal(400, "missing Upgrade: websocket");
        }
        if (!hasToken(request, "Connection", "upgrade")) {
            throw new Refusal(400, "missing the upgrade token in Connection");
        }
        List<String> versions = request.headers().getOrDefault("Sec-WebSocket-Version", List.of());
        if (versions.size() != 1 || !versions.get(0).equals("13")) {
            throw new Refusal(HandshakeResponse.reject(
                    426, Map.of("Sec-WebSocket-Version", "13"), "only WebSocket version 13 is supported"));
        }
        List<String> keys = request.headers().getOrDefault("Sec-WebSocket-Key", List.of());
        if (keys.size() != 1 || !isValidKey(keys.get(0))) {
            throw new Refusal(400, "Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        return keys.get(0);
    }

    private static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(HandshakeRequest request, String header, String token) {
        for (String value : request.headers().getOrDefault(header, List.of())) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 101 response, with the handler's extra headers. */
    static byte[] switchingProtocols(String key, Map<String, String> extraHeaders) {
        StringBuilder sb = new StringBuilder(256)
                .append("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(WsProtocol.acceptKey(key)).append("\r\n");
        extraHeaders.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A final response that refuses the upgrade; the connection is closed after it. */
    static byte[] refusal(HandshakeResponse response) {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(256)
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        response.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("connection")) {
                sb.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (body.length > 0 && response.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            sb.append("Content-Type: text/plain; charset=utf-8\r\n");
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 426: return "Upgrade Required";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            case 505: return "HTTP Version Not Supported";
            default: return "Status " + status;
        }
    }
}
