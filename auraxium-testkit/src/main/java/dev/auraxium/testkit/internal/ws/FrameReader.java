package dev.auraxium.testkit.internal.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the client's frames of one connection: checks each header (reserved bits, mask, opcode,
 * minimal lengths, control frame rules), unmasks the payload, joins fragments into messages up to the
 * message size limit, checks UTF-8 of text and parses the close payload. What it reads goes to a
 * {@link FrameCallback}; every violation ends reading with a {@link ProtocolFailure} carrying the close
 * code to answer with.
 *
 * <p>Knows nothing of the connection's state or of writing: answering a ping or a close is the
 * callback's business. Used by the connection's reader thread only.
 */
final class FrameReader {

    /** Payloads up to this size are read into a buffer of their declared size at once. */
    private static final int PAYLOAD_CHUNK = 64 * 1024;
    /** A reassembly buffer larger than this is dropped after its message, not kept for the next ones. */
    private static final int KEEP_MESSAGE_BUFFER = 1 << 20;

    /** What the reader found, called on the reader thread in the order the frames arrived. */
    interface FrameCallback {
        /** A whole text message, checked UTF-8. */
        void onText(String text);

        /** A whole binary message (an array of its own). */
        void onBinary(byte[] data);

        /** A ping, to be answered with a pong carrying the same payload. */
        void onPing(byte[] payload);

        /**
         * The peer's close frame, checked; reading has ended.
         *
         * @param code its code, {@link WsProtocol#CLOSE_NO_STATUS} for an empty payload
         * @param reason its reason, possibly empty
         */
        void onClose(int code, String reason);
    }

    /** Ends frame reading after a protocol violation, with the close code to send. */
    static final class ProtocolFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        ProtocolFailure(int code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    private final InputStream in;
    private final int maxMessage;
    private final FrameCallback callback;
    private final byte[] mask = new byte[4];
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] message = new byte[0];
    private int messageLength;
    /** The opcode of the fragmented message being read; -1 when not inside one. */
    private int messageOpcode = -1;

    /**
     * @param in the connection's input, after the handshake
     * @param maxMessage the largest message accepted, in bytes; larger ones fail with 1009
     * @param callback where frames go
     */
    FrameReader(InputStream in, int maxMessage, FrameCallback callback) {
        this.in = in;
        this.maxMessage = maxMessage;
        this.callback = callback;
    }

    /**
     * Reads frames until the peer's close frame or the end of the stream.
     *
     * @throws IOException when the socket fails or the stream ends inside a frame
     * @throws ProtocolFailure when the peer breaks the protocol
     */
    void readUntilClose() throws IOException, ProtocolFailure {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return; // end of stream without a close frame
            }
            int b1 = readByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "reserved bits set");
            }
            if ((b1 & 0x80) == 0) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "client frames must be masked");
            }
            if ((opcode > 2 && opcode < 8) || opcode > 10) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
            boolean control = WsProtocol.isControl(opcode);
            if (control && !fin) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "fragmented control frame");
            }
            long length = readLength(b1 & 0x7F);
            if (control && length > 125) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "control frame payload over 125 bytes");
            }
            if (!control) {
                checkDataFrame(opcode, length);
            }
            readFully(mask, 4);
            byte[] payload = readPayload((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case WsProtocol.OPCODE_PING -> callback.onPing(payload);
                case WsProtocol.OPCODE_PONG -> {
                    // unsolicited or answering a ping we injected: nothing to do
                }
                case WsProtocol.OPCODE_CLOSE -> {
                    readClose(payload);
                    return;
                }
                default -> onData(opcode, fin, payload);
            }
        }
    }

    /** The 7-bit length, or the 16- or 64-bit one it announces, which must be in its shortest form. */
    private long readLength(int length7) throws IOException, ProtocolFailure {
        long length = length7;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
            if (length < 126) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "non-minimal 16-bit length");
            }
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
            if (length < 0) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "64-bit length with the high bit set");
            }
            if (length <= 0xFFFF) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "non-minimal 64-bit length");
            }
        }
        return length;
    }

    /** Fragment order and the message size limit, checked before a byte of the payload is read. */
    private void checkDataFrame(int opcode, long length) throws ProtocolFailure {
        if (opcode == WsProtocol.OPCODE_CONTINUATION && messageOpcode < 0) {
            throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "continuation without a message");
        }
        if (opcode != WsProtocol.OPCODE_CONTINUATION && messageOpcode >= 0) {
            throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "new message inside a fragmented one");
        }
        long total = (opcode == WsProtocol.OPCODE_CONTINUATION ? messageLength : 0) + length;
        if (total > maxMessage) {
            throw new ProtocolFailure(WsProtocol.CLOSE_MESSAGE_TOO_BIG,
                    "message of " + total + " bytes over the limit of " + maxMessage);
        }
    }

    private void onData(int opcode, boolean fin, byte[] payload) throws ProtocolFailure {
        if (opcode != WsProtocol.OPCODE_CONTINUATION) {
            if (fin) { // the common case: one frame, no copy
                utf8.reset();
                deliver(opcode, payload, payload.length, true);
                return;
            }
            messageOpcode = opcode;
            messageLength = 0;
            utf8.reset();
        }
        if (messageOpcode == WsProtocol.OPCODE_TEXT && !utf8.feed(payload, 0, payload.length)) {
            throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in text");
        }
        if (messageLength + payload.length > message.length) {
            message = Arrays.copyOf(message, Math.max(messageLength + payload.length,
                    (int) Math.min(maxMessage, Math.max(1024L, 2L * message.length))));
        }
        System.arraycopy(payload, 0, message, messageLength, payload.length);
        messageLength += payload.length;
        if (fin) {
            int op = messageOpcode;
            messageOpcode = -1;
            if (op == WsProtocol.OPCODE_TEXT && !utf8.complete()) {
                throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "text ends inside a character");
            }
            deliver(op, message, messageLength, false);
            if (message.length > KEEP_MESSAGE_BUFFER) {
                message = new byte[0]; // do not keep a huge buffer for the small messages that follow
            }
        }
    }

    /** @param check whether text still needs its UTF-8 checked (unfragmented); false when done while joining */
    private void deliver(int opcode, byte[] bytes, int length, boolean check) throws ProtocolFailure {
        if (opcode == WsProtocol.OPCODE_TEXT) {
            if (check && (!utf8.feed(bytes, 0, length) || !utf8.complete())) {
                throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in text");
            }
            callback.onText(new String(bytes, 0, length, StandardCharsets.UTF_8));
        } else {
            callback.onBinary(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        }
    }

    private void readClose(byte[] payload) throws ProtocolFailure {
        int code;
        String reason = "";
        if (payload.length == 0) {
            code = WsProtocol.CLOSE_NO_STATUS;
        } else if (payload.length == 1) {
            throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "close payload of 1 byte");
        } else {
            code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            if (!WsProtocol.isValidCloseCode(code)) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "invalid close code " + code);
            }
            Utf8Validator check = new Utf8Validator();
            if (!check.feed(payload, 2, payload.length - 2) || !check.complete()) {
                throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in the close reason");
            }
            reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
        callback.onClose(code, reason);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame");
        }
        return b;
    }

    /**
     * Reads a payload whose length the header declared. The buffer grows as bytes arrive (doubling
     * from 64 KiB), so a header that announces a large frame costs nothing until the bytes come.
     */
    private byte[] readPayload(int length) throws IOException {
        if (length <= PAYLOAD_CHUNK) {
            byte[] payload = new byte[length];
            readFully(payload, length);
            return payload;
        }
        byte[] buffer = new byte[PAYLOAD_CHUNK];
        int done = 0;
        while (done < length) {
            if (done == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = in.read(buffer, done, buffer.length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
        return buffer;
    }

    private void readFully(byte[] buffer, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
    }
}
