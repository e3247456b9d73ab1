package dev.auraxium.internal.transport;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent.Kind;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleSupplier;

/**
 * Owns one client's connections: keeps {@code n} slots connected, reconnects each with
 * exponential backoff and full jitter ({@link Backoff}), replaces an unhealthy connection
 * make-before-break, and stops for good on HTTP 403.
 *
 * <p>Per slot there is a <em>primary</em> connection (or an attempt to open one, or a backoff
 * timer) and, while a watchdog has found the primary unhealthy, a <em>standby</em>: the
 * replacement. The standby is opened and subscribed while the primary stays open; when the client
 * says the standby is ready ({@link #promote}), it becomes the primary and the old one is closed
 * gracefully: it is <em>drained</em>, i.e. its frames still reach the session until the server
 * answers the close frame (the transport aborts it after its close timeout), because the events the
 * server sent it before the standby was subscribed exist nowhere else. The overlap with the standby
 * is left to deduplication.
 * If the primary dies first, the standby simply takes its place. An abrupt loss of a primary with
 * no standby schedules a reconnect after a backoff delay; the retry count that drives the delay is
 * reset only by a connection that stayed open for the stable period, so a server that accepts and
 * drops at once still backs off.
 *
 * <p>Threading: methods may be called from any thread. Callbacks to the {@link Session} are made
 * without this object's lock held, from transport threads or the timer thread.
 */
public final class ConnectionSupervisor {
    /** The close code of a message over the transport's limit. */
    private static final int MESSAGE_TOO_BIG = 1009;

    /** What the supervisor tells its client. */
    public interface Session {
        /** A connection opened (transport thread, before any text): subscribe it. */
        void opened(int slot, TransportConnection connection);

        /** A whole text frame arrived on a live connection. */
        void text(TransportConnection connection, String text);

        /**
         * A connection the client knew about ended (lost, replaced, or closed on purpose).
         *
         * @param cause why; {@link ConnectionCause#CLIENT_CLOSE} when closed on purpose (detail
         *     {@code "replaced"} for a replaced one)
         * @param detail the close code, exception class...; may be empty
         */
        void closed(int slot, TransportConnection connection, ConnectionCause cause, String detail);

        /**
         * A connect attempt failed.
         *
         * @param fatal whether retrying cannot help (HTTP 403); then every slot stopped
         */
        void failed(int slot, Throwable error, boolean fatal);

        /** For the connection listener. */
        void event(int slot, Kind kind, ConnectionCause cause, String detail, Duration retryIn);

        /**
         * A replaced connection is being closed: its remaining frames still arrive through
         * {@link #text} until {@link #closed} (detail "replaced"); watchdogs should leave it alone.
         */
        default void draining(int slot, TransportConnection connection) {
        }
    }

    private final Transport transport;
    private final URI uri;
    private final Backoff backoff;
    private final Timers timers;
    private final DoubleSupplier random;
    private final Session session;
    private final Slot[] slots;
    private final Map<ConnectionCause, Long> reconnects = new EnumMap<>(ConnectionCause.class);
    /** Replaced connections closing gracefully, still delivering what they carried. */
    private final List<Attempt> draining = new ArrayList<>();
    private long attempts;
    private long failures;
    private boolean active;
    private boolean closed;

    private static final class Attempt {
        final Slot slot;
        TransportConnection connection;
        boolean open;
        boolean draining;
        /** For a standby: the watchdog that asked for it, the cause of its REPLACED event. */
        ConnectionCause replacing = ConnectionCause.NONE;
        long openedAt;
        /**
         * Whether its frames go to the session: {@code open && (draining || live(this))}, written
         * by {@link #settle} under the lock at the end of every block that changes one of those,
         * so the transport thread reads on every frame, without the lock, the value the lock would
         * show it.
         */
        volatile boolean delivering;

        Attempt(Slot slot) {
            this.slot = slot;
        }
    }

    private static final class Slot {
        final int index;
        Attempt primary;
        Attempt standby;
        Object timerToken;
        Timers.Cancellable timer;
        boolean timerForStandby;
        int retries;
        long lastDelay;

        Slot(int index) {
            this.index = index;
        }
    }

    public ConnectionSupervisor(Transport transport, URI uri, int connections, Backoff backoff, Timers timers,
            DoubleSupplier random, Session session) {
        this.transport = transport;
        this.uri = uri;
        this.backoff = backoff;
        this.timers = timers;
        this.random = random;
        this.session = session;
        this.slots = new Slot[connections];
        for (int i = 0; i < connections; i++) {
            slots[i] = new Slot(i);
        }
    }

    /** Opens every slot's connection unless already started. */
    public void start() {
        List<Attempt> todo = new ArrayList<>();
        synchronized (this) {
            if (closed || active) {
                return;
            }
            active = true;
            for (Slot s : slots) {
                if (s.primary == null && s.timer == null) {
                    s.primary = new Attempt(s);
                    todo.add(s.primary);
                }
            }
        }
        todo.forEach(this::connect);
    }

    /** @return true while started: connections open, opening, or waiting to be reopened */
    public synchronized boolean isActive() {
        return active;
    }

    /** @return how many slots have an open primary connection */
    public synchronized int openConnections() {
        int n = 0;
        for (Slot s : slots) {
            if (s.primary != null && s.primary.open) {
                n++;
            }
        }
        return n;
    }

    /** @return reconnects and replacements so far by cause */
    public synchronized Map<ConnectionCause, Long> reconnects() {
        return Collections.unmodifiableMap(new EnumMap<>(reconnects));
    }

    /** @return connect attempts started so far */
    public synchronized long attempts() {
        return attempts;
    }

    /** @return connect attempts that failed so far */
    public synchronized long failures() {
        return failures;
    }

    /**
     * Closes every connection on purpose and cancels pending retries.
     *
     * @param terminal whether the supervisor may never start again
     */
    public void stop(boolean terminal) {
        List<Attempt> open = new ArrayList<>();
        List<Attempt> drained = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = terminal;
            active = false;
            for (Slot s : slots) {
                for (Attempt a : new Attempt[] {s.primary, s.standby}) {
                    if (a != null && a.open) {
                        open.add(a);
                    }
                }
                s.primary = null;
                s.standby = null;
                cancelTimer(s);
                s.retries = 0;
            }
            for (Attempt a : draining) {
                a.open = false;
                drained.add(a);
            }
            draining.clear();
            open.forEach(this::settle);
            drained.forEach(this::settle);
        }
        for (Attempt a : drained) {
            a.connection.abort(); // already sent its close frame; nothing more is wanted from it
            session.closed(a.slot.index, a.connection, ConnectionCause.CLIENT_CLOSE, "replaced");
        }
        for (Attempt a : open) {
            a.connection.close(1000, "client disconnect").exceptionally(e -> null);
            session.closed(a.slot.index, a.connection, ConnectionCause.CLIENT_CLOSE, "");
            session.event(a.slot.index, Kind.CLOSED, ConnectionCause.CLIENT_CLOSE, "", null);
        }
    }

    /**
     * Drops a connection at once and reconnects, e.g. when the push layer said it lost its backend.
     * Does nothing unless the connection is a live one of ours.
     */
    public void restart(TransportConnection which, ConnectionCause cause) {
        Attempt a = find(which);
        if (a != null) {
            which.abort();
            lost(a, cause, "");
        }
    }

    /**
     * A watchdog found {@code which} unhealthy: open a replacement and keep {@code which} until the
     * replacement is {@link #promote promoted}. A standby found unhealthy is dropped and retried.
     */
    public void replace(TransportConnection which, ConnectionCause cause) {
        Attempt next = null;
        Attempt droppedStandby = null;
        synchronized (this) {
            if (!active) {
                return;
            }
            for (Slot s : slots) {
                if (s.primary != null && s.primary.open && s.primary.connection == which) {
                    if (s.standby != null || (s.timer != null && s.timerForStandby)) {
                        return; // a replacement is already on its way
                    }
                    reconnects.merge(cause, 1L, Long::sum);
                    s.standby = new Attempt(s);
                    s.standby.replacing = cause;
                    next = s.standby;
                    break;
                }
                if (s.standby != null && s.standby.open && s.standby.connection == which) {
                    droppedStandby = s.standby;
                    s.standby = null;
                    scheduleRetry(s, true, 0);
                    break;
                }
            }
            settle(droppedStandby);
        }
        if (next != null) {
            session.event(next.slot.index, Kind.REPLACING, cause, "", null);
            connect(next);
        } else if (droppedStandby != null) {
            which.abort();
            session.closed(droppedStandby.slot.index, which, cause, "");
            session.event(droppedStandby.slot.index, Kind.RETRY_SCHEDULED, cause, "", retryIn(droppedStandby.slot));
        }
    }

    /**
     * The client found {@code which} ready (connected and subscribed). If it is a standby, it
     * becomes the primary and the connection it replaces is closed.
     */
    public void promote(TransportConnection which) {
        Attempt old = null;
        Attempt promoted = null;
        synchronized (this) {
            for (Slot s : slots) {
                if (s.standby != null && s.standby.open && s.standby.connection == which) {
                    old = s.primary;
                    promoted = s.standby;
                    s.primary = s.standby;
                    s.standby = null;
                    if (old != null && old.open) {
                        old.draining = true;
                        draining.add(old);
                    } else {
                        old = null;
                    }
                    break;
                }
            }
            // both keep delivering: the old one drains, the promoted one is the primary now
            settle(old);
            settle(promoted);
        }
        if (promoted == null) {
            return;
        }
        if (old != null) {
            // Graceful, not abort: what the server queued for the old connection before the
            // standby was subscribed reaches us only through it (onClose ends the drain).
            session.draining(old.slot.index, old.connection);
            Attempt closing = old;
            old.connection.close(1000, "replaced").exceptionally(e -> {
                closing.connection.abort();
                return null;
            });
        }
        session.event(promoted.slot.index, Kind.REPLACED, promoted.replacing, "", null);
    }

    private synchronized Attempt find(TransportConnection c) {
        for (Slot s : slots) {
            if (s.primary != null && s.primary.open && s.primary.connection == c) {
                return s.primary;
            }
            if (s.standby != null && s.standby.open && s.standby.connection == c) {
                return s.standby;
            }
        }
        return null;
    }

    private synchronized boolean live(Attempt a) {
        return a.slot.primary == a || a.slot.standby == a;
    }

    /**
     * Recomputes {@link Attempt#delivering}. Lock held; called after the last change of a block,
     * never between two changes, so no half-done state is ever published.
     */
    private void settle(Attempt a) {
        if (a != null) {
            a.delivering = a.open && (a.draining || live(a));
        }
    }

    private void connect(Attempt a) {
        synchronized (this) {
            attempts++;
        }
        session.event(a.slot.index, Kind.CONNECTING, ConnectionCause.NONE, "", null);
        CompletableFuture<TransportConnection> f;
        try {
            f = transport.connect(uri, new Listener(a));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((c, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                attemptFailed(a, cause);
            }
        });
    }

    private void attemptFailed(Attempt a, Throwable cause) {
        boolean fatal = cause instanceof TransportException te && te.isFatal();
        Slot s = a.slot;
        synchronized (this) {
            if (!live(a) || a.open) {
                return;
            }
            failures++;
            if (a == s.standby) {
                s.standby = null;
            } else {
                s.primary = null;
            }
            if (fatal) {
                active = false;
                for (Slot other : slots) {
                    Attempt dropped = other.standby;
                    other.standby = null;
                    settle(dropped);
                    cancelTimer(other);
                    other.retries = 0;
                }
            } else {
                long retryAfter = cause instanceof TransportException te && te.retryAfter().isPresent()
                        ? te.retryAfter().get().toNanos() : 0;
                scheduleRetry(s, a == s.standby || s.primary != null, retryAfter);
            }
        }
        session.failed(s.index, cause, fatal);
        if (fatal) {
            session.event(s.index, Kind.REJECTED, causeOf(cause), detailOf(cause), null);
            // the other slots' open connections are closed on purpose: the id is rejected
            stopOpenConnectionsAfterFatal();
        } else {
            session.event(s.index, Kind.FAILED, causeOf(cause), detailOf(cause), null);
            session.event(s.index, Kind.RETRY_SCHEDULED, causeOf(cause), detailOf(cause), retryIn(s));
        }
    }

    private void stopOpenConnectionsAfterFatal() {
        List<Attempt> open = new ArrayList<>();
        synchronized (this) {
            if (active) {
                return;
            }
            for (Slot s : slots) {
                if (s.primary != null && s.primary.open) {
                    open.add(s.primary);
                }
                s.primary = null;
            }
            open.forEach(this::settle);
        }
        for (Attempt a : open) {
            a.connection.close(1000, "service id rejected").exceptionally(e -> null);
            session.closed(a.slot.index, a.connection, ConnectionCause.CLIENT_CLOSE, "service id rejected");
        }
    }

    /** @return the cause of a failed connection attempt: by the HTTP status, when the server answered */
    static ConnectionCause causeOf(Throwable t) {
        if (t instanceof TransportException te && te.httpStatus().isPresent()) {
            return te.httpStatus().getAsInt() == 403 ? ConnectionCause.SERVICE_ID_REJECTED
                    : ConnectionCause.HANDSHAKE_REFUSED;
        }
        return ConnectionCause.CONNECT_FAILED;
    }

    /** @return the HTTP status, else the exception's class: never its message, which may hold the URI */
    static String detailOf(Throwable t) {
        if (t instanceof TransportException te && te.httpStatus().isPresent()) {
            return "HTTP " + te.httpStatus().getAsInt();
        }
        Throwable root = t instanceof TransportException && t.getCause() != null ? t.getCause() : t;
        return root.getClass().getSimpleName();
    }

    private void lost(Attempt a, ConnectionCause cause, String detail) {
        Slot s = a.slot;
        boolean standbyTookOver = false;
        boolean drained = false;
        synchronized (this) {
            if (a.draining) {
                drained = a.open && draining.remove(a);
                a.open = false;
                settle(a);
            }
        }
        if (drained) {
            session.closed(s.index, a.connection, ConnectionCause.CLIENT_CLOSE, "replaced");
            return;
        }
        synchronized (this) {
            if (!live(a) || !a.open) {
                return;
            }
            a.open = false;
            if (a == s.standby) {
                s.standby = null;
                scheduleRetry(s, true, 0);
            } else {
                reconnects.merge(cause, 1L, Long::sum);
                if (timers.nanoTime() - a.openedAt >= backoff.stablePeriod().toNanos()) {
                    s.retries = 0;
                }
                if (s.standby != null) {
                    s.primary = s.standby;
                    s.standby = null;
                    standbyTookOver = true;
                } else if (s.timer != null && s.timerForStandby) {
                    s.primary = null;
                    s.timerForStandby = false; // the pending standby retry now reopens the primary
                } else {
                    s.primary = null;
                    scheduleRetry(s, false, 0);
                }
            }
            settle(a);
            settle(s.primary);
        }
        session.closed(s.index, a.connection, cause, detail);
        session.event(s.index, Kind.LOST, cause, detail, null);
        if (!standbyTookOver) {
            session.event(s.index, Kind.RETRY_SCHEDULED, cause, detail, retryIn(s));
        }
    }

    private synchronized Duration retryIn(Slot s) {
        return s.timer == null ? null : Duration.ofNanos(s.lastDelay);
    }

    /** Lock held. */
    private void scheduleRetry(Slot s, boolean standby, long atLeastNanos) {
        cancelTimer(s);
        long delay = Math.max(backoff.delayNanos(s.retries, random), atLeastNanos);
        s.retries = Math.min(s.retries + 1, 1_000);
        Object token = new Object();
        s.timerToken = token;
        s.timerForStandby = standby;
        s.lastDelay = delay;
        s.timer = timers.schedule(() -> retry(s, token), delay);
    }

    private void cancelTimer(Slot s) {
        if (s.timer != null) {
            s.timer.cancel();
        }
        s.timer = null;
        s.timerToken = null;
    }

    private void retry(Slot s, Object token) {
        Attempt a;
        synchronized (this) {
            if (s.timerToken != token) {
                return;
            }
            s.timer = null;
            s.timerToken = null;
            if (!active) {
                return;
            }
            if (s.timerForStandby && s.primary != null) {
                a = new Attempt(s);
                s.standby = a;
            } else if (s.primary == null) {
                a = new Attempt(s);
                s.primary = a;
            } else {
                return;
            }
        }
        connect(a);
    }

    private final class Listener implements TransportListener {
        private final Attempt attempt;

        Listener(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(TransportConnection c) {
            synchronized (ConnectionSupervisor.this) {
                if (!live(attempt)) {
                    c.abort(); // stopped or superseded while connecting
                    return;
                }
                attempt.connection = c;
                attempt.open = true;
                attempt.openedAt = timers.nanoTime();
                settle(attempt);
            }
            session.event(attempt.slot.index, Kind.OPENED, ConnectionCause.NONE, "", null);
            session.opened(attempt.slot.index, c);
        }

        @Override
        public void onText(TransportConnection c, String message) {
            // per frame: one volatile read instead of the supervisor's monitor (see Attempt.delivering)
            if (attempt.delivering) {
                session.text(c, message);
            }
        }

        @Override
        public void onClose(TransportConnection c, int code, String reason) {
            lost(attempt, code == MESSAGE_TOO_BIG ? ConnectionCause.MESSAGE_TOO_BIG : ConnectionCause.CONNECTION_CLOSED,
                    reason == null || reason.isEmpty() ? String.valueOf(code) : code + " " + reason);
        }

        @Override
        public void onError(TransportConnection c, Throwable error) {
            lost(attempt, ConnectionCause.TRANSPORT_ERROR, error.getClass().getSimpleName());
        }
    }
}
