package dev.auraxium.testkit.internal.ws;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One server-side connection: its reader thread (handshake, then frames, then the end and
 * {@link WebSocketHandler#onClose}) and its writer thread (drains the send queue into large batched
 * socket writes, then the close frame).
 *
 * <p>Closing, whoever starts it, always ends the same way: the writer writes exactly one close frame,
 * shuts the socket's output (so the peer reads the end right after it) and waits, bounded, for the
 * reader to finish; the reader ends on the peer's close frame, end of stream or a socket error, and
 * then closes the socket. Every wait is bounded by the close timeout, after which the socket is closed
 * regardless, which unblocks both threads.
 */
final class ServerConnection implements WsConnection {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    private static final int BATCH_BYTES = 64 * 1024;
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private static final int HANDSHAKE = 0;
    private static final int OPEN = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;

    /** A close frame queued by this side; the writer stops after writing it. */
    private record CloseFrame(int code, String reason) {
        byte[] payload() {
            if (code == WsProtocol.CLOSE_NO_STATUS) {
                return new byte[0];
            }
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] p = new byte[2 + text.length];
            p[0] = (byte) (code >>> 8);
            p[1] = (byte) code;
            System.arraycopy(text, 0, p, 2, text.length);
            return p;
        }
    }

    /** A frame given as opcode, FIN and payload (control frames, fault injection). */
    private record DataFrame(int opcode, boolean fin, byte[] payload) {
    }

    /** Bytes written as they are. */
    private record RawBytes(byte[] bytes) {
    }

    /** Ends frame reading after a protocol violation, with the close code to send. */
    private static final class ProtocolFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        ProtocolFailure(int code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    private final WebSocketServer server;
    private final WebSocketHandler handler;
    private final WebSocketServer.Config config;
    private final long id;
    private final Socket socket;
    private final String threadPrefix;
    private final long closeTimeoutNanos;

    private final AtomicInteger state = new AtomicInteger(HANDSHAKE);
    private volatile HandshakeRequest request;
    private volatile Object attachment;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong enqueuedBytes = new AtomicLong();
    /** Written by the writer only, when a batch reaches the socket. */
    private volatile long writtenAccountedBytes;
    private volatile long framesSent;
    private volatile long bytesSent;
    private volatile long writeDelayNanos;
    private volatile boolean writerParked;
    private volatile Thread writer;

    /** A close that must go out before anything still queued: protocol failures and close echoes. */
    private volatile CloseFrame urgentClose;
    private final AtomicBoolean closeQueued = new AtomicBoolean();
    private volatile CloseFrame closeWritten;
    private final CountDownLatch closeWrittenLatch = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private volatile int receivedCloseCode = -1;
    private volatile String receivedCloseReason = "";
    private volatile boolean aborted;
    /** Set by the reader once onOpen is due, so that onClose follows whatever happens next. */
    private boolean opened;
    private volatile String abortReason = "";
    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    ServerConnection(WebSocketServer server, WebSocketHandler handler, long id, Socket socket, String threadPrefix) {
        this.server = server;
        this.handler = handler;
        this.config = server.config();
        this.id = id;
        this.socket = socket;
        this.threadPrefix = threadPrefix;
        this.closeTimeoutNanos = config.handshakeTimeout().toNanos();
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
        return state.get() == OPEN;
    }

    @Override
    public void sendText(String text) {
        Objects.requireNonNull(text, "text");
        if (state.get() == OPEN) {
            enqueue(text, text.length());
        }
    }

    @Override
    public void sendFrame(int opcode, boolean fin, byte[] payload) {
        if (opcode < 0 || opcode > 15) {
            throw new IllegalArgumentException("opcode must be 0..15, was " + opcode);
        }
        byte[] copy = Objects.requireNonNull(payload, "payload").clone();
        if (state.get() == OPEN) {
            enqueue(new DataFrame(opcode, fin, copy), copy.length);
        }
    }

    @Override
    public void sendRaw(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        if (state.get() == OPEN) {
            enqueue(new RawBytes(copy), copy.length);
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
        if (state.compareAndSet(OPEN, CLOSING) && closeQueued.compareAndSet(false, true)) {
            enqueue(new CloseFrame(code, r), 0);
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
        writeDelayNanos = perFlush.toNanos();
    }

    @Override
    public long framesSent() {
        return framesSent;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long pendingBytes() {
        return Math.max(0, enqueuedBytes.get() - writtenAccountedBytes);
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

    // ---------------------------------------------------------------- for the server

    boolean isHandshaking() {
        return state.get() == HANDSHAKE;
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return readerDone.await(timeout, unit);
    }

    void abort(String reason) {
        int previous = state.getAndSet(CLOSED);
        if (previous != CLOSED) {
            aborted = true;
            abortReason = reason;
        }
        queue.clear();
        closeSocket();
        wakeWriter();
    }

    // ---------------------------------------------------------------- send queue

    private void enqueue(Object item, long accountedBytes) {
        queue.offer(item);
        long pending = enqueuedBytes.addAndGet(accountedBytes) - writtenAccountedBytes;
        if (pending > config.maxPendingBytesPerConnection()) {
            if (overflowLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, () -> "connection " + id + " from " + remote() + ": " + pending
                        + " bytes pending exceed the limit of " + config.maxPendingBytesPerConnection()
                        + "; aborting it (is the client reading?)");
            }
            abort("send queue overflow");
            return;
        }
        wakeWriter();
    }

    private void wakeWriter() {
        Thread w = writer;
        if (w != null && writerParked) {
            LockSupport.unpark(w);
        }
    }

    private static long accountedSize(Object item) {
        if (item instanceof String s) {
            return s.length();
        } else if (item instanceof DataFrame f) {
            return f.payload().length;
        } else if (item instanceof RawBytes r) {
            return r.bytes().length;
        }
        return 0;
    }

    // ---------------------------------------------------------------- writer thread

    private void writeLoop() {
        writer = Thread.currentThread(); // before it can ever park, so every later send can wake it
        FrameBatch batch = new FrameBatch(BATCH_BYTES);
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                CloseFrame urgent = urgentClose;
                if (urgent != null) {
                    // what was queued is dropped, what is already batched goes out before the close
                    queue.clear();
                    writeClose(out, batch, urgent);
                    return;
                }
                if (state.get() == CLOSED) {
                    return;
                }
                Object item = queue.poll();
                if (item == null) {
                    if (batch.position > 0) {
                        flush(out, batch);
                        continue; // the flush took time: look again before parking
                    }
                    writerParked = true;
                    if (queue.isEmpty() && urgentClose == null && state.get() != CLOSED) {
                        LockSupport.park(this);
                    }
                    writerParked = false;
                    continue;
                }
                if (item instanceof CloseFrame close) {
                    writeClose(out, batch, close);
                    return;
                }
                put(out, batch, item);
                batch.accountedBytes += accountedSize(item);
            }
        } catch (IOException e) {
            // the socket is gone (abort, peer reset, server shutdown): the reader reports the end
            closeSocket();
        } finally {
            // a writer that has ended will write no close frame: nobody may wait for one
            closeWrittenLatch.countDown();
            writerDone.countDown();
        }
    }

    private void put(OutputStream out, FrameBatch batch, Object item) throws IOException {
        if (item instanceof String text) {
            if (batch.tryPutText(text)) {
                return;
            }
            flush(out, batch);
            if (!batch.tryPutText(text)) {
                putLarge(out, batch, WsProtocol.OPCODE_TEXT, true, text.getBytes(StandardCharsets.UTF_8));
            }
        } else if (item instanceof DataFrame f) {
            if (batch.tryPutBytes(f.opcode(), f.fin(), f.payload())) {
                return;
            }
            flush(out, batch);
            if (!batch.tryPutBytes(f.opcode(), f.fin(), f.payload())) {
                putLarge(out, batch, f.opcode(), f.fin(), f.payload());
            }
        } else if (item instanceof RawBytes r) {
            if (batch.tryPutRaw(r.bytes())) {
                return;
            }
            flush(out, batch);
            if (!batch.tryPutRaw(r.bytes())) {
                batch.frames++;
                writeToSocket(out, r.bytes(), r.bytes().length, batch);
            }
        }
    }

    /** A frame bigger than the batch: header through the (empty) batch, payload straight from its array. */
    private void putLarge(OutputStream out, FrameBatch batch, int opcode, boolean fin, byte[] payload)
            throws IOException {
        batch.putHeader(opcode, fin, payload.length);
        batch.frames++;
        flush(out, batch);
        writeToSocket(out, payload, payload.length, null);
    }

    private void flush(OutputStream out, FrameBatch batch) throws IOException {
        writeToSocket(out, batch.buffer, batch.position, batch);
        batch.clear();
    }

    private void writeToSocket(OutputStream out, byte[] bytes, int length, FrameBatch batch) throws IOException {
        long delay = writeDelayNanos;
        if (delay > 0) {
            pause(delay);
        }
        out.write(bytes, 0, length);
        // single writer: plain read-modify-write of the volatiles is safe; readers see whole values
        bytesSent = bytesSent + length;
        if (batch != null) {
            framesSent = framesSent + batch.frames;
            batch.frames = 0;
            writtenAccountedBytes = writtenAccountedBytes + batch.accountedBytes;
            batch.accountedBytes = 0;
        }
    }

    /** The "slow writes" fault; an abort or shutdown (socket closed, writer unparked) cuts it short. */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && state.get() != CLOSED) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void writeClose(OutputStream out, FrameBatch batch, CloseFrame close) throws IOException {
        byte[] payload = close.payload();
        if (!batch.tryPutBytes(WsProtocol.OPCODE_CLOSE, true, payload)) {
            flush(out, batch);
            batch.tryPutBytes(WsProtocol.OPCODE_CLOSE, true, payload);
        }
        flush(out, batch);
        closeWritten = close;
        try {
            shutdownOutput();
        } catch (IOException e) {
            // already closed by the peer or an abort; nothing more to send anyway
        }
        closeWrittenLatch.countDown();
        try {
            if (!readerDone.await(closeTimeoutNanos, TimeUnit.NANOSECONDS)) {
                LOG.log(Level.DEBUG, () -> "connection " + id + ": no close from the peer in time; closing the socket");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }

    // ---------------------------------------------------------------- reader thread

    /** The reader thread's body: the whole life of the connection. */
    void run() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES);
            if (handshake(in)) {
                try {
                    readFrames(in);
                } catch (ProtocolFailure failure) {
                    fail(failure.code, failure.getMessage(), in);
                }
            }
        } catch (IOException e) {
            // peer reset, abort or server shutdown: reported as 1006 below
            LOG.log(Level.TRACE, () -> "connection " + id + " ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + id + ": unexpected failure", e);
        } finally {
            state.set(CLOSED);
            closeSocket();
            readerDone.countDown();
            queue.clear();
            wakeWriter();
            if (opened) {
                if (writer != null) {
                    awaitQuietly(writerDone);
                }
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
        if (!state.compareAndSet(HANDSHAKE, OPEN)) {
            return false;
        }
        opened = true;
        try {
            handler.onOpen(this);
        } catch (RuntimeException e) {
            server.handlerFailed();
            LOG.log(Level.WARNING, "connection " + id + ": onOpen failed", e);
        }
        out.write(HttpHandshake.switchingProtocols(key, response.headers()));
        out.flush();
        socket.setSoTimeout(0);
        if (server.startThread(threadPrefix + "-writer", this::writeLoop) == null) {
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

    private void readFrames(InputStream in) throws IOException, ProtocolFailure {
        byte[] mask = new byte[4];
        Utf8Validator utf8 = new Utf8Validator();
        byte[] message = new byte[0];
        int messageLength = 0;
        int messageOpcode = -1; // -1: not inside a fragmented message
        int maxMessage = config.maxMessageBytes();
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return; // end of stream without a close frame
            }
            int b1 = readByte(in);
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
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (readByte(in) << 8) | readByte(in);
                if (length < 126) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "non-minimal 16-bit length");
                }
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte(in);
                }
                if (length < 0) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "64-bit length with the high bit set");
                }
                if (length <= 0xFFFF) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "non-minimal 64-bit length");
                }
            }
            if (control && length > 125) {
                throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "control frame payload over 125 bytes");
            }
            if (!control) {
                if (opcode == WsProtocol.OPCODE_CONTINUATION && messageOpcode < 0) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "continuation without a message");
                }
                if (opcode != WsProtocol.OPCODE_CONTINUATION && messageOpcode >= 0) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_PROTOCOL_ERROR, "new message inside a fragmented one");
                }
                long total = (opcode == WsProtocol.OPCODE_CONTINUATION ? messageLength : 0) + length;
                if (total > maxMessage) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_MESSAGE_TOO_BIG,
                            "message over " + maxMessage + " bytes");
                }
            }
            readFully(in, mask, 4);
            byte[] payload = new byte[(int) length];
            readFully(in, payload, payload.length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case WsProtocol.OPCODE_PING -> enqueueControl(new DataFrame(WsProtocol.OPCODE_PONG, true, payload));
                case WsProtocol.OPCODE_PONG -> {
                    // unsolicited or answering a ping we injected: nothing to do
                }
                case WsProtocol.OPCODE_CLOSE -> {
                    onPeerClose(payload);
                    return;
                }
                default -> {
                    if (opcode != WsProtocol.OPCODE_CONTINUATION) {
                        if (fin) { // the common case: one frame, no copy
                            deliver(opcode, payload, payload.length, utf8);
                            continue;
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
                        deliver(op, message, messageLength, null);
                        if (message.length > 1 << 20) {
                            message = new byte[0]; // do not keep a huge buffer for the small messages that follow
                        }
                    }
                }
            }
        }
    }

    /** @param freshValidator a validator to check unfragmented text with; null when already checked */
    private void deliver(int opcode, byte[] bytes, int length, Utf8Validator freshValidator) throws ProtocolFailure {
        if (opcode == WsProtocol.OPCODE_TEXT) {
            if (freshValidator != null) {
                freshValidator.reset();
                if (!freshValidator.feed(bytes, 0, length) || !freshValidator.complete()) {
                    throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in text");
                }
            }
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            try {
                handler.onText(this, text);
            } catch (RuntimeException e) {
                server.handlerFailed();
                LOG.log(Level.WARNING, "connection " + id + ": onText failed", e);
            }
        } else {
            byte[] data = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
            try {
                handler.onBinary(this, data);
            } catch (RuntimeException e) {
                server.handlerFailed();
                LOG.log(Level.WARNING, "connection " + id + ": onBinary failed", e);
            }
        }
    }

    private void onPeerClose(byte[] payload) throws ProtocolFailure {
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
            Utf8Validator utf8 = new Utf8Validator();
            if (!utf8.feed(payload, 2, payload.length - 2) || !utf8.complete()) {
                throw new ProtocolFailure(WsProtocol.CLOSE_INVALID_PAYLOAD, "invalid UTF-8 in the close reason");
            }
            reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
        receivedCloseReason = reason;
        receivedCloseCode = code;
        state.compareAndSet(OPEN, CLOSING);
        // echo the code at once; whatever was still queued is no longer wanted by a closing peer
        if (closeQueued.compareAndSet(false, true)) {
            urgentClose = new CloseFrame(code, "");
        } else if (closeWritten == null) {
            urgentClose = new CloseFrame(code, ""); // ours is stuck behind data: send it now instead
        }
        wakeWriter();
        if (!aborted) {
            awaitQuietly(closeWrittenLatch);
        }
    }

    /** Fails the connection: an immediate close with the code, then input is read and dropped until it ends. */
    private void fail(int code, String reason, InputStream in) {
        LOG.log(Level.DEBUG, () -> "connection " + id + ": closing with " + code + ": " + reason);
        state.compareAndSet(OPEN, CLOSING);
        closeQueued.set(true);
        urgentClose = new CloseFrame(code, reason.length() > 60 ? reason.substring(0, 60) : reason);
        wakeWriter();
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

    private void enqueueControl(DataFrame frame) {
        int s = state.get();
        if (s == OPEN || s == CLOSING) {
            enqueue(frame, frame.payload().length);
        }
    }

    private void reportClose() {
        int code;
        String reason;
        if (receivedCloseCode >= 0) {
            code = receivedCloseCode;
            reason = receivedCloseReason;
        } else if (!aborted && closeWritten != null) {
            code = closeWritten.code();
            reason = closeWritten.reason();
        } else {
            code = WsProtocol.CLOSE_ABNORMAL;
            reason = aborted ? abortReason : "connection dropped without a close frame";
        }
        try {
            handler.onClose(this, code, reason);
        } catch (RuntimeException e) {
            server.handlerFailed();
            LOG.log(Level.WARNING, "connection " + id + ": onClose failed", e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(closeTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame");
        }
        return b;
    }

    private static void readFully(InputStream in, byte[] buffer, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, done, length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
    }

    private InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Half-closes a plain socket; a TLS socket is left to the full close (TLS has no portable half-close). */
    private void shutdownOutput() throws IOException {
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
