package dev.auraxium.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The full-speed feed of {@link LiveRate}'s {@code max} mode: a loopback TCP proxy in front of a
 * {@code FakeEssServer}. The client's upgrade request and commands, and the server's answers and
 * heartbeats, pass through unchanged (the server's frames whole, one at a time); {@link #blast}
 * then writes pre-encoded event frames straight into the client's socket, in chunks of about
 * 64 KiB cut at frame boundaries and never in the middle of one of the server's frames.
 *
 * <p>So the stream costs the feeding side a system call per chunk rather than an encoding, a
 * frame and a write per event: the server no longer takes a core from the client on a two-core
 * machine, and every client under test (ours or another) reads the same bytes.
 *
 * <p>Threading: two threads per connection copy the two directions; {@link #blast} runs on the
 * caller's thread. Loopback only; for benchmarks.
 */
final class FrameProxy implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket listener;
    private final URI upstream;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    /**
     * @param upstream the server's {@code ws://} URI (host and port are connected to, the path kept)
     * @throws IOException if the listening socket cannot be opened
     */
    FrameProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "frame-proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** @return the URI to give the client: this proxy's port, the server's path */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + upstream.getRawPath());
    }

    /**
     * Encodes text messages as unmasked, unfragmented server frames (RFC 6455 section 5.2).
     *
     * @param texts the messages
     * @return the frames, back to back, and where each ends
     */
    static Encoded encode(List<String> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] ends = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            byte[] payload = texts.get(i).getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            } else {
                throw new IllegalArgumentException("an event frame over 64 KiB");
            }
            out.writeBytes(payload);
            ends[i] = out.size();
        }
        return new Encoded(out.toByteArray(), ends);
    }

    /** Frames back to back ({@code bytes}) and the offset where frame {@code i} ends ({@code ends[i]}). */
    record Encoded(byte[] bytes, int[] ends) {
        int count() {
            return ends.length;
        }
    }

    /**
     * Writes {@code events} frames to the newest connection: the encoded frames over and over,
     * the last pass cut short.
     *
     * @param frames the encoded frames
     * @param events how many frames to write in all
     * @throws IOException if the client's socket fails (it exited, say)
     */
    void blast(Encoded frames, long events) throws IOException {
        Link link = links.get(links.size() - 1);
        List<int[]> whole = chunks(frames, frames.count());
        for (long left = events; left > 0; left -= frames.count()) {
            List<int[]> pass = left >= frames.count() ? whole : chunks(frames, (int) left);
            for (int[] c : pass) {
                link.write(frames.bytes(), c[0], c[1] - c[0]);
            }
        }
    }

    /** @return {@code [from, to)} ranges of about {@link #CHUNK} bytes over the first {@code n} frames, cut between them */
    private static List<int[]> chunks(Encoded frames, int n) {
        List<int[]> chunks = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < n; i++) {
            int end = frames.ends()[i];
            if (end - from >= CHUNK || i == n - 1) {
                chunks.add(new int[] {from, end});
                from = end;
            }
        }
        return chunks;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link link : links) {
            link.client.close();
            link.server.close();
        }
    }

    /** One proxied connection. */
    private static final class Link {
        private final Socket client;
        private final Socket server;
        private final OutputStream toClient;
        /** Held while a whole frame (or blast chunk) is written to the client. */
        private final Object writing = new Object();

        Link(Socket client, Socket server) throws IOException {
            this.client = client;
            this.server = server;
            this.toClient = client.getOutputStream();
        }

        void start() {
            Thread up = new Thread(() -> copy(client, server), "frame-proxy-up");
            Thread down = new Thread(this::down, "frame-proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        void write(byte[] b, int off, int len) throws IOException {
            synchronized (writing) {
                toClient.write(b, off, len);
            }
        }

        private static void copy(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // either side closed: the proxy's connection ends with it
            }
        }

        /** The server's upgrade answer as it comes, then its frames one whole frame at a time. */
        private void down() {
            try (InputStream in = server.getInputStream()) {
                byte[] head = WsWire.readHead(in).getBytes(StandardCharsets.ISO_8859_1);
                write(head, 0, head.length);
                while (true) {
                    byte[] frame = frame(in);
                    write(frame, 0, frame.length);
                }
            } catch (IOException e) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing is all that is left
                }
            }
        }

        private static byte[] frame(InputStream in) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(WsWire.readByte(in));
            int b1 = WsWire.readByte(in);
            f.write(b1);
            long len = WsWire.payloadLength(in, b1, f);
            if ((b1 & 0x80) != 0) {
                len += 4; // a server does not mask, but copy a mask key if one came
            }
            f.writeBytes(in.readNBytes((int) len));
            return f.toByteArray();
        }
    }
}
