package dev.auraxium.testkit.internal.ws;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One server-side connection: the handshake, the close state machine and the reader thread, which
 * runs the whole life of the connection (handshake, then frames through a {@link FrameReader}, then the
 * end and {@link WebSocketHandler#onClose}). Sending is the {@link FrameWriter}'s: its writer thread
 * drains the send queue into large batched socket writes, then writes the close frame.
 *
 * <p>Closing, whoever starts it, always ends the same way: the writer writes exactly one close frame,
 * shuts the socket's output (so the peer reads the end right after it) and waits, bounded, for the
 * reader to finish; the reader ends on the peer's close frame, end of stream or a socket error, and
 * then closes the socket. Every wait is bounded by the close timeout, after which the socket is closed
 * regardless, which unblocks both threads.
 */
final class ServerConnection implements WsConnection, FrameReader.FrameCallback {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /** A failure's reason is cut to this many chars in the close frame (a close reason is small). */
    private static final int MAX_FAILURE_REASON = 60;

    /** Where a connection is in its life; it only ever moves forward. */
    enum State {
        /** Reading the upgrade request; nothing may be sent. */
        HANDSHAKE,
        /** Upgraded: frames flow both ways. */
        OPEN,
        /** A close frame was sent or received; only control frames still go out. */
        CLOSING,
        /** Ended: aborted, or the reader finished. */
        CLOSED
    }

    private final WebSocketServer server;
    private final WebSocketHandler handler;
    private final WebSocketServer.Config config;
    private final long id;
    private final Socket socket;
    private final long closeTimeoutNanos;
    private final FrameWriter writer;

    private final AtomicReference<State> state = new AtomicReference<>(State.HANDSHAKE);
    private volatile HandshakeRequest request;
    private volatile Object attachment;

    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile int receivedCloseCode = -1;
    private volatile String receivedCloseReason = "";
    private volatile boolean aborted;
    /** Set by the reader once onOpen is due, so that onClose follows whatever happens next. */
    private boolean opened;
    private volatile String abortReason = "";

    ServerConnection(WebSocketServer server, WebSocketHandler handler, long id, Socket socket, String threadPrefix) {
        this.server = server;
        this.handler = handler;
        this.config = server.config();
        this.id = id;
        this.socket = socket;
        this.closeTimeoutNanos = config.handshakeTimeout().toNanos();
        this.writer = new FrameWriter(this, server, socket, threadPrefix + "-writer");
    }

    // ---------------------------------------------------------------- WsConnection

    @Override
    public long id() {
        return id;
    }

    @Override
    public HandshakeRequest request() {
        return request;
    }

    @Override
    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    @Override
    public void sendText(String text) {
        Objects.requireNonNull(text, "text");
        if (state.get() == State.OPEN) {
            writer.sendText(text);
        }
    }

    @Override
    public void sendFrame(int opcode, boolean fin, byte[] payload) {
        if (opcode < 0 || opcode > 15) {
            throw new IllegalArgumentException("opcode must be 0..15, was " + opcode);
        }
        byte[] copy = Objects.requireNonNull(payload, "payload").clone();
        if (state.get() == State.OPEN) {
            writer.sendFrame(opcode, fin, copy);
        }
    }

    @Override
    public void sendRaw(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        if (state.get() == State.OPEN) {
            writer.sendRaw(copy);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (code < 1000 || code > 4999 || code == WsProtocol.CLOSE_NO_STATUS || code == WsProtocol.CLOSE_ABNORMAL
                || code == 1015) {
            throw new IllegalArgumentException("close code must be 1000..4999 and sendable, was " + code);
        }
        String r = reason == null ? "" : reason;
        if (r.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason must be at most 123 UTF-8 bytes, was: " + r);
        }
        if (state.compareAndSet(State.OPEN, State.CLOSING)) {
            writer.queueClose(code, r);
        }
    }

    @Override
    public void abort() {
        abort("aborted");
    }

    @Override
    public void setWriteDelay(Duration perFlush) {
        if (perFlush == null || perFlush.isNegative()) {
            throw new IllegalArgumentException("write delay must be zero or positive, was " + perFlush);
        }
        writer.setWriteDelay(perFlush.toNanos());
    }

    @Override
    public long framesSent() {
        return writer.framesSent();
    }

    @Override
    public long bytesSent() {
        return writer.bytesSent();
    }

    @Override
    public long pendingBytes() {
        return writer.pendingBytes();
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "WsConnection#" + id + "[" + socket.getRemoteSocketAddress() + "]";
    }

    // ---------------------------------------------------------------- for the server and the writer

    State state() {
        return state.get();
    }

    boolean isHandshaking() {
        return state.get() == State.HANDSHAKE;
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return readerDone.await(timeout, unit);
    }

    /** @return false when the reader has not ended within the timeout (an interrupt counts as ended) */
    boolean awaitReader(long timeoutNanos) {
        try {
            return readerDone.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    void abort(String reason) {
        State previous = state.getAndSet(State.CLOSED);
        if (previous != State.CLOSED) {
            aborted = true;
            abortReason = reason;
        }
        closeSocket();
        writer.discard();
    }

    // ---------------------------------------------------------------- reader thread

    /** The reader thread's body: the whole life of the connection. */
    void run() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES);
            if (handshake(in)) {
                try {
                    new FrameReader(in, config.maxMessageBytes(), this).readUntilClose();
                } catch (FrameReader.ProtocolFailure failure) {
                    fail(failure.code, failure.getMessage(), in);
                }
            }
        } catch (IOException e) {
            // peer reset, abort or server shutdown: reported as 1006 below
            LOG.log(Level.TRACE, () -> "connection " + id + " ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + id + ": unexpected failure", e);
        } finally {
            state.set(State.CLOSED);
            closeSocket();
            readerDone.countDown();
            writer.discard();
            if (opened) {
                writer.awaitEnd();
                reportClose();
            }
            server.removed(this);
        }
    }

    private boolean handshake(InputStream in) throws IOException {
        long deadline = System.nanoTime() + config.handshakeTimeout().toNanos();
        OutputStream out = socket.getOutputStream();
        HandshakeResponse response;
        String key;
        try {
            String head = HttpHandshake.readHead(in, socket, deadline);
            if (head == null) {
                return false; // peer went away or too slow; nobody to answer
            }
            request = HttpHandshake.parse(head, remote());
            key = HttpHandshake.validate(request);
        } catch (HttpHandshake.Refusal refusal) {
            refuse(out, refusal.response);
            return false;
        }
        try {
            response = Objects.requireNonNull(handler.onHandshake(request), "onHandshake returned null");
        } catch (RuntimeException e) {
            server.handlerFailed();
            LOG.log(Level.WARNING, "connection " + id + ": onHandshake failed", e);
            response = HandshakeResponse.reject(500, "handshake handler failed");
        }
        if (!response.accepted()) {
            refuse(out, response);
            return false;
        }
        // open (and tell the handler) before the client can see the 101: whoever reacts to the client's
        // open already finds the connection listed, and what onOpen sends is queued behind the 101
        if (!state.compareAndSet(State.HANDSHAKE, State.OPEN)) {
            return false;
        }
        opened = true;
        callHandler("onOpen", () -> handler.onOpen(this));
        out.write(HttpHandshake.switchingProtocols(key, response.headers()));
        out.flush();
        socket.setSoTimeout(0);
        if (!writer.start()) {
            abort("server shutting down");
        }
        return true;
    }

    private void refuse(OutputStream out, HandshakeResponse response) {
        try {
            out.write(HttpHandshake.refusal(response));
            out.flush();
            shutdownOutput();
        } catch (IOException e) {
            // the client left before reading its answer
        }
    }

    // ---------------------------------------------------------------- frames read (FrameCallback)

    @Override
    public void onText(String text) {
        callHandler("onText", () -> handler.onText(this, text));
    }

    @Override
    public void onBinary(byte[] data) {
        callHandler("onBinary", () -> handler.onBinary(this, data));
    }

    @Override
    public void onPing(byte[] payload) {
        State s = state.get();
        if (s == State.OPEN || s == State.CLOSING) {
            writer.sendFrame(WsProtocol.OPCODE_PONG, true, payload);
        }
    }

    @Override
    public void onClose(int code, String reason) {
        receivedCloseReason = reason;
        receivedCloseCode = code;
        state.compareAndSet(State.OPEN, State.CLOSING);
        writer.echoClose(code);
        if (!aborted) {
            writer.awaitCloseWritten();
        }
    }

    /** Fails the connection: an immediate close with the code, then input is read and dropped until it ends. */
    private void fail(int code, String reason, InputStream in) {
        if (code == WsProtocol.CLOSE_MESSAGE_TOO_BIG) {
            // a peer's mistake worth seeing at the default level: it gets no reply otherwise
            LOG.log(Level.WARNING, () -> "connection " + id + " from " + remote() + ": " + reason
                    + "; closing it with " + code);
        } else {
            LOG.log(Level.DEBUG, () -> "connection " + id + ": closing with " + code + ": " + reason);
        }
        state.compareAndSet(State.OPEN, State.CLOSING);
        writer.failClose(code, reason.length() > MAX_FAILURE_REASON ? reason.substring(0, MAX_FAILURE_REASON) : reason);
        // reading on avoids a reset that could destroy the close frame before the peer reads it
        byte[] sink = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.max(1, closeTimeoutNanos / 1_000_000));
            while (in.read(sink) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // timeout, or the writer closed the socket after its bounded wait
        }
    }

    private void reportClose() {
        int code;
        String reason;
        FrameWriter.CloseFrame written = writer.closeWritten();
        if (receivedCloseCode >= 0) {
            code = receivedCloseCode;
            reason = receivedCloseReason;
        } else if (!aborted && written != null) {
            code = written.code();
            reason = written.reason();
        } else {
            code = WsProtocol.CLOSE_ABNORMAL;
            reason = aborted ? abortReason : "connection dropped without a close frame";
        }
        callHandler("onClose", () -> handler.onClose(this, code, reason));
    }

    /** A failing handler is counted and logged; the connection goes on as if it had returned. */
    private void callHandler(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            server.handlerFailed();
            LOG.log(Level.WARNING, "connection " + id + ": " + method + " failed", e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    static void awaitQuietly(CountDownLatch latch, long timeoutNanos) {
        try {
            latch.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Half-closes a plain socket; a TLS socket is left to the full close (TLS has no portable half-close). */
    void shutdownOutput() throws IOException {
        if (!(socket instanceof javax.net.ssl.SSLSocket)) {
            socket.shutdownOutput();
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort; the socket is unusable either way
        }
    }
}
