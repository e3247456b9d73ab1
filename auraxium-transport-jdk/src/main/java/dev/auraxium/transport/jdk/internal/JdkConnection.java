package dev.auraxium.transport.jdk.internal;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection of the JDK transport: the {@link WebSocket.Listener} given to the JDK and the
 * {@link TransportConnection} given to the user.
 *
 * <p>How the SPI maps onto {@code java.net.http.WebSocket}:
 * <ul>
 *   <li>Demand: the user's {@code request(n)} is forwarded as is. The JDK spends one unit of demand
 *       on every frame it hands up (each text fragment, ping, pong, binary), the user only one per
 *       whole message; so for every frame that is not the end of a message one unit is requested
 *       back. The JDK demand thus equals the user's outstanding demand between messages.</li>
 *   <li>Listener calls go through {@link ListenerCalls} (one at a time, because some originate on
 *       user threads, e.g. {@link #abort()}); the final call ({@code onClose} or {@code onError})
 *       is chosen once by a compare-and-set and nothing runs after it.</li>
 *   <li>Sends: the JDK allows one outstanding text send, so sends (and our close frame, which must
 *       follow them) wait in a queue and are written one at a time.</li>
 *   <li>A close we start: once the close frame is written, unlimited demand is requested so the
 *       peer's close frame can be read (text arriving then is delivered only against the user's
 *       remaining demand, else dropped), and the connection is aborted if that close frame does
 *       not come within the close timeout.</li>
 * </ul>
 */
public final class JdkConnection implements TransportConnection, WebSocket.Listener {
    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final String where;
    private final Duration closeTimeout;
    private final Consumer<JdkConnection> onTerminated;
    private final ListenerCalls calls;
    private final CompletableFuture<TransportConnection> opened = new CompletableFuture<>();
    private final AtomicBoolean openDecided = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private volatile WebSocket webSocket;

    /** Only touched by JDK receive callbacks, which the JDK runs one at a time. */
    private StringBuilder partial;
    /** Set once a message went over {@link #maxMessageChars}: text received afterwards is dropped. */
    private boolean oversized;
    /** What the listener is told when a message over the limit ended the connection; null otherwise. */
    private volatile String oversizedReason;
    private final int maxMessageChars;
    private final AtomicLong oversizedCount;

    private final Object sendLock = new Object();
    private final ArrayDeque<Outgoing> sendQueue = new ArrayDeque<>();
    private boolean writing;
    private CompletableFuture<Void> closeSent;

    /**
     * @param uri the URI being opened (only printed redacted)
     * @param listener the user's listener
     * @param closeTimeout how long to wait for the peer's close frame after ours
     * @param onTerminated called once when the connection ends or fails to open
     */
    public JdkConnection(URI uri, TransportListener listener, Duration closeTimeout,
            Consumer<JdkConnection> onTerminated) {
        this(uri, listener, closeTimeout, Integer.MAX_VALUE, new AtomicLong(), onTerminated);
    }

    /**
     * @param uri the URI being opened (only printed redacted)
     * @param listener the user's listener
     * @param closeTimeout how long to wait for the peer's close frame after ours
     * @param maxMessageChars the largest text message accepted; a larger one closes the connection with 1009
     * @param oversizedCount counts messages over the limit (shared by the transport's connections)
     * @param onTerminated called once when the connection ends or fails to open
     */
    public JdkConnection(URI uri, TransportListener listener, Duration closeTimeout, int maxMessageChars,
            AtomicLong oversizedCount, Consumer<JdkConnection> onTerminated) {
        this.maxMessageChars = maxMessageChars;
        this.oversizedCount = oversizedCount;
        this.where = ServiceIds.redactUri(uri.toString());
        this.calls = new ListenerCalls(this, Objects.requireNonNull(listener, "listener"));
        this.closeTimeout = closeTimeout;
        this.onTerminated = onTerminated;
    }

    /** @return completes after the user's {@code onOpen} returned, or fails if opening failed */
    public CompletableFuture<TransportConnection> opened() {
        return opened;
    }

    /**
     * The handshake succeeded (called from the JDK's {@code onOpen} and from the build future,
     * whichever comes first).
     *
     * @param ws the JDK WebSocket
     */
    public void attach(WebSocket ws) {
        if (!openDecided.compareAndSet(false, true)) {
            if (terminated.get() && webSocket == null) {
                ws.abort(); // aborted while the handshake was in flight
            }
            return;
        }
        webSocket = ws;
        LOG.log(System.Logger.Level.DEBUG, "Opened {0}", where);
        calls.open(opened);
    }

    /**
     * The handshake failed; the listener is never called.
     *
     * @param failure why
     */
    public void failOpen(TransportException failure) {
        if (openDecided.compareAndSet(false, true)) {
            terminated.set(true);
            onTerminated.accept(this);
            opened.completeExceptionally(failure);
        }
    }

    // ---- WebSocket.Listener (JDK side) ----

    @Override
    public void onOpen(WebSocket ws) {
        // Deliberately no ws.request(1): the SPI's initial demand is zero.
        attach(ws);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (oversized) {
            return null; // the rest of a message over the limit, or text after it: we are closing
        }
        long size = (partial == null ? 0L : partial.length()) + data.length();
        if (size > maxMessageChars) {
            tooBig(size, last);
            return null;
        }
        if (!last) {
            if (partial == null) {
                partial = new StringBuilder(Math.max(256, data.length() * 4));
            }
            partial.append(data);
            ws.request(1); // a fragment is not a message: fetch the next one on our own account
            return null;
        }
        String message;
        if (partial == null) {
            message = data.toString(); // the JDK reuses its buffer once we return
        } else {
            message = partial.append(data).toString();
            partial = null;
        }
        long before = demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : Math.max(0, d - 1));
        if (before == 0) {
            // Only possible after our close frame, when we read on to find the peer's.
            LOG.log(System.Logger.Level.DEBUG, "Dropped a message received after close() on {0} without demand", where);
            return null;
        }
        calls.text(message);
        return null;
    }

    /**
     * A message over the limit: reported once, counted, and the connection closed, so the client
     * reconnects instead of growing a buffer without end. The listener's final call is
     * {@code onClose(1009, ...)}; on the wire the close frame says 1000 with the reason, as the
     * JDK's WebSocket sends no other code below 3000. The peer's close frame is awaited as for any
     * close, bounded by the close timeout.
     */
    private void tooBig(long size, boolean last) {
        oversized = true;
        partial = null;
        oversizedCount.incrementAndGet();
        String why = "a message of " + (last ? "" : "at least ") + size + " characters, over the limit of "
                + maxMessageChars;
        oversizedReason = why;
        LOG.log(System.Logger.Level.WARNING, () -> why + " from " + where + "; closing the connection (1009)");
        close(1000, "message too big: over " + maxMessageChars + " characters");
        // a peer that reads nothing never takes our close frame: do not wait for it forever
        CompletableFuture.delayedExecutor(2 * closeTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!terminated.get()) {
                abort(why + "; the close did not complete");
            }
        });
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        LOG.log(System.Logger.Level.DEBUG, "Ignored a binary frame of {0} bytes on {1}", data.remaining(), where);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        ws.request(1); // the JDK answers the ping itself; the unit spent was the user's
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        String why = statusCode == ABNORMAL_CLOSURE && reason.isEmpty()
                ? "the connection dropped without a close frame" : reason;
        String tooBig = oversizedReason;
        if (tooBig != null) {
            finish(l -> l.onClose(this, MESSAGE_TOO_BIG, tooBig));
            return null;
        }
        finish(l -> l.onClose(this, statusCode, why));
        return null; // lets the JDK answer a peer's close frame at once
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        finish(l -> l.onError(this, error));
    }

    // ---- TransportConnection (user side) ----

    @Override
    public CompletableFuture<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        CompletableFuture<Void> sent = new CompletableFuture<>();
        synchronized (sendLock) {
            if (terminated.get() || closeSent != null) {
                return CompletableFuture.failedFuture(new TransportException(
                        "Cannot send on " + where + ": the connection is closed", null));
            }
            sendQueue.add(new Outgoing(text, 0, null, sent));
        }
        pump();
        return sent;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(n) needs a positive n, was " + n);
        }
        demand.accumulateAndGet(n, (d, k) -> d + k < 0 ? Long.MAX_VALUE : d + k); // saturating, no capture
        WebSocket ws = webSocket;
        if (ws != null && !terminated.get()) {
            ws.request(n);
        }
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        BuilderChecks.closeFrame(code, reason);
        synchronized (sendLock) {
            if (closeSent != null) {
                return closeSent;
            }
            closeSent = new CompletableFuture<>();
            if (terminated.get()) {
                closeSent.complete(null); // already closed: nothing left to do
                return closeSent;
            }
            sendQueue.add(new Outgoing(null, code, reason, closeSent));
        }
        pump();
        return closeSent;
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
        if (openDecided.compareAndSet(false, true)) {
            terminated.set(true);
            onTerminated.accept(this);
            opened.completeExceptionally(new TransportException("Opening " + where + " was abandoned: " + reason, null));
            return;
        }
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        finish(l -> l.onClose(this, ABNORMAL_CLOSURE, reason));
    }

    @Override
    public boolean isOpen() {
        return webSocket != null && !terminated.get() && !webSocket.isOutputClosed();
    }

    @Override
    public String toString() {
        return "JdkConnection[" + where + (isOpen() ? ", open" : ", closed") + "]";
    }

    // ---- internals ----

    private void finish(Consumer<TransportListener> finalCall) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        onTerminated.accept(this);
        LOG.log(System.Logger.Level.DEBUG, "Connection to {0} ended", where);
        failQueuedSends();
        calls.last(finalCall);
    }

    private void failQueuedSends() {
        List<Outgoing> dropped;
        synchronized (sendLock) {
            dropped = new ArrayList<>(sendQueue);
            sendQueue.clear();
        }
        for (Outgoing o : dropped) {
            if (o.isClose()) {
                o.done.complete(null); // the connection is closed, which is what was asked
            } else {
                o.done.completeExceptionally(new TransportException(
                        "The connection to " + where + " closed before the message was sent", null));
            }
        }
    }

    /** Writes queued frames one at a time; loops instead of recursing when writes finish at once. */
    private void pump() {
        while (true) {
            Outgoing next;
            synchronized (sendLock) {
                if (writing || sendQueue.isEmpty()) {
                    return;
                }
                next = sendQueue.poll();
                writing = true;
            }
            CompletableFuture<WebSocket> write = start(next);
            if (!write.isDone()) {
                write.whenComplete((ws, error) -> {
                    settle(next, error);
                    synchronized (sendLock) {
                        writing = false;
                    }
                    pump();
                });
                return;
            }
            Throwable error = write.isCompletedExceptionally() ? write.handle((ws, e) -> e).join() : null;
            settle(next, error);
            synchronized (sendLock) {
                writing = false;
            }
        }
    }

    private CompletableFuture<WebSocket> start(Outgoing o) {
        WebSocket ws = webSocket;
        try {
            return o.isClose() ? ws.sendClose(o.code, o.reason) : ws.sendText(o.text, true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void settle(Outgoing o, Throwable error) {
        if (error == null) {
            o.done.complete(null);
            if (o.isClose()) {
                awaitPeerClose();
            }
            return;
        }
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        o.done.completeExceptionally(new TransportException((o.isClose() ? "Sending the close frame" : "Sending a message")
                + " on " + where + " failed: " + cause, cause));
        if (o.isClose()) {
            abort("the close frame could not be sent");
        }
    }

    private void awaitPeerClose() {
        WebSocket ws = webSocket;
        if (terminated.get()) {
            return;
        }
        ws.request(Long.MAX_VALUE); // read on until the peer's close frame arrives
        CompletableFuture.delayedExecutor(closeTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!terminated.get()) {
                LOG.log(System.Logger.Level.DEBUG, "No close frame from {0} within {1}; aborting", where, closeTimeout);
                abort("the peer did not answer the close frame within " + closeTimeout.toMillis() + " ms");
            }
        });
    }

    private record Outgoing(String text, int code, String reason, CompletableFuture<Void> done) {
        boolean isClose() {
            return text == null;
        }
    }
}
