package dev.auraxium.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of a minimal, possibly hostile WebSocket peer on a plain socket, for tests that
 * need a server the fake ESS would never be: the upgrade answer, raw frame headers, reading the
 * client's frames up to its close frame, and the heap a test holds.
 */
final class RawPeer {
    private RawPeer() {
    }

    /** @return the heap in use after a full GC, the lowest of three tries */
    static long heapUsedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return best;
    }

    static void handshake(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no request");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        Matcher key = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("no key");
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] frameHeader(boolean fin, int opcode, int length) {
        if (length < 126) {
            return new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), (byte) length};
        }
        return new byte[] {(byte) ((fin ? 0x80 : 0) | opcode), 126, (byte) (length >>> 8), (byte) length};
    }

    /** Reads the client's frames until its close frame; returns its code, or -1 when the stream ends first. */
    static int readCloseCode(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return -1;
                }
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes((int) len);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if ((b0 & 0x0F) == 0x8) {
                    return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
        } catch (IOException e) {
            READER_FAILURE = e;
            return -1;
        }
    }

    /** Why the last {@link #readCloseCode(Socket)} stopped reading early, if it did. */
    static volatile Throwable READER_FAILURE;

    /**
     * Serves one client a text message that never ends: a first fragment, then continuation
     * frames without FIN, until the client sends its close frame (its code completes
     * {@code clientCloseCode}) or 256 MiB went out.
     *
     * @param listening where the client will connect
     * @param clientCloseCode completed with the code of the client's close frame, -1 without one
     * @param sent counts the payload bytes sent
     * @return completes when the server is done
     */
    static java.util.concurrent.CompletableFuture<Void> endlessMessage(java.net.ServerSocket listening,
            java.util.concurrent.CompletableFuture<Integer> clientCloseCode, java.util.concurrent.atomic.AtomicLong sent) {
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (Socket s = listening.accept()) {
                s.setSoTimeout(20_000);
                handshake(s);
                Thread reader = new Thread(() -> clientCloseCode.complete(readCloseCode(s)), "hostile-reader");
                reader.setDaemon(true);
                reader.start();
                java.io.OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[60_000]; // fits the 16-bit length form
                java.util.Arrays.fill(chunk, (byte) 'a');
                out.write(frameHeader(false, 0x1, chunk.length));
                out.write(chunk);
                sent.addAndGet(chunk.length);
                while (!clientCloseCode.isDone() && sent.get() < 256L * 1024 * 1024) {
                    out.write(frameHeader(false, 0x0, chunk.length));
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client went away: what we wanted
            }
        });
    }
}
