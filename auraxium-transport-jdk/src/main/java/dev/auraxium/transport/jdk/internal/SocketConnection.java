package dev.auraxium.transport.jdk.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * One connection of the socket transport: a blocking socket with a thread of its own, which opens
 * the connection ({@link SocketOpening}), then reads frames ({@link WsFrameReader}) and hands whole
 * text messages to the listener; frames go out through a {@link WsFrameWriter}.
 *
 * <ul>
 *   <li>Demand: before a message is handed up the reader waits for demand; while it waits it reads
 *       nothing more, so the backlog stays in the kernel's and the server's buffers. After our
 *       close frame it reads on to the peer's, dropping text for which there is no demand.</li>
 *   <li>Pings are answered and pongs ignored without using demand.</li>
 *   <li>A message over the limit closes the connection with 1009, on the wire and to the listener.
 *       A protocol violation closes it with 1002 or 1007 and reports {@code onError}.</li>
 *   <li>Listener calls go through {@link ListenerCalls}, as in the JDK transport: one at a time,
 *       and the final call ({@code onClose} or {@code onError}) chosen once.</li>
 * </ul>
 */
public final class SocketConnection implements TransportConnection {
    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");
    private static final int NORMAL_CLOSURE = 1000;
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final URI uri;
    private final String where;
    private final Settings settings;
    private final Consumer<SocketConnection> onTerminated;
    private final Socket plain = new Socket();
    private volatile Socket socket = plain;
    private final ListenerCalls calls;
    private final CompletableFuture<TransportConnection> opened = new CompletableFuture<>();
    private final AtomicBoolean openDecided = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();

    private final Object demandLock = new Object();
    /** Guarded by {@link #demandLock}. */
    private long demand;

    private final Object sendLock = new Object();
    /** Set once the connection is open. */
    private volatile WsFrameWriter writer;
    /** Set once our close frame was queued. Guarded by {@link #sendLock}; read by the reader. */
    private volatile CompletableFuture<Void> closeSent;
    /** What the listener is told when a message over the limit ended the connection; null otherwise. */
    private volatile String oversizedReason;

    /**
     * What a connection needs from its transport.
     *
     * @param connectTimeout the bound on connecting, TLS and the upgrade together
     * @param closeTimeout how long to wait for the peer's close frame after ours
     * @param readCoalescing the reader's pause after a read that emptied a slow stream (zero: none)
     * @param maxMessageChars the largest text message accepted
     * @param oversizedCount counts messages over the limit (shared by the transport's connections)
     * @param headers extra upgrade-request headers (already checked)
     * @param sslContext the TLS context for {@code wss://}
     * @param writers runs the write tasks
     * @param random the source of handshake keys and frame masks
     * @param clock the clock {@code Retry-After} dates are measured from
     */
    public record Settings(Duration connectTimeout, Duration closeTimeout, Duration readCoalescing, int maxMessageChars,
            AtomicLong oversizedCount, Map<String, String> headers, SSLContext sslContext, Executor writers,
            SecureRandom random, Clock clock) {
    }

    /**
     * @param uri the {@code ws://} or {@code wss://} URI (only printed redacted)
     * @param listener the user's listener
     * @param settings what the transport gives every connection
     * @param onTerminated called once when the connection ends or fails to open
     */
    public SocketConnection(URI uri, TransportListener listener, Settings settings,
            Consumer<SocketConnection> onTerminated) {
        this.uri = uri;
        this.where = ServiceIds.redactUri(uri.toString());
        this.calls = new ListenerCalls(this, Objects.requireNonNull(listener, "listener"));
        this.settings = settings;
        this.onTerminated = onTerminated;
    }

    /** @return completes after the user's {@code onOpen} returned, or fails if opening failed */
    public CompletableFuture<TransportConnection> opened() {
        return opened;
    }

    /** The body of the connection's own thread: opens the connection, then reads until it ends. */
    public void run() {
        WsFrameReader reader;
        try {
            Socket s = new SocketOpening(uri, where, settings).open(plain);
            socket = s;
            reader = new WsFrameReader(s.getInputStream(), settings.maxMessageChars(),
                    settings.readCoalescing().toNanos(), SocketConnection::pause);
            writer = new WsFrameWriter(SocketOpening.bufferedOutput(s), settings.writers(), settings.random(), where);
        } catch (IOException | RuntimeException e) {
            TransportException failure = e instanceof TransportException t ? t
                    : ConnectFailures.map(e, uri, settings.connectTimeout(), settings.clock());
            closeQuietly();
            if (openDecided.compareAndSet(false, true)) {
                terminated.set(true);
                onTerminated.accept(this);
                opened.completeExceptionally(failure);
            }
            return;
        }
        if (!openDecided.compareAndSet(false, true)) {
            closeQuietly(); // aborted while opening; the open future already failed
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "Opened {0}", where);
        calls.open(opened);
        read(reader);
    }

    /** The reader's coalescing pause: the whole delay (a park may end early), unless interrupted. */
    private static void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    // ---------------------------------------------------------------- reading

    private void read(WsFrameReader reader) {
        try {
            while (!terminated.get()) {
                int kind = reader.next();
                switch (kind) {
                    case WsFrameReader.OP_TEXT -> deliver(reader.text);
                    case WsFrameReader.OP_PING -> queueControl(WsFrameReader.OP_PONG, reader.controlPayload);
                    case WsFrameReader.OP_PONG -> {
                        // nothing to do: we send no pings
                    }
                    case WsFrameReader.OP_CLOSE -> {
                        peerClosed(reader.closeCode, reader.closeReason);
                        return;
                    }
                    case WsFrameReader.TOO_BIG -> tooBig(reader.tooBigSize);
                    default -> { // END
                        closeQuietly();
                        endWithoutCloseFrame("the connection dropped without a close frame");
                        return;
                    }
                }
            }
        } catch (WsProtocolException e) {
            LOG.log(System.Logger.Level.DEBUG, "Protocol error on {0}: {1}", where, e.getMessage());
            sendCloseAndWait(e.code(), e.getMessage());
            closeQuietly();
            finish(l -> l.onError(this, new TransportException("The server at " + where + " broke the WebSocket "
                    + "protocol: " + e.getMessage(), null)));
        } catch (IOException e) {
            closeQuietly();
            if (!terminated.get()) {
                if (closeSent != null) {
                    endWithoutCloseFrame("the connection ended before the peer's close frame");
                } else {
                    finish(l -> l.onError(this, new TransportException("The connection to " + where + " broke: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e)));
                }
            }
        }
    }

    private void deliver(String text) throws InterruptedIOException {
        if (!awaitDemand()) {
            LOG.log(System.Logger.Level.DEBUG, "Dropped a message received after close() on {0} without demand", where);
            return;
        }
        calls.text(text);
    }

    /**
     * Waits until a unit of demand is available and takes it.
     *
     * @return false when the message is to be dropped: our close frame is out and no demand is left
     */
    private boolean awaitDemand() throws InterruptedIOException {
        synchronized (demandLock) {
            while (demand == 0) {
                if (closeSent != null || terminated.get()) {
                    return false; // read on to the peer's close frame; text without demand is dropped
                }
                try {
                    demandLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for demand");
                }
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            return true;
        }
    }

    /**
     * A message over the limit: reported once, counted, and the connection closed with 1009 (the
     * rest of the message is skipped), so the client reconnects instead of growing a buffer.
     */
    private void tooBig(long size) {
        settings.oversizedCount().incrementAndGet();
        String why = "a message of at least " + size + " bytes, over the limit of " + settings.maxMessageChars()
                + " characters";
        oversizedReason = why;
        LOG.log(System.Logger.Level.WARNING, () -> why + " from " + where + "; closing the connection (1009)");
        sendClose(MESSAGE_TOO_BIG, "message too big: over " + settings.maxMessageChars() + " characters");
        // a peer that reads nothing never takes our close frame: do not wait for it forever
        CompletableFuture.delayedExecutor(2 * settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!terminated.get()) {
                abortWith(MESSAGE_TOO_BIG, why + "; the close did not complete");
            }
        });
    }

    /** The peer's close frame: answer it (unless ours went first), then close the socket and report. */
    private void peerClosed(int code, String reason) {
        CompletableFuture<Void> answered;
        synchronized (sendLock) {
            answered = closeSent != null ? closeSent
                    : writer.enqueue(WsFrameReader.OP_CLOSE, closePayload(code == WsFrameReader.NO_STATUS
                            ? NORMAL_CLOSURE : code, ""));
        }
        try {
            answered.get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the peer closed its side anyway; nothing to do but close ours
        }
        closeQuietly();
        String tooBig = oversizedReason;
        finish(l -> l.onClose(this, tooBig != null ? MESSAGE_TOO_BIG : code, tooBig != null ? tooBig : reason));
    }

    /** The stream ended with no close frame: 1006, or 1009 when we were closing over a message too big. */
    private void endWithoutCloseFrame(String reason) {
        String tooBig = oversizedReason;
        finish(l -> l.onClose(this, tooBig != null ? MESSAGE_TOO_BIG : ABNORMAL_CLOSURE, tooBig != null ? tooBig : reason));
    }

    // ---------------------------------------------------------------- writing

    @Override
    public CompletableFuture<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        synchronized (sendLock) {
            WsFrameWriter w = writer;
            if (w == null || terminated.get() || closeSent != null) {
                return CompletableFuture.failedFuture(new TransportException(
                        "Cannot send on " + where + ": the connection is closed", null));
            }
            String refusal = w.refusal(payload.length);
            if (refusal != null) {
                return CompletableFuture.failedFuture(new TransportException("Cannot send on " + where + ": " + refusal,
                        null));
            }
            return w.enqueue(WsFrameReader.OP_TEXT, payload);
        }
    }

    /** Queues a control frame (a pong) in order with the sends, unless we are closing. */
    private void queueControl(int opcode, byte[] payload) {
        synchronized (sendLock) {
            if (closeSent == null && !terminated.get()) {
                writer.enqueue(opcode, payload);
            }
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(n) needs a positive n, was " + n);
        }
        synchronized (demandLock) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            demandLock.notifyAll();
        }
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        BuilderChecks.closeFrame(code, reason);
        return sendClose(code, reason);
    }

    private CompletableFuture<Void> sendClose(int code, String reason) {
        CompletableFuture<Void> sent;
        synchronized (sendLock) {
            if (closeSent != null) {
                return closeSent;
            }
            if (terminated.get() || writer == null) {
                closeSent = CompletableFuture.completedFuture(null);
                return closeSent;
            }
            sent = writer.enqueue(WsFrameReader.OP_CLOSE, closePayload(code, reason));
            closeSent = sent;
        }
        synchronized (demandLock) {
            demandLock.notifyAll(); // a reader waiting for demand reads on to the peer's close frame
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                abort("the close frame could not be sent");
                return;
            }
            CompletableFuture.delayedExecutor(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!terminated.get()) {
                    LOG.log(System.Logger.Level.DEBUG, "No close frame from {0} within {1}; aborting", where,
                            settings.closeTimeout());
                    abort("the peer did not answer the close frame within " + settings.closeTimeout().toMillis() + " ms");
                }
            });
        });
        return sent;
    }

    private void sendCloseAndWait(int code, String reason) {
        String shortReason = reason.length() > 100 ? reason.substring(0, 100) : reason;
        try {
            sendClose(code, shortReason).get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the connection is being dropped anyway
        }
    }

    @Override
    public void abort() {
        abort("aborted by the client");
    }

    /**
     * Drops the connection at once and reports {@code onClose(1006, reason)} if nothing final was
     * reported yet; before the handshake completed, fails the open instead.
     *
     * @param reason the reason given to {@code onClose}
     */
    public void abort(String reason) {
        abortWith(ABNORMAL_CLOSURE, reason);
    }

    private void abortWith(int code, String reason) {
        if (openDecided.compareAndSet(false, true)) {
            terminated.set(true);
            closeQuietly();
            onTerminated.accept(this);
            opened.completeExceptionally(new TransportException("Opening " + where + " was abandoned: " + reason, null));
            return;
        }
        // Decided before the socket closes: the reader, failing on the closed socket, must find
        // the connection terminated and not report that failure as an error of its own.
        finish(l -> l.onClose(this, code, reason));
        closeQuietly();
    }

    @Override
    public boolean isOpen() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !terminated.get() && closeSent == null;
    }

    @Override
    public String toString() {
        return "SocketConnection[" + where + (isOpen() ? ", open" : ", closed") + "]";
    }

    // ---------------------------------------------------------------- endings

    private void finish(Consumer<TransportListener> finalCall) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        onTerminated.accept(this);
        synchronized (demandLock) {
            demandLock.notifyAll();
        }
        LOG.log(System.Logger.Level.DEBUG, "Connection to {0} ended", where);
        calls.last(finalCall);
    }

    private void closeQuietly() {
        for (Socket s : new Socket[] {socket, plain}) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
