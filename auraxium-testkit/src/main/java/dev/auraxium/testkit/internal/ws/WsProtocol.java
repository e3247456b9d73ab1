package dev.auraxium.testkit.internal.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 constants (opcodes, close codes) and the {@code Sec-WebSocket-Accept} computation.
 *
 * <p>Stateless; usable from any thread.
 *
 * <pre>{@code
 * String accept = WsProtocol.acceptKey("dGhlIHNhbXBsZSBub25jZQ==");  // "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
 * }</pre>
 */
public final class WsProtocol {

    /** Continuation frame. */
    public static final int OPCODE_CONTINUATION = 0x0;
    /** Text frame. */
    public static final int OPCODE_TEXT = 0x1;
    /** Binary frame. */
    public static final int OPCODE_BINARY = 0x2;
    /** Close frame. */
    public static final int OPCODE_CLOSE = 0x8;
    /** Ping frame. */
    public static final int OPCODE_PING = 0x9;
    /** Pong frame. */
    public static final int OPCODE_PONG = 0xA;

    /** Normal closure. */
    public static final int CLOSE_NORMAL = 1000;
    /** The endpoint is going away (server shutdown). */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Protocol error. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** Data of a type the endpoint cannot accept. */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** A close frame without a code (never sent on the wire). */
    public static final int CLOSE_NO_STATUS = 1005;
    /** The connection dropped without a close frame (never sent on the wire). */
    public static final int CLOSE_ABNORMAL = 1006;
    /** Message data inconsistent with its type, e.g. invalid UTF-8 in text. */
    public static final int CLOSE_INVALID_PAYLOAD = 1007;
    /** A policy violation. */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** A message too big to process. */
    public static final int CLOSE_MESSAGE_TOO_BIG = 1009;
    /** An unexpected condition on the server. */
    public static final int CLOSE_INTERNAL_ERROR = 1011;

    /** The GUID RFC 6455 appends to the client's key. */
    public static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsProtocol() {
    }

    /**
     * @param secWebSocketKey the client's {@code Sec-WebSocket-Key}
     * @return the matching {@code Sec-WebSocket-Accept}: base64 of SHA-1 of key + GUID
     */
    public static String acceptKey(String secWebSocketKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((secWebSocketKey + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }

    /**
     * @param code a close code received in a close frame
     * @return whether RFC 6455 (and the IANA registry) allows it on the wire
     */
    public static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * @param opcode a frame opcode
     * @return whether it is a control frame (close, ping, pong or reserved control)
     */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }
}
