package dev.auraxium.testkit.internal.ws;

/**
 * The writer's output buffer: whole unmasked server frames are encoded straight into one large array,
 * which then goes to the socket in a single write. Text is UTF-8 encoded in place (no per-frame array).
 * Owned by one writer thread.
 */
final class FrameBatch {

    final byte[] buffer;
    int position;
    /** Frames (and raw chunks) in the buffer, counted for {@link WsConnection#framesSent()}. */
    int frames;
    /** Queue accounting ({@link WsConnection#pendingBytes()}) of the items in the buffer. */
    long accountedBytes;

    FrameBatch(int capacity) {
        buffer = new byte[capacity];
    }

    static int headerSize(long payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    int remaining() {
        return buffer.length - position;
    }

    void clear() {
        position = 0;
        frames = 0;
        accountedBytes = 0;
    }

    /** Writes a header (FIN, opcode, unmasked length in the shortest form); the caller checked the room. */
    void putHeader(int opcode, boolean fin, long payloadLength) {
        byte[] b = buffer;
        int p = position;
        b[p++] = (byte) ((fin ? 0x80 : 0) | (opcode & 0x0F));
        if (payloadLength < 126) {
            b[p++] = (byte) payloadLength;
        } else if (payloadLength <= 0xFFFF) {
            b[p++] = 126;
            b[p++] = (byte) (payloadLength >>> 8);
            b[p++] = (byte) payloadLength;
        } else {
            b[p++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                b[p++] = (byte) (payloadLength >>> shift);
            }
        }
        position = p;
    }

    /** @return false (and nothing written) if the frame may not fit in the room left */
    boolean tryPutBytes(int opcode, boolean fin, byte[] payload) {
        if (headerSize(payload.length) + (long) payload.length > remaining()) {
            return false;
        }
        putHeader(opcode, fin, payload.length);
        System.arraycopy(payload, 0, buffer, position, payload.length);
        position += payload.length;
        frames++;
        return true;
    }

    /** @return false (and nothing written) if the bytes do not fit in the room left */
    boolean tryPutRaw(byte[] bytes) {
        if (bytes.length > remaining()) {
            return false;
        }
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        frames++;
        return true;
    }

    /**
     * Encodes one final text frame. The header is reserved for the worst case (3 bytes per char) and
     * moved down afterwards in the rare case the real length needs a shorter one.
     *
     * @return false (and nothing written) if the worst-case size does not fit in the room left
     */
    boolean tryPutText(String text) {
        int chars = text.length();
        long worst = 3L * chars;
        int reserved = headerSize(worst);
        if (reserved + worst > remaining()) {
            return false;
        }
        byte[] b = buffer;
        int start = position + reserved;
        int p = start;
        int i = 0;
        for (; i < chars; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        for (; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char next = i + 1 < chars ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                    int cp = Character.toCodePoint(c, next);
                    i++;
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[p++] = '?'; // a lone surrogate, replaced as String.getBytes(UTF_8) does
                }
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int length = p - start;
        int actual = headerSize(length);
        if (actual != reserved) {
            System.arraycopy(b, start, b, position + actual, length);
        }
        putHeader(WsProtocol.OPCODE_TEXT, true, length);
        position += length;
        frames++;
        return true;
    }
}
