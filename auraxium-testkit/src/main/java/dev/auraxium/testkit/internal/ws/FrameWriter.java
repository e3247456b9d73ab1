package dev.auraxium.testkit.internal.ws;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of one connection: a send queue bounded in bytes and in frames, and a writer thread
 * that drains it into large batched socket writes ({@link FrameBatch}) and ends with exactly one close
 * frame.
 *
 * <h2>Bounds</h2>
 * Text is charged by its length in chars, frames (control frames included) by their size on the wire,
 * raw bytes by their count. When what waits exceeds the per-connection byte limit (or the connection's
 * share of the server's total) or the frame limit, the connection is aborted: a client that does not
 * read must not grow the server.
 *
 * <h2>Threading</h2>
 * Senders call {@link #enqueue} from any thread; it never blocks. At most one writer thread runs at a
 * time; an idle one ends after {@link #WRITER_IDLE_NANOS}, and the next send starts another, so an idle
 * connection costs one thread (its reader), not two. A close that must go out before anything queued
 * (a protocol failure, the echo of the peer's close) skips the queue.
 */
final class FrameWriter {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    private static final int BATCH_BYTES = 64 * 1024;
    /** How long a writer waits for work before it ends (an idle connection keeps no writer thread). */
    private static final long WRITER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** A close frame queued by this side; the writer stops after writing it. */
    record CloseFrame(int code, String reason) {
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

    private final ServerConnection connection;
    private final WebSocketServer server;
    private final Socket socket;
    private final String threadName;
    private final long closeTimeoutNanos;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong enqueuedBytes = new AtomicLong();
    /** Items queued and not yet taken by the writer: bounds the queue in entries, not only bytes. */
    private final AtomicInteger queuedItems = new AtomicInteger();
    /** Written by the writer only, when a batch reaches the socket. */
    private volatile long writtenAccountedBytes;
    private volatile long framesSent;
    private volatile long bytesSent;
    private volatile long writeDelayNanos;
    private volatile boolean writerParked;
    private volatile Thread writer;
    /** Whether a writer thread runs. */
    private final AtomicBoolean writerRunning = new AtomicBoolean();
    /** Set once the 101 is written: from then on a send may start a writer. */
    private volatile boolean writerAllowed;
    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    /** A close that must go out before anything still queued: protocol failures and close echoes. */
    private volatile CloseFrame urgentClose;
    private final AtomicBoolean closeQueued = new AtomicBoolean();
    private volatile CloseFrame closeWritten;
    private final CountDownLatch closeWrittenLatch = new CountDownLatch(1);
    private final CountDownLatch writerDone = new CountDownLatch(1);

    /**
     * @param connection the connection it sends for: its state, its abort and its reader's end
     * @param server the limits, the writer threads and the counters
     * @param socket where frames go
     * @param threadName the writer thread's name
     */
    FrameWriter(ServerConnection connection, WebSocketServer server, Socket socket, String threadName) {
        this.connection = connection;
        this.server = server;
        this.socket = socket;
        this.threadName = threadName;
        this.closeTimeoutNanos = server.config().handshakeTimeout().toNanos();
    }

    // ---------------------------------------------------------------- senders

    void sendText(String text) {
        enqueue(text, text.length());
    }

    void sendFrame(int opcode, boolean fin, byte[] payload) {
        enqueue(new DataFrame(opcode, fin, payload), frameSize(payload.length));
    }

    void sendRaw(byte[] bytes) {
        enqueue(new RawBytes(bytes), bytes.length);
    }

    /** Queues this side's close behind what is queued, unless a close is already on its way. */
    void queueClose(int code, String reason) {
        if (closeQueued.compareAndSet(false, true)) {
            enqueue(new CloseFrame(code, reason), 0);
        }
    }

    /**
     * Echoes the peer's close at once: whatever was still queued is no longer wanted by a closing peer.
     * A close of ours still stuck behind data is replaced by the echo.
     */
    void echoClose(int code) {
        if (closeQueued.compareAndSet(false, true)) {
            urgentClose = new CloseFrame(code, "");
        } else if (closeWritten == null) {
            urgentClose = new CloseFrame(code, ""); // ours is stuck behind data: send it now instead
        }
        wake();
    }

    /** Fails the connection: this close goes out before anything queued. */
    void failClose(int code, String reason) {
        closeQueued.set(true);
        urgentClose = new CloseFrame(code, reason);
        wake();
    }

    void setWriteDelay(long nanos) {
        writeDelayNanos = nanos;
    }

    long framesSent() {
        return framesSent;
    }

    long bytesSent() {
        return bytesSent;
    }

    long pendingBytes() {
        return Math.max(0, enqueuedBytes.get() - writtenAccountedBytes);
    }

    /** @return the close frame this side wrote, or null */
    CloseFrame closeWritten() {
        return closeWritten;
    }

    /** Waits, bounded by the close timeout, until a close frame is written or the writer has ended. */
    void awaitCloseWritten() {
        ServerConnection.awaitQuietly(closeWrittenLatch, closeTimeoutNanos);
    }

    /** After the reader ends: waits, bounded, for a running writer to finish. */
    void awaitEnd() {
        if (writerRunning.get()) {
            ServerConnection.awaitQuietly(writerDone, closeTimeoutNanos);
        }
    }

    /** Drops what is queued (abort, end of the connection) and wakes the writer to see why. */
    void discard() {
        queue.clear();
        wake();
    }

    /**
     * Called once the 101 is written: from now on sends start a writer; starts the first.
     *
     * @return false when the server cannot start a writer (it is shutting down)
     */
    boolean start() {
        writerAllowed = true;
        return ensureWriter();
    }

    // ---------------------------------------------------------------- send queue

    private void enqueue(Object item, long accountedBytes) {
        queue.offer(item);
        int items = queuedItems.incrementAndGet();
        long pending = enqueuedBytes.addAndGet(accountedBytes) - writtenAccountedBytes;
        int maxItems = server.maxPendingFramesPerConnection();
        long maxBytes = Math.min(server.config().maxPendingBytesPerConnection(), server.pendingShare());
        if (pending > maxBytes || items > maxItems) {
            if (overflowLogged.compareAndSet(false, true)) {
                server.overflowed();
                LOG.log(Level.WARNING, () -> "connection " + connection.id() + " from " + connection.remote() + ": "
                        + pending + " bytes in " + items + " frames pending exceed the limit of " + maxBytes
                        + " bytes or " + maxItems + " frames; aborting it (is the client reading?)");
            }
            connection.abort("send queue overflow");
            return;
        }
        wake();
    }

    /** A frame's size on the wire (header and payload), as server frames go out unmasked: never zero. */
    static long frameSize(int payloadLength) {
        return payloadLength + (payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10);
    }

    private void wake() {
        if (!writerAllowed) {
            return; // before the 101: the writer starts once it is written
        }
        if (!writerRunning.get()) {
            ensureWriter();
            return;
        }
        Thread w = writer;
        if (w != null && writerParked) {
            LockSupport.unpark(w);
        }
    }

    /** Starts a writer unless one runs or the connection is closed; false when the server cannot start one. */
    private boolean ensureWriter() {
        if (connection.state() == ServerConnection.State.CLOSED || !writerRunning.compareAndSet(false, true)) {
            return true;
        }
        if (server.startWriterThread(threadName, this::writeLoop) == null) {
            writerRunning.set(false);
            return false;
        }
        return true;
    }

    private static long accountedSize(Object item) {
        if (item instanceof String s) {
            return s.length();
        } else if (item instanceof DataFrame f) {
            return frameSize(f.payload().length);
        } else if (item instanceof RawBytes r) {
            return r.bytes().length;
        }
        return 0;
    }

    // ---------------------------------------------------------------- writer thread

    private void writeLoop() {
        writer = Thread.currentThread(); // before it can ever park, so every later send can wake it
        FrameBatch batch = new FrameBatch(BATCH_BYTES);
        boolean idleEnd = false;
        long idleSince = System.nanoTime();
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
                if (connection.state() == ServerConnection.State.CLOSED) {
                    return;
                }
                Object item = queue.poll();
                if (item != null) {
                    queuedItems.decrementAndGet();
                }
                if (item == null) {
                    if (batch.position > 0) {
                        flush(out, batch);
                        continue; // the flush took time: look again before parking
                    }
                    if (System.nanoTime() - idleSince >= WRITER_IDLE_NANOS
                            && connection.state() == ServerConnection.State.OPEN) {
                        // idle: end, unless work arrived while we said so (the sender then saw us running)
                        writerRunning.set(false);
                        if (queue.isEmpty() && urgentClose == null
                                && connection.state() == ServerConnection.State.OPEN) {
                            idleEnd = true;
                            return;
                        }
                        if (!writerRunning.compareAndSet(false, true)) {
                            idleEnd = true; // a sender started a new writer meanwhile: it takes over
                            return;
                        }
                    }
                    writerParked = true;
                    if (queue.isEmpty() && urgentClose == null && connection.state() != ServerConnection.State.CLOSED) {
                        LockSupport.parkNanos(this, WRITER_IDLE_NANOS);
                    }
                    writerParked = false;
                    continue;
                }
                idleSince = System.nanoTime();
                if (item instanceof CloseFrame close) {
                    writeClose(out, batch, close);
                    return;
                }
                put(out, batch, item);
                batch.accountedBytes += accountedSize(item);
            }
        } catch (IOException e) {
            // the socket is gone (abort, peer reset, server shutdown): the reader reports the end
            connection.closeSocket();
        } finally {
            if (!idleEnd) {
                // a writer that has ended will write no close frame: nobody may wait for one
                closeWrittenLatch.countDown();
                writerDone.countDown();
            }
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
        while ((left = deadline - System.nanoTime()) > 0 && connection.state() != ServerConnection.State.CLOSED) {
            LockSupport.parkNanos(this, left);
        }
    }

    /**
     * Writes the close frame after what is batched, shuts the output so the peer reads the end right
     * after it, then waits (bounded) for the reader to finish before closing the socket.
     */
    private void writeClose(OutputStream out, FrameBatch batch, CloseFrame close) throws IOException {
        byte[] payload = close.payload();
        if (!batch.tryPutBytes(WsProtocol.OPCODE_CLOSE, true, payload)) {
            flush(out, batch);
            batch.tryPutBytes(WsProtocol.OPCODE_CLOSE, true, payload);
        }
        flush(out, batch);
        closeWritten = close;
        try {
            connection.shutdownOutput();
        } catch (IOException e) {
            // already closed by the peer or an abort; nothing more to send anyway
        }
        closeWrittenLatch.countDown();
        if (!connection.awaitReader(closeTimeoutNanos)) {
            LOG.log(Level.DEBUG, () -> "connection " + connection.id() + ": no close from the peer in time; closing the socket");
        }
        connection.closeSocket();
    }
}
