package dev.auraxium.internal.session;

import static dev.auraxium.internal.session.Reporter.LOG;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent;
import dev.auraxium.client.OverflowPolicy;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.dispatch.Delivery;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.internal.transport.Backoff;
import dev.auraxium.internal.transport.ConnectionSupervisor;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The connection side of the client: one {@link Link} per open connection, kept by the
 * {@link ConnectionSupervisor}'s callbacks; each link's control messages (heartbeats, connection
 * state, subscription replies through its {@link SubscriptionSync}); the watchdog tick; and the
 * ready and connected futures derived from the links. Shares the client's lock with
 * {@link ClientSession}: the methods documented "lock held" expect the caller to hold it, the
 * others take it themselves and call the supervisor, listener and error handler after releasing
 * it.
 */
final class Connections {
    private final ClientConfig config;
    private final String id;
    /** For logs: without the service id. */
    private final URI endpoint;
    private final Transport transport;
    private final ReentrantLock lock;
    private final Timers timers;
    private final Clock clock = Clock.systemUTC();
    private final Reporter reporter;
    private final ClientMetrics metrics;
    private final Watchdog watchdog;
    private final EventQueue<Delivery<FrameIntake.Arrival>> queue;
    private final FrameIntake intake;
    private final ConnectionSupervisor supervisor;
    /** The waitFor futures, read under the lock: a fatal failure fails them. */
    private final Supplier<List<CompletableFuture<?>>> waiters;

    // guarded by lock
    private Subscription planned = Subscription.EMPTY;
    private final IdentityHashMap<TransportConnection, Link> links = new IdentityHashMap<>();
    /**
     * An immutable copy of {@code links.values()}, replaced under the lock whenever {@code links}
     * changes: the transport threads look their link up here on every frame without the lock
     * (there are at most a handful of links, so a scan by identity beats a map).
     */
    private volatile Link[] linkSnapshot = new Link[0];
    private long linkSeq;
    private final List<Link> pendingNotices = new ArrayList<>();
    private CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when a link is connected (push layer said so); reset like {@link #ready}. */
    private CompletableFuture<Void> connected = new CompletableFuture<>();
    private boolean closed;
    /** The last failed connection attempt since a connection last opened: the cause of an await timeout. */
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    Connections(ClientConfig config, String id, Transport transport, ReentrantLock lock, Timers timers,
            Reporter reporter, ClientMetrics metrics, EventQueue<Delivery<FrameIntake.Arrival>> queue,
            Supplier<List<CompletableFuture<?>>> waiters) {
        this.config = config;
        this.id = id;
        this.endpoint = ServiceIds.withoutServiceId(config.endpoint());
        this.transport = transport;
        this.lock = lock;
        this.timers = timers;
        this.reporter = reporter;
        this.metrics = metrics;
        this.watchdog = new Watchdog(config);
        this.queue = queue;
        this.waiters = waiters;
        this.intake = new FrameIntake(config, metrics, queue, timers, new IntakeHost());
        this.supervisor = new ConnectionSupervisor(transport,
                ServiceIds.withQuery(config.endpoint(), config.environment(), config.serviceId()), config.connections(),
                new Backoff(config.backoffInitial(), config.backoffMultiplier(), config.backoffCap(), config.stablePeriod()),
                timers, config.random() != null ? config.random() : () -> ThreadLocalRandom.current().nextDouble(),
                new Links(this));
    }

    FrameIntake intake() {
        return intake;
    }

    ConnectionSupervisor supervisor() {
        return supervisor;
    }

    /** Starts the watchdog ticks. */
    void startWatchdogs() {
        timers.schedule(this::tick, config.tickNanos());
    }

    /** @return the last failed connection attempt since a connection opened, or null */
    Throwable lastFailure() {
        return lastFailure.get();
    }

    /** @return the plan the links follow. Lock held. */
    Subscription planned() {
        return planned;
    }

    /** Takes a new plan and sends the difference on every connection. Lock held. */
    void plan(Subscription plan) {
        planned = plan;
        for (Link l : links.values()) {
            if (l.live()) {
                send(l, l.sync.toward(planned, timers.nanoTime()));
                maybeReady(l);
            }
        }
    }

    /** Drops the plan without sending anything: the connections are about to close. Lock held. */
    void forgetPlan() {
        planned = Subscription.EMPTY;
    }

    /** @return the future of readiness or of connection; fresh ones when idle. Lock held. */
    CompletableFuture<Void> prepareStart() {
        if (!supervisor.isActive() && ready.isDone()) {
            ready = new CompletableFuture<>();
        }
        if (!supervisor.isActive() && connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        return ready;
    }

    /** @return the future of readiness or of connection. Lock held. */
    CompletableFuture<Void> future(boolean untilReady) {
        return untilReady ? ready : connected;
    }

    /** @return whether ready (or connected) and not closed. Lock held. */
    boolean is(boolean untilReady) {
        CompletableFuture<Void> f = future(untilReady);
        return !closed && f.isDone() && !f.isCompletedExceptionally();
    }

    /** @return whether a probe went out on any connection. Lock held. */
    boolean probeAll() {
        boolean any = false;
        if (!closed) {
            for (Link l : links.values()) {
                if (l.live()) {
                    probe(l);
                    any = true;
                }
            }
        }
        return any;
    }

    /** The client closed: fails the futures; the watchdogs stop. Lock held. */
    void close() {
        closed = true;
        ready.completeExceptionally(new IllegalStateException("the client was closed"));
        connected.completeExceptionally(new IllegalStateException("the client was closed"));
    }

    /** Writes commands to a link's connection. Lock held, so that commands go out in order. */
    private void send(Link l, List<ClientCommand> commands) {
        for (ClientCommand command : commands) {
            String text = config.codec().encode(command);
            l.connection.sendText(text).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.log(Level.DEBUG, () -> id + ": could not send " + command.action() + ": " + e);
                }
            });
        }
    }

    private void probe(Link l) {
        long now = timers.nanoTime();
        l.nextProbeAt = now + watchdog.probeIntervalNanos();
        send(l, List.of(l.sync.probe(now)));
    }

    /** Marks a link ready when it is; the first ready link makes the client ready. Lock held. */
    private void maybeReady(Link l) {
        if (!l.ready && l.pushConnected && (l.sync.confirmed() || planned.isEmpty())) {
            l.ready = true;
            l.readyAt = timers.nanoTime();
            l.nextProbeAt = l.readyAt + watchdog.probeIntervalNanos();
            pendingNotices.add(l);
        }
        if (l.ready && !ready.isDone()) {
            ready.complete(null);
            LOG.log(Level.DEBUG, () -> id + ": ready");
        }
    }

    /** Tells the supervisor and the listener about links that became ready. Lock NOT held. */
    void flushReadyNotices() {
        List<Link> done;
        lock.lock();
        try {
            if (pendingNotices.isEmpty()) {
                return;
            }
            done = new ArrayList<>(pendingNotices);
            pendingNotices.clear();
        } finally {
            lock.unlock();
        }
        for (Link l : done) {
            reporter.notify(l.slot, ConnectionEvent.Kind.READY, ConnectionCause.NONE, "", null);
            supervisor.promote(l.connection);
        }
    }

    /** The watchdogs: runs on the timer every tick, decides under the lock, acts after releasing it. */
    private void tick() {
        List<Map.Entry<Link, ConnectionCause>> unhealthy = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = timers.nanoTime();
            for (Link l : links.values()) {
                if (l.draining) {
                    continue; // replaced and closing: it only hands over what it still carries
                }
                ConnectionCause cause = watchdog.trips(l, now, planned);
                if (cause != null) {
                    if (!l.unhealthy) {
                        l.unhealthy = true;
                        unhealthy.add(Map.entry(l, cause));
                    }
                } else if (watchdog.probeDue(l, now)) {
                    probe(l);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            for (Map.Entry<Link, ConnectionCause> e : unhealthy) {
                Link l = e.getKey();
                metrics.trip(e.getValue());
                LOG.log(Level.WARNING, () -> id + ": connection " + l.slot + " is unhealthy (" + e.getValue()
                        + "); replacing it");
                supervisor.replace(l.connection, e.getValue());
            }
        } finally {
            timers.schedule(this::tick, config.tickNanos());
        }
    }

    private void onControl(Link l, ServerMessage m) {
        if (m instanceof Heartbeat h) {
            metrics.lastHeartbeat.set(clock.instant());
            long now = timers.nanoTime();
            lock.lock();
            try {
                l.lastHeartbeat = now;
                l.online.putAll(h.worlds());
            } finally {
                lock.unlock();
            }
            metrics.endpointStatus.putAll(h.worldNames());
        } else if (m instanceof ServiceStateChanged s) {
            metrics.endpointStatus.put(s.worldName(), s.online());
        } else if (m instanceof ConnectionStateChanged csc) {
            if (csc.connected()) {
                lock.lock();
                try {
                    if (!l.pushConnected) {
                        l.pushConnected = true;
                        connected.complete(null);
                        send(l, l.sync.toward(planned, timers.nanoTime()));
                        maybeReady(l);
                    }
                } finally {
                    lock.unlock();
                }
            } else {
                LOG.log(Level.WARNING, id + ": the push service lost its backend (connectionStateChanged false); reconnecting");
                metrics.trip(ConnectionCause.BACKEND_LOST);
                supervisor.restart(l.connection, ConnectionCause.BACKEND_LOST);
            }
        } else if (m instanceof SubscriptionReply reply) {
            onSubscriptionReply(l, reply);
        } else {
            LOG.log(Level.DEBUG, () -> id + ": " + m.getClass().getSimpleName());
        }
    }

    private void onSubscriptionReply(Link l, SubscriptionReply reply) {
        SubscriptionSync.Outcome o = null;
        lock.lock();
        try {
            o = l.sync.onReply(reply, planned, timers.nanoTime());
            if (o.drifted()) {
                metrics.drifts.incrementAndGet();
            }
            SubscriptionSync.Outcome out = o;
            switch (o.verdict()) {
                case SKIPPED -> { }
                case CONFIRMED -> maybeReady(l);
                case GAVE_UP -> {
                    LOG.log(Level.WARNING, id + ": the server's subscription still differs after a resubscribe ("
                            + o.drift() + "); not repairing again until the next probe");
                    maybeReady(l);
                }
                case DEFERRED -> {
                    // Repairs are rate-limited per connection (see SubscriptionSync).
                    LOG.log(Level.DEBUG, () -> id + ": the server's subscription still drifts; next repair in "
                            + out.seconds() + " s at the earliest");
                    maybeReady(l);
                }
                case REPAIR -> {
                    LOG.log(Level.WARNING, id + ": " + o.drift() + "; resubscribing (next repair on this connection not within "
                            + o.seconds() + " s)");
                    send(l, o.commands());
                }
            }
        } finally {
            lock.unlock();
            if (o != null && o.drifted()) {
                reporter.notify(l.slot, ConnectionEvent.Kind.DRIFT, driftCause(o.verdict()), o.drift(), null);
            }
        }
    }

    private static ConnectionCause driftCause(SubscriptionSync.Verdict v) {
        return switch (v) {
            case GAVE_UP -> ConnectionCause.SUBSCRIPTION_REPAIR_FAILED;
            case DEFERRED -> ConnectionCause.SUBSCRIPTION_REPAIR_DEFERRED;
            default -> ConnectionCause.SUBSCRIPTION_DRIFT;
        };
    }

    /** The supervisor's view: links come and go with connections. */
    private static final class Links implements ConnectionSupervisor.Session {
        private final Connections s;

        Links(Connections s) {
            this.s = s;
        }

        @Override
        public void opened(int slot, TransportConnection c) {
            s.reporter.opened();
            s.lock.lock();
            try {
                s.links.put(c, new Link(++s.linkSeq, slot, c, s.timers.nanoTime()));
                s.lastFailure.set(null);
                // published before request() below, so the first frame finds its link
                s.linkSnapshot = s.links.values().toArray(new Link[0]);
            } finally {
                s.lock.unlock();
            }
            LOG.log(Level.INFO, () -> s.id + ": connection " + slot + " open to " + s.endpoint + " ("
                    + s.config.environment().wireName() + ", " + ServiceIds.redact(s.config.serviceId()) + ") via "
                    + s.transport.name());
            c.request(s.queue.policy() == OverflowPolicy.BACKPRESSURE ? s.config.demandPerConnection() : Long.MAX_VALUE);
        }

        @Override
        public void text(TransportConnection c, String text) {
            s.intake.onFrame(c, text);
        }

        @Override
        public void draining(int slot, TransportConnection c) {
            s.lock.lock();
            try {
                Link l = s.links.get(c);
                if (l != null) {
                    l.draining = true;
                }
            } finally {
                s.lock.unlock();
            }
        }

        @Override
        public void closed(int slot, TransportConnection c, ConnectionCause cause, String detail) {
            s.lock.lock();
            try {
                s.links.remove(c);
                s.linkSnapshot = s.links.values().toArray(new Link[0]);
                boolean anyReady = s.links.values().stream().anyMatch(l -> l.ready && !l.draining);
                if (!anyReady && s.ready.isDone() && !s.closed) {
                    s.ready = new CompletableFuture<>();
                }
                boolean anyConnected = s.links.values().stream().anyMatch(Link::live);
                if (!anyConnected && s.connected.isDone() && !s.closed) {
                    s.connected = new CompletableFuture<>();
                }
            } finally {
                s.lock.unlock();
            }
            boolean expected = cause == ConnectionCause.CLIENT_CLOSE;
            LOG.log(expected ? Level.INFO : Level.WARNING, () -> s.id + ": connection " + slot + " closed (" + cause
                    + (detail.isEmpty() ? "" : ": " + detail) + ")"
                    + (expected ? "" : "; reconnecting"));
        }

        @Override
        public void failed(int slot, Throwable error, boolean fatal) {
            String detail = s.reporter.scrub(error);
            TransportException e;
            if (fatal && !(error instanceof TransportException te && te.httpStatus().orElse(0) == 403)) {
                e = new TransportException("could not connect to " + s.endpoint + " and retrying cannot help, so the "
                        + "client stopped connecting; the next addTrigger() or connect() tries again: " + detail, error, true);
            } else if (fatal) {
                e = new TransportException("the ESS rejected service id " + ServiceIds.redact(s.config.serviceId())
                        + " (HTTP 403); the client stopped connecting. Check the service id; the next addTrigger() or "
                        + "connect() tries again", error, OptionalInt.of(403), Optional.empty());
            } else {
                e = new TransportException("could not connect to " + s.endpoint + " (connection " + slot
                        + "; retrying with backoff): " + detail, error);
            }
            s.lastFailure.set(e);
            List<CompletableFuture<?>> pending = List.of();
            s.lock.lock();
            try {
                if (fatal) {
                    s.ready.completeExceptionally(e);
                    s.connected.completeExceptionally(e);
                    pending = s.waiters.get();
                }
            } finally {
                s.lock.unlock();
            }
            s.reporter.connectionFailed(e, fatal);
            for (CompletableFuture<?> f : pending) {
                f.completeExceptionally(e);
            }
        }

        @Override
        public void event(int slot, ConnectionEvent.Kind kind, ConnectionCause cause, String detail, Duration retryIn) {
            s.reporter.notify(slot, kind, cause, detail, retryIn);
        }
    }

    private final class IntakeHost implements FrameIntake.Host {
        @Override
        public Link[] links() {
            return linkSnapshot;
        }

        @Override
        public void control(Link l, ServerMessage m) {
            onControl(l, m);
        }

        @Override
        public void report(Throwable error) {
            reporter.report(error);
        }

        @Override
        public void afterControl() {
            flushReadyNotices();
        }
    }

}
