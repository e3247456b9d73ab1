package dev.auraxium.testkit;

/**
 * A WebSocket frame that breaks RFC 6455, sent by {@link Faults#sendMalformedFrame(long, MalformedFrame)}
 * to check that a client reports a protocol error instead of hanging or decoding garbage. A correct
 * client fails the connection (the JDK client calls {@code onError} with a {@code ProtocolException}).
 *
 * <p>Over {@link InMemoryTransport}, which has no frames, each of these ends the connection with a
 * {@link dev.auraxium.transport.TransportException} delivered to {@code onError}.
 */
public enum MalformedFrame {
    /** A frame with the reserved, undefined opcode {@code 0x3}. */
    RESERVED_OPCODE,
    /** A text frame whose payload is not valid UTF-8. */
    INVALID_UTF8,
    /** A continuation frame with no message in progress. */
    UNEXPECTED_CONTINUATION,
    /** A ping frame (control frame) with a 126-byte payload, more than the 125 bytes allowed. */
    OVERSIZED_CONTROL_FRAME
}
