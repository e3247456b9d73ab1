package dev.auraxium.testkit.internal.ws;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-written WebSocket client over a plain socket: writes its own handshake and frames (masked or
 * not, any length encoding), so tests can send what a correct client never would.
 */
final class RawClient implements AutoCloseable {

    /** A frame as read from the server. */
    record Frame(boolean fin, int rsv, int opcode, boolean masked, int lengthForm, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? WsProtocol.CLOSE_NO_STATUS : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    /** An HTTP response head and body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawClient(int port) throws IOException {
        this(port, -1);
    }

    /** @param receiveBuffer SO_RCVBUF to ask for before connecting, or -1 */
    RawClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static String upgradeRequest(String target, String key, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /** Sends a valid upgrade and checks the 101 and its accept key. */
    RawClient open(String target) throws IOException {
        String key = newKey();
        writeAscii(upgradeRequest(target, key, ""));
        Response r = readResponseHead();
        if (r.status() != 101) {
            throw new IOException("expected 101, got " + r);
        }
        if (!WsProtocol.acceptKey(key).equals(r.header("Sec-WebSocket-Accept"))) {
            throw new IOException("bad accept key in " + r);
        }
        return this;
    }

    void writeAscii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads a response head, and the body if there is a Content-Length. */
    Response readResponseHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("response ended early: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        String length = headers.get("content-length");
        if (status != 101 && length != null) {
            body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    void sendText(String text) throws IOException {
        sendFrame(true, WsProtocol.OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame(fin, 0, opcode, payload, true, -1);
    }

    /**
     * @param lengthForm 7, 16 or 64 to force that encoding of the length, -1 for the shortest
     */
    void sendFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int lengthForm) throws IOException {
        out.write(encode(fin, rsv, opcode, payload, masked, lengthForm));
        out.flush();
    }

    static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int lengthForm) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        int form = lengthForm > 0 ? lengthForm : payload.length < 126 ? 7 : payload.length <= 0xFFFF ? 16 : 64;
        if (form == 7) {
            frame.write(maskBit | payload.length);
        } else if (form == 16) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            long len = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (len >>> shift));
            }
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i & 3]);
            }
        } else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long len = b1 & 0x7F;
        int form = 7;
        if (len == 126) {
            form = 16;
            len = (readByte() << 8) | readByte();
        } else if (len == 127) {
            form = 64;
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] mask = masked ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("frame payload cut short");
        }
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, masked, form, payload);
    }

    /** Skips data frames until a close frame arrives. */
    Frame readUntilClose() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == WsProtocol.OPCODE_CLOSE) {
                return f;
            }
        }
    }

    /** @return whether the server ended the stream (EOF or reset) before the socket timeout */
    boolean awaitEndOfStream() throws IOException {
        try {
            byte[] sink = new byte[8192];
            while (true) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset counts as ended
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
