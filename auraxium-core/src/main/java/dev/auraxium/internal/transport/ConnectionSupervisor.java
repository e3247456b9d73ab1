package dev.auraxium.internal.transport;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Owns one client's connection lifecycle: connect, notice an unexpected end, reconnect, stop.
 *
 * <p>This issue implements the simple policy: after an unexpected close (or a
 * {@code connectionStateChanged} of false) reconnect once after a fixed delay; a connect attempt
 * that fails goes back to idle and reports; an HTTP 403 is reported as fatal. Backoff, watchdogs
 * and redundant connections (issue #6) belong here, behind the same {@link Session} callbacks.
 *
 * <p>Threading: methods may be called from any thread. Callbacks to the {@link Session} are made
 * without this object's lock held (the client takes its own lock in them), from transport threads
 * or the scheduler.
 */
public final class ConnectionSupervisor {

    /** What the supervisor tells its client. */
    public interface Session {
        /** A connection opened (transport thread, before any text). */
        void opened(TransportConnection connection);

        /** A whole text frame arrived. */
        void text(TransportConnection connection, String text);

        /**
         * The connection ended.
         *
         * @param cause "close 1006: reason", "error: ...", "disconnect", "connectionStateChanged"
         * @param reconnecting whether a reconnect is scheduled
         */
        void closed(TransportConnection connection, String cause, boolean reconnecting);

        /**
         * A connect attempt failed and no further attempt is scheduled.
         *
         * @param error the transport's failure
         * @param fatal whether retrying cannot help (HTTP 403)
         */
        void failed(Throwable error, boolean fatal);
    }

    private enum State { IDLE, CONNECTING, OPEN, RECONNECT_PENDING, CLOSED }

    private final Transport transport;
    private final URI uri;
    private final Duration reconnectDelay;
    private final ScheduledExecutorService scheduler;
    private final Session session;
    private final Map<String, Long> reconnects = new TreeMap<>();

    private State state = State.IDLE;
    private long generation;
    private TransportConnection connection;
    private ScheduledFuture<?> pendingReconnect;

    public ConnectionSupervisor(Transport transport, URI uri, Duration reconnectDelay,
            ScheduledExecutorService scheduler, Session session) {
        this.transport = transport;
        this.uri = uri;
        this.reconnectDelay = reconnectDelay;
        this.scheduler = scheduler;
        this.session = session;
    }

    /** Opens a connection unless one is open or opening. */
    public void start() {
        synchronized (this) {
            if (state != State.IDLE) {
                return;
            }
            state = State.CONNECTING;
        }
        attempt();
    }

    /** @return true while a connection is open, opening, or about to be reopened */
    public synchronized boolean isActive() {
        return state == State.CONNECTING || state == State.OPEN || state == State.RECONNECT_PENDING;
    }

    /** @return the open connection */
    public synchronized Optional<TransportConnection> current() {
        return state == State.OPEN ? Optional.ofNullable(connection) : Optional.empty();
    }

    /** @return reconnects so far by cause */
    public synchronized Map<String, Long> reconnects() {
        return Map.copyOf(reconnects);
    }

    /**
     * Closes the connection on purpose and goes idle (a later {@link #start()} connects again).
     *
     * @param terminal whether the supervisor may never start again
     */
    public void stop(boolean terminal) {
        TransportConnection c;
        boolean wasOpen;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            wasOpen = state == State.OPEN;
            c = connection;
            connection = null;
            generation++;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
                pendingReconnect = null;
            }
            state = terminal ? State.CLOSED : State.IDLE;
        }
        if (c != null) {
            c.close(1000, "client disconnect").exceptionally(e -> null);
            if (wasOpen) {
                session.closed(c, "disconnect", false);
            }
        }
    }

    /**
     * Drops the connection and reconnects after the delay, e.g. when the push layer said it lost
     * its backend. Does nothing unless the given connection is the open one.
     */
    public void restart(TransportConnection which, String cause) {
        synchronized (this) {
            if (state != State.OPEN || connection != which) {
                return;
            }
        }
        which.abort();
        lost(which, cause);
    }

    private void attempt() {
        long gen;
        synchronized (this) {
            gen = ++generation;
        }
        Listener listener = new Listener(gen);
        CompletableFuture<TransportConnection> f;
        try {
            f = transport.connect(uri, listener);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((c, error) -> {
            if (error == null) {
                return; // onOpen already moved us to OPEN
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            synchronized (this) {
                if (gen != generation || state != State.CONNECTING) {
                    return;
                }
                state = State.IDLE;
            }
            boolean fatal = cause instanceof TransportException te && te.isFatal();
            session.failed(cause, fatal);
        });
    }

    private void lost(TransportConnection c, String cause) {
        synchronized (this) {
            if (state != State.OPEN || connection != c) {
                return;
            }
            connection = null;
            generation++;
            state = State.RECONNECT_PENDING;
            reconnects.merge(causeKey(cause), 1L, Long::sum);
            pendingReconnect = scheduler.schedule(this::reconnect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        session.closed(c, cause, true);
    }

    private static String causeKey(String cause) {
        int cut = 0;
        while (cut < cause.length() && Character.isLetter(cause.charAt(cut))) {
            cut++;
        }
        return cut > 0 ? cause.substring(0, cut) : cause;
    }

    private void reconnect() {
        synchronized (this) {
            if (state != State.RECONNECT_PENDING) {
                return;
            }
            pendingReconnect = null;
            state = State.CONNECTING;
        }
        attempt();
    }

    private final class Listener implements TransportListener {
        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        private boolean current() {
            synchronized (ConnectionSupervisor.this) {
                return gen == generation;
            }
        }

        @Override
        public void onOpen(TransportConnection c) {
            synchronized (ConnectionSupervisor.this) {
                if (gen != generation || state != State.CONNECTING) {
                    c.abort(); // stopped while connecting
                    return;
                }
                connection = c;
                state = State.OPEN;
            }
            session.opened(c);
        }

        @Override
        public void onText(TransportConnection c, String message) {
            if (current()) {
                session.text(c, message);
            }
        }

        @Override
        public void onClose(TransportConnection c, int code, String reason) {
            lost(c, "close " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason));
        }

        @Override
        public void onError(TransportConnection c, Throwable error) {
            lost(c, "error: " + error);
        }
    }
}
