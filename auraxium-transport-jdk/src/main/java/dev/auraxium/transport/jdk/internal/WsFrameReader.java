package dev.auraxium.transport.jdk.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Reads the frames a server sends (RFC 6455 section 5) from a blocking stream and hands up whole
 * messages and control frames, one {@link #next()} at a time.
 *
 * <p>Frames are parsed from a fixed 16 KiB buffer. A message that arrives whole in one read is
 * decoded where it lies; a fragmented or larger one is assembled in a buffer that grows to at most
 * three bytes per allowed character, so a peer cannot make it grow without end: past that the rest
 * of the message is skipped and {@link #TOO_BIG} reported once. Text must be UTF-8; ASCII, the
 * usual case, is copied without decoding. Binary messages are skipped.
 *
 * <p><b>Read coalescing.</b> With a coalescing delay, a read that emptied the socket (it returned
 * less than the room left in the buffer) while the stream is slow (fewer than
 * {@link #SLOW_STREAM_BYTES} read since the last such decision) is followed by a pause of that
 * delay before the next read, so that what arrives meanwhile is read, and handed on, in one go.
 * At a live rate of a few hundred small messages a second this turns a wake-up of the reader (and
 * of whoever it hands messages to) per message into one per delay; a fast stream never pauses,
 * and a quiet one costs one pause, then blocks in {@code read} as before.
 *
 * <p>Not thread-safe: used by the connection's reader thread only.
 */
final class WsFrameReader {
    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;
    /** {@link #next()}: a message went over the limit; its rest is skipped. */
    static final int TOO_BIG = -1;
    /** {@link #next()}: the stream ended between frames. */
    static final int END = -2;

    static final int PROTOCOL_ERROR = 1002;
    static final int NO_STATUS = 1005;
    static final int INVALID_DATA = 1007;

    private final InputStream in;
    private final int maxMessageChars;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    /** Bytes read since the last pause decision below which a stream counts as slow (about a dozen events). */
    static final int SLOW_STREAM_BYTES = 4 * 1024;
    private final long coalesceNanos;
    private final LongConsumer pause;
    private boolean lastReadShort;
    private long readSinceDecision;
    private byte[] message = new byte[0];
    private int messageLength;
    private boolean inMessage;
    private boolean dropping;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The text of the last {@link #OP_TEXT}. */
    String text;
    /** The payload of the last {@link #OP_PING} or {@link #OP_PONG}. */
    byte[] controlPayload;
    /** The code of the last {@link #OP_CLOSE} ({@link #NO_STATUS} when it had none). */
    int closeCode;
    /** The reason of the last {@link #OP_CLOSE}. */
    String closeReason;
    /** The size (bytes, or characters once decoded) of the message of the last {@link #TOO_BIG}. */
    long tooBigSize;

    /**
     * A reader without read coalescing.
     *
     * @param in the connection's input, after the handshake
     * @param maxMessageChars the largest text message accepted
     */
    WsFrameReader(InputStream in, int maxMessageChars) {
        this(in, maxMessageChars, 0, nanos -> { });
    }

    /**
     * @param in the connection's input, after the handshake
     * @param maxMessageChars the largest text message accepted
     * @param coalesceNanos the read-coalescing delay (see the class comment); 0 reads at once
     * @param pause waits the given nanoseconds (returning early on an interrupt is fine)
     */
    WsFrameReader(InputStream in, int maxMessageChars, long coalesceNanos, LongConsumer pause) {
        this.in = in;
        this.maxMessageChars = maxMessageChars;
        this.coalesceNanos = coalesceNanos;
        this.pause = pause;
    }

    /**
     * Reads frames until there is something for the connection.
     *
     * @return {@link #OP_TEXT}, {@link #OP_PING}, {@link #OP_PONG}, {@link #OP_CLOSE},
     *     {@link #TOO_BIG} or {@link #END}; the fields above carry what came with it
     * @throws WsProtocolException if the server broke the protocol
     * @throws IOException if reading fails or the stream ends inside a frame
     */
    int next() throws IOException {
        while (true) {
            if (!fill(2, true)) {
                return END;
            }
            int b0 = buf[pos] & 0xFF;
            int b1 = buf[pos + 1] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                throw new WsProtocolException(PROTOCOL_ERROR, "a frame with reserved bits set");
            }
            if ((b1 & 0x80) != 0) {
                throw new WsProtocolException(PROTOCOL_ERROR, "a masked frame from the server");
            }
            long length = length(b1 & 0x7F);
            if (opcode >= OP_CLOSE) {
                return control(opcode, fin, length);
            }
            startOrContinue(opcode);
            if (!dropping && messageLength + length > 3L * maxMessageChars) {
                dropping = true;
                tooBigSize = messageLength + length;
                skip(length, fin);
                return TOO_BIG;
            }
            if (fin && messageLength == 0 && !dropping && length <= lim - pos) {
                // The usual case: a whole message in the read buffer, decoded where it lies.
                int at = pos;
                pos += (int) length;
                inMessage = false;
                return text(buf, at, (int) length);
            }
            payload(length);
            if (fin) {
                inMessage = false;
                if (dropping) {
                    dropping = false; // a binary message (ESS sends none) or the rest of one over the limit
                    continue;
                }
                int n = messageLength;
                messageLength = 0;
                int kind = text(message, 0, n);
                if (message.length > 64 * 1024) {
                    message = new byte[0]; // do not keep a large buffer after a large message
                }
                return kind;
            }
        }
    }

    /** Reads the rest of the header; returns the payload length and moves past the header. */
    private long length(int len7) throws IOException {
        int headerLength = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
        fill(headerLength, false);
        long length = len7;
        if (len7 == 126) {
            length = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (buf[pos + i] & 0xFF);
            }
            if (length < 0) {
                throw new WsProtocolException(PROTOCOL_ERROR, "a frame length over 2^63");
            }
        }
        pos += headerLength;
        return length;
    }

    private void startOrContinue(int opcode) throws WsProtocolException {
        switch (opcode) {
            case OP_TEXT, OP_BINARY -> {
                if (inMessage) {
                    throw new WsProtocolException(PROTOCOL_ERROR, "a new message inside a fragmented one");
                }
                inMessage = true;
                dropping = opcode == OP_BINARY;
                messageLength = 0;
            }
            case OP_CONTINUATION -> {
                if (!inMessage) {
                    throw new WsProtocolException(PROTOCOL_ERROR, "a continuation frame outside a message");
                }
            }
            default -> throw new WsProtocolException(PROTOCOL_ERROR, "a frame with the unknown opcode " + opcode);
        }
    }

    private int control(int opcode, boolean fin, long length) throws IOException {
        if (!fin || length > 125) {
            throw new WsProtocolException(PROTOCOL_ERROR, "a fragmented or over-long control frame");
        }
        int n = (int) length;
        fill(n, false);
        int at = pos;
        pos += n;
        switch (opcode) {
            case OP_PING, OP_PONG -> {
                controlPayload = Arrays.copyOfRange(buf, at, at + n);
                return opcode;
            }
            case OP_CLOSE -> {
                if (n == 1) {
                    throw new WsProtocolException(PROTOCOL_ERROR, "a close frame with a one-byte payload");
                }
                closeCode = n >= 2 ? ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF) : NO_STATUS;
                closeReason = n > 2 ? utf8(buf, at + 2, n - 2, "a close reason that is not UTF-8") : "";
                return OP_CLOSE;
            }
            default -> throw new WsProtocolException(PROTOCOL_ERROR, "a frame with the unknown opcode " + opcode);
        }
    }

    /** Decodes a whole message; a message over the limit in characters is {@link #TOO_BIG}. */
    private int text(byte[] bytes, int at, int length) throws WsProtocolException {
        int end = at + length;
        String decoded = null;
        for (int i = at; i < end; i++) {
            if (bytes[i] < 0) {
                decoded = utf8(bytes, at, length, "a text message that is not UTF-8");
                break;
            }
        }
        if (decoded == null) {
            decoded = new String(bytes, at, length, StandardCharsets.ISO_8859_1); // ASCII: each byte is its char
        }
        if (decoded.length() > maxMessageChars) {
            tooBigSize = decoded.length();
            return TOO_BIG;
        }
        text = decoded;
        return OP_TEXT;
    }

    private String utf8(byte[] bytes, int at, int length, String problem) throws WsProtocolException {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw new WsProtocolException(INVALID_DATA, problem);
        }
    }

    /** Reads {@code length} payload bytes into the message buffer, or skips them when dropping. */
    private void payload(long length) throws IOException {
        if (!dropping && messageLength + length > message.length) {
            message = Arrays.copyOf(message, (int) Math.max(messageLength + length,
                    Math.min(3L * maxMessageChars, Math.max(256, 2L * message.length))));
        }
        long left = length;
        while (left > 0) {
            if (pos == lim) {
                fill(1, false);
            }
            int n = (int) Math.min(left, lim - pos);
            if (!dropping) {
                System.arraycopy(buf, pos, message, messageLength, n);
                messageLength += n;
            }
            pos += n;
            left -= n;
        }
    }

    /** Skips this frame's payload after the limit was crossed; the message's later frames are skipped too. */
    private void skip(long length, boolean fin) throws IOException {
        messageLength = 0;
        message = new byte[0];
        payload(length);
        if (fin) {
            inMessage = false;
            dropping = false;
        }
    }

    /** Reads until {@code n} bytes are buffered; false only when {@code endAllowed} and the stream ended first. */
    private boolean fill(int n, boolean endAllowed) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            if (lastReadShort && coalesceNanos > 0) {
                if (readSinceDecision < SLOW_STREAM_BYTES) {
                    pause.accept(coalesceNanos);
                }
                readSinceDecision = 0;
            }
            int room = buf.length - lim;
            int r = in.read(buf, lim, room);
            lastReadShort = r < room;
            if (r < 0) {
                if (endAllowed && lim == 0) {
                    return false;
                }
                throw new EOFException("the connection ended inside a frame");
            }
            lim += r;
            readSinceDecision += r;
        }
        return true;
    }
}
