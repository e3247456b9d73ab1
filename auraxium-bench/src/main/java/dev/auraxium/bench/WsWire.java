package dev.auraxium.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The RFC 6455 wire reads the benchmarks' raw socket peers ({@link RawWsReader}, {@link FrameProxy})
 * share: an upgrade answer's head, and a frame's payload length.
 */
final class WsWire {
    private WsWire() {
    }

    /**
     * Reads an HTTP head up to and including the blank line that ends it.
     *
     * @param in the stream, at the head's start
     * @return the head, one character per byte
     * @throws EOFException if the stream ends first
     * @throws IOException if reading fails
     */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.indexOf("\r\n\r\n", head.length() - 4) < 0) {
            head.append((char) readByte(in));
        }
        return head.toString();
    }

    /**
     * Reads the rest of a frame's length (RFC 6455 section 5.2) after its second byte.
     *
     * @param in the stream, just after the frame's second byte
     * @param b1 the frame's second byte (mask bit and 7-bit length)
     * @param copy receives the extended length's bytes as read, or null
     * @return the payload's length, without a mask key
     * @throws EOFException if the stream ends inside the length
     * @throws IOException if reading fails
     */
    static long payloadLength(InputStream in, int b1, OutputStream copy) throws IOException {
        long length = b1 & 0x7F;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
            length = 0;
            for (int i = 0; i < extra; i++) {
                int b = readByte(in);
                if (copy != null) {
                    copy.write(b);
                }
                length = (length << 8) | b;
            }
        }
        return length;
    }

    /** @return the next byte; @throws EOFException at the stream's end */
    static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
