package dev.auraxium.transport.jdk.internal;

import dev.auraxium.transport.TransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Writes a client's frames (masked, as RFC 6455 requires of a client) in the order they were
 * queued, on a thread of the transport's writer pool, never on the caller's: a peer that stops
 * reading blocks no caller. Frames are buffered and flushed when the queue runs dry; a batch's
 * futures complete once it was flushed.
 *
 * <p>Bounded: at most {@link #MAX_PENDING_SENDS} frames and {@link #MAX_PENDING_BYTES} payload
 * bytes may wait ({@link #hasRoomFor(int)}). Thread-safe.
 */
final class WsFrameWriter {
    /** The most frames that may wait to be written. */
    static final int MAX_PENDING_SENDS = 65_536;
    /** The most payload bytes that may wait to be written. */
    static final long MAX_PENDING_BYTES = 4L * 1024 * 1024;

    private final OutputStream out;
    private final Executor writers;
    private final SecureRandom random;
    private final String where;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** Whether a writer task is draining {@link #queue}. Guarded by {@link #lock}. */
    private boolean writing;
    /** Guarded by {@link #lock}. */
    private long pendingBytes;

    /**
     * @param out the connection's output, buffered
     * @param writers runs the write tasks
     * @param random the source of the masks
     * @param where the redacted URI, for messages
     */
    WsFrameWriter(OutputStream out, Executor writers, SecureRandom random, String where) {
        this.out = out;
        this.writers = writers;
        this.random = random;
        this.where = where;
    }

    /**
     * @param bytes a payload's size
     * @return null when it may be queued, else why not (the backlog a peer that does not read left)
     */
    String refusal(int bytes) {
        synchronized (lock) {
            if (queue.size() < MAX_PENDING_SENDS && pendingBytes + bytes <= MAX_PENDING_BYTES) {
                return null;
            }
            return queue.size() + " sends (" + pendingBytes + " bytes) are still waiting to be written; "
                    + "the peer is not reading";
        }
    }

    /**
     * Queues a frame after the others.
     *
     * @param opcode the frame's opcode
     * @param payload its payload, unmasked
     * @return completes once the frame was flushed to the socket, or fails
     */
    CompletableFuture<Void> enqueue(int opcode, byte[] payload) {
        Outgoing o = new Outgoing(opcode, payload, new CompletableFuture<>());
        synchronized (lock) {
            queue.add(o);
            pendingBytes += payload.length;
            if (writing) {
                return o.done;
            }
            writing = true;
        }
        try {
            writers.execute(this::drain);
        } catch (RuntimeException e) { // the transport was closed: its writers are gone
            List<Outgoing> dropped;
            synchronized (lock) {
                writing = false;
                dropped = new ArrayList<>(queue);
                queue.clear();
                pendingBytes = 0;
            }
            fail(dropped, e);
        }
        return o.done;
    }

    private void drain() {
        List<Outgoing> batch = new ArrayList<>();
        while (true) {
            Outgoing next;
            synchronized (lock) {
                next = queue.poll();
                if (next != null) {
                    pendingBytes -= next.payload.length;
                }
            }
            if (next == null) {
                flush(batch); // outside the lock: a slow peer must not block the senders
                synchronized (lock) {
                    if (queue.isEmpty()) {
                        writing = false;
                        return;
                    }
                }
                continue;
            }
            batch.add(next);
            try {
                write(next.opcode, next.payload);
            } catch (IOException | RuntimeException e) {
                fail(batch, e);
            }
        }
    }

    private void flush(List<Outgoing> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.flush();
        } catch (IOException | RuntimeException e) {
            fail(batch, e);
            return;
        }
        for (Outgoing o : batch) {
            o.done.complete(null);
        }
        batch.clear();
    }

    private void fail(List<Outgoing> batch, Exception e) {
        for (Outgoing o : batch) {
            o.done.completeExceptionally(new TransportException((o.opcode == WsFrameReader.OP_CLOSE
                    ? "Sending the close frame" : "Sending a message") + " on " + where + " failed: " + e, e));
        }
        batch.clear();
    }

    /** Writes one masked frame into the buffer; {@link #drain()} flushes. */
    private void write(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(frame);
    }

    private record Outgoing(int opcode, byte[] payload, CompletableFuture<Void> done) {
    }
}
