package dev.auraxium.testkit;

import dev.auraxium.testkit.internal.ess.Admission;
import dev.auraxium.testkit.internal.ess.EssHub;
import dev.auraxium.testkit.internal.ess.EssPeer;
import dev.auraxium.testkit.internal.ess.EssSession;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Transport} that connects a client straight to a {@link FakeEssServer}, without sockets:
 * the same ESS behaviour, faults and inspection, minus the network, for fast and deterministic
 * client tests.
 *
 * <pre>{@code
 * try (FakeEssServer server = FakeEssServer.start();
 *      InMemoryTransport transport = new InMemoryTransport(server)) {
 *     TransportConnection c = transport.connect(server.uri(Environment.PS2, "s:example"), listener).join();
 *     c.request(Long.MAX_VALUE);
 * }
 * }</pre>
 *
 * <p>The URI's path and query are checked exactly as an upgrade request would be: a refusal fails
 * the returned future with a {@link TransportException} carrying the HTTP status (403 for a
 * rejected service id) and any {@code Retry-After}. Host and port are ignored.
 *
 * <h2>Threading</h2>
 * Honours the SPI contract: each connection calls its listener from one thread at a time (its own
 * delivery thread), {@code onOpen} first, {@code onText} only against demand given with
 * {@link TransportConnection#request(long)} (initially zero), then exactly one of
 * {@code onClose} or {@code onError}. A server close is delivered after the messages sent before
 * it; an abort (from either side) discards undelivered messages and reports close code 1006; a
 * malformed-frame fault reports a {@link TransportException} to {@code onError}. A client
 * {@code close} discards undelivered messages and reports the client's own code and reason, as
 * the server echoes it. {@code sendText} hands the text to the server synchronously, in call order.
 *
 * <p>Not registered with {@link java.util.ServiceLoader}: choose it explicitly. {@link #close()}
 * aborts every connection it opened; it is idempotent.
 */
public final class InMemoryTransport implements Transport {
    private final FakeEssServer server;
    private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param server the server to connect to; it must be running
     */
    public InMemoryTransport(FakeEssServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("in-memory transport is closed", null));
        }
        EssHub hub = server.hub();
        Map<String, String> query = query(uri.getRawQuery());
        Admission admission = hub.admit(uri.getPath() == null ? "" : uri.getPath(),
                name -> Optional.ofNullable(query.get(name)));
        if (admission instanceof Admission.Refuse r) {
            return CompletableFuture.failedFuture(new TransportException(
                    "WebSocket upgrade refused by " + server + ": HTTP " + r.status() + " " + r.body(), null,
                    OptionalInt.of(r.status()), r.retryAfter()));
        }
        Pipe pipe = new Pipe(hub, listener);
        pipes.add(pipe);
        CompletableFuture<TransportConnection> opened = new CompletableFuture<>();
        // Register with the server first, so the client may send from inside onOpen.
        pipe.session = hub.open(pipe.peer, (Admission.Admit) admission);
        pipe.runOnDelivery(() -> {
            try {
                listener.onOpen(pipe);
            } finally {
                opened.complete(pipe);
            }
        });
        return opened;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Aborts every connection this transport opened. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Pipe p : List.copyOf(pipes)) {
            p.abort();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + server + "]";
    }

    /** What ends a pipe, delivered after the texts queued before it. */
    private record End(int code, String reason, Throwable error) {
    }

    /**
     * One connection: the client's {@link TransportConnection} and, facing the server, its
     * {@link EssPeer}. Server-to-client messages wait in an inbox until demand lets the delivery
     * thread hand them to the listener.
     */
    private final class Pipe implements TransportConnection {
        private final EssHub hub;
        private final TransportListener listener;
        private final ExecutorService delivery;
        private final ArrayDeque<Object> inbox = new ArrayDeque<>(); // String or End; guarded by itself
        private final AtomicLong demand = new AtomicLong();
        private final AtomicLong pendingChars = new AtomicLong(); // texts in the inbox
        private final AtomicInteger drainsPending = new AtomicInteger();
        private final Object sendLock = new Object();
        private volatile EssSession session;
        private volatile boolean serverOpen = true;
        private volatile boolean clientOpen = true;
        private volatile boolean ended;
        private volatile long writeDelayNanos;

        Pipe(EssHub hub, TransportListener listener) {
            this.hub = hub;
            this.listener = listener;
            int n = threads.incrementAndGet();
            this.delivery = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "in-memory-ess-" + n);
                t.setDaemon(true);
                return t;
            });
        }

        void runOnDelivery(Runnable r) {
            try {
                delivery.execute(r);
            } catch (RejectedExecutionException alreadyEnded) {
                // The pipe ended before this ran: nothing more may reach the listener.
            }
        }

        // ------------------------------------------------------------ client side

        @Override
        public CompletableFuture<Void> sendText(String text) {
            Objects.requireNonNull(text, "text");
            synchronized (sendLock) {
                if (!clientOpen || !serverOpen) {
                    return CompletableFuture.failedFuture(new TransportException("connection is closed", null));
                }
                hub.onText(session, text);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("demand must be positive, was " + n);
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            scheduleDrain();
        }

        @Override
        public CompletableFuture<Void> close(int code, String reason) {
            if (clientOpen) {
                clientOpen = false;
                serverOpen = false;
                hub.onClosed(session);
                endNow(new End(code, reason == null ? "" : reason, null));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isOpen() {
            return clientOpen && serverOpen && !ended;
        }

        // ------------------------------------------------------------ server side

        /** The server's end of this pipe. */
        final EssPeer peer = new EssPeer() {
            @Override
            public void sendText(String text) {
                serverSend(text);
            }

            @Override
            public void sendMalformed(dev.auraxium.testkit.MalformedFrame kind) {
                serverMalformed(kind);
            }

            @Override
            public void close(int code, String reason) {
                serverClose(code, reason);
            }

            @Override
            public void abort() {
                Pipe.this.abort();
            }

            @Override
            public boolean isOpen() {
                return serverOpen && !ended;
            }

            @Override
            public long pendingBytes() {
                return pendingChars.get();
            }

            @Override
            public void setWriteDelay(Duration perFlush) {
                writeDelayNanos = perFlush.toNanos();
            }
        };

        private void serverSend(String text) {
            if (!serverOpen) {
                return;
            }
            synchronized (inbox) {
                inbox.addLast(text);
                pendingChars.addAndGet(text.length());
            }
            scheduleDrain();
        }

        private void serverMalformed(dev.auraxium.testkit.MalformedFrame kind) {
            if (!serverOpen) {
                return;
            }
            serverOpen = false;
            hub.onClosed(session);
            append(new End(1002, "", new TransportException(
                    "WebSocket protocol error: the server sent a malformed frame (" + kind + ")", null)));
        }

        private void serverClose(int code, String reason) {
            if (!serverOpen) {
                return;
            }
            serverOpen = false;
            hub.onClosed(session);
            append(new End(code, reason, null));
        }

        @Override
        public void abort() {
            boolean wasOpen = serverOpen || clientOpen;
            serverOpen = false;
            clientOpen = false;
            if (wasOpen) {
                EssSession s = session;
                if (s != null) {
                    hub.onClosed(s);
                }
                endNow(new End(1006, "", null));
            }
        }

        // ------------------------------------------------------------ delivery

        private void append(End end) {
            synchronized (inbox) {
                inbox.addLast(end);
            }
            scheduleDrain();
        }

        private void endNow(End end) {
            synchronized (inbox) {
                inbox.clear();
                pendingChars.set(0);
                inbox.addLast(end);
            }
            scheduleDrain();
        }

        private void scheduleDrain() {
            if (drainsPending.getAndIncrement() == 0) {
                runOnDelivery(this::drain);
            }
        }

        /** Runs on the delivery thread only, so listener calls never overlap. */
        private void drain() {
            int missed = 1;
            do {
                drainOnce();
                missed = drainsPending.addAndGet(-missed);
            } while (missed != 0);
        }

        private void drainOnce() {
            while (!ended) {
                Object next;
                synchronized (inbox) {
                    Object head = inbox.peekFirst();
                    if (head == null || (head instanceof String && demand.get() == 0)) {
                        return;
                    }
                    next = inbox.pollFirst();
                    if (next instanceof String text) {
                        pendingChars.addAndGet(-text.length());
                    }
                }
                if (next instanceof End end) {
                    finish(end);
                    return;
                }
                demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
                long delay = writeDelayNanos;
                if (delay > 0) {
                    LockSupport.parkNanos(delay); // simulated slow network, on this pipe's own thread
                }
                try {
                    listener.onText(this, (String) next);
                } catch (RuntimeException e) {
                    System.getLogger(InMemoryTransport.class.getName())
                            .log(System.Logger.Level.WARNING, "listener.onText threw; the stream goes on", e);
                }
            }
        }

        private void finish(End end) {
            ended = true;
            clientOpen = false;
            serverOpen = false;
            pipes.remove(this);
            try {
                if (end.error() != null) {
                    listener.onError(this, end.error());
                } else {
                    listener.onClose(this, end.code(), end.reason());
                }
            } finally {
                delivery.shutdown();
            }
        }
    }
}
