package dev.auraxium.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cheapest possible WebSocket reader, to measure how fast the server can push: a plain socket,
 * a hand-written upgrade, and a loop that only parses frame headers and counts the event frames
 * (text frames whose payload starts with {@code {"payload"}), skipping every byte it need not
 * look at. It decodes nothing and validates nothing; it is a benchmark probe, not a client.
 */
final class RawWsReader implements AutoCloseable {
    private static final byte[] EVENT_PREFIX = "{\"payload\"".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Countdown events;
    private final Thread thread;

    /**
     * Connects and upgrades; reading starts on a daemon thread.
     *
     * @param uri the full {@code ws://host:port/path?query}
     * @param events counted once per event frame
     */
    RawWsReader(URI uri, Countdown events) throws IOException {
        this.events = events;
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readResponseHead();
        thread = new Thread(this::readLoop, "bench-raw-ws-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readResponseHead() throws IOException {
        String head;
        try {
            head = WsWire.readHead(in);
        } catch (java.io.EOFException e) {
            throw new IOException("connection closed during the upgrade", e);
        }
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
    }

    /** Sends one masked text frame (clients must mask). */
    synchronized void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("frame too long for this probe: " + payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(frame);
        out.flush();
    }

    private void readLoop() {
        byte[] prefix = new byte[EVENT_PREFIX.length];
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return;
                }
                long length = WsWire.payloadLength(in, b1, null);
                int opcode = b0 & 0x0F;
                if (opcode == 0x8) {
                    return; // close
                }
                long rest = length;
                if (opcode == 0x1 && length >= prefix.length) {
                    in.readNBytes(prefix, 0, prefix.length);
                    rest -= prefix.length;
                    if (java.util.Arrays.equals(prefix, EVENT_PREFIX)) {
                        events.arrived();
                    }
                }
                in.skipNBytes(rest);
            }
        } catch (IOException e) {
            // the socket was closed: the reader ends
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
