package dev.auraxium.internal.session;

import static dev.auraxium.internal.session.Reporter.LOG;

import dev.auraxium.event.AuraxiumException;
import dev.auraxium.event.ClientStats;
import dev.auraxium.event.ConnectionEvent;
import dev.auraxium.event.Event;
import dev.auraxium.event.OverflowPolicy;
import dev.auraxium.event.Trigger;
import dev.auraxium.internal.client.ServiceIds;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.dispatch.Delivery;
import dev.auraxium.internal.dispatch.Dispatcher;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.internal.dispatch.Registration;
import dev.auraxium.internal.subscription.SubscriptionPlanner;
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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The working part of an {@code EventClient} (which documents the behaviour, lifecycle and
 * threading): one lock over the triggers, the planned subscription, the links (one per open
 * connection) and the ready/connected futures. It wires the {@link ConnectionSupervisor} (which
 * opens and replaces connections) to the {@link FrameIntake} (frames in), the
 * {@link SubscriptionSync} of each link (commands out, replies in), the {@link Watchdog} (on a
 * timer tick) and the {@link Dispatcher} (actions). Decisions are taken under the lock; the
 * supervisor, the listener and the error handler are called after releasing it.
 */
public final class ClientSession {
    private final ClientConfig config;
    private final String id;
    private final URI endpoint;
    private final Transport transport;
    private final boolean ownsTransport;
    private final EventQueue<Delivery> queue;
    private final Timers timers;
    private final Clock clock = Clock.systemUTC();
    private final long tickNanos;
    private final Reporter reporter;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Watchdog watchdog;
    private final FrameIntake intake;
    private final Dispatcher dispatcher;
    private final ConnectionSupervisor supervisor;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final TriggerRegistry registry = new TriggerRegistry();
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
    private final Set<CompletableFuture<?>> waiters = new LinkedHashSet<>();
    private boolean closed;
    /** The last failed connection attempt since a connection last opened: the cause of an await timeout. */
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    /**
     * Creates the client's parts, starts its dispatch thread and watchdog timer; does not connect.
     *
     * @param config the configuration
     * @param transport the transport to use
     * @param ownsTransport whether {@link #close()} closes the transport
     * @param id the client's name in logs and thread names
     */
    public ClientSession(ClientConfig config, Transport transport, boolean ownsTransport, String id) {
        this.config = config;
        this.id = id;
        this.endpoint = ServiceIds.withoutServiceId(config.endpoint()); // printed in logs: never with an id in it
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.queue = new EventQueue<>(config.queueCapacity(), config.overflowPolicy());
        this.timers = config.timers() != null ? config.timers() : Timers.system(id + "-timer");
        this.tickNanos = config.tickNanos();
        this.reporter = new Reporter(id, config);
        this.watchdog = new Watchdog(config);
        this.intake = new FrameIntake(config, metrics, queue, timers, new IntakeHost());
        this.dispatcher = new Dispatcher(id + "-dispatch", queue, registry.index(), config.actionExecutor(),
                new DispatchHost());
        this.supervisor = new ConnectionSupervisor(transport,
                ServiceIds.withQuery(config.endpoint(), config.environment(), config.serviceId()), config.connections(),
                new Backoff(config.backoffInitial(), config.backoffMultiplier(), config.backoffCap(), config.stablePeriod()),
                timers, config.random() != null ? config.random() : () -> ThreadLocalRandom.current().nextDouble(),
                new Links(this));
        dispatcher.start();
        timers.schedule(this::tick, tickNanos);
    }

    // ---------------------------------------------------------------- triggers

    /** Registers triggers (all or nothing) and sends the new plan; starts connecting when idle. */
    public void add(List<? extends Trigger<?>> batch, String twiceMessage) {
        lock.lock();
        try {
            checkOpen();
            Set<String> names = new HashSet<>();
            for (Trigger<?> t : batch) {
                registry.checkFree(t.name());
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException(twiceMessage.replace("{}", t.name()));
                }
            }
            batch.forEach(t -> registry.register(t, t));
            replan();
        } finally {
            lock.unlock();
        }
        startIfIdle();
    }

    /** @return the trigger of that name, as the user gave it */
    public Optional<Trigger<?>> trigger(String name) {
        lock.lock();
        try {
            return registry.origin(name);
        } finally {
            lock.unlock();
        }
    }

    /** @return the triggers as the users gave them, in registration order */
    public List<Trigger<?>> triggers() {
        lock.lock();
        try {
            return registry.origins();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a registered trigger, found by name, when {@code expected} is null or is it.
     *
     * @throws IllegalArgumentException when it is not registered
     */
    public void remove(String name, Trigger<?> expected, boolean keepAlive) {
        Registration r;
        lock.lock();
        try {
            r = registry.get(name);
            if (expected != null && (r == null || r.origin() != expected)) {
                throw new IllegalArgumentException("trigger '" + name + "' is not registered with this client");
            } else if (r == null) {
                throw new IllegalArgumentException("no trigger named '" + name + "' is registered with this client");
            }
        } finally {
            lock.unlock();
        }
        remove(r, keepAlive, true);
    }

    /** Removes a registration if it is still registered. */
    private void remove(Registration r, boolean keepAlive, boolean awaitAction) {
        boolean stop;
        lock.lock();
        try {
            if (!registry.remove(r)) {
                return;
            }
            stop = registry.isEmpty() && !keepAlive;
            if (!stop) {
                replan();
            } else {
                planned = Subscription.EMPTY;
            }
        } finally {
            lock.unlock();
        }
        if (stop) {
            supervisor.stop(false);
        }
        flushReadyNotices();
        if (awaitAction) {
            r.awaitIdle();
        }
    }

    /**
     * See {@code EventClient.waitFor}: registers the triggers given, with their actions replaced.
     *
     * @param withAction gives a copy of a trigger with another action and the same name
     */
    public <E extends Event> CompletableFuture<E> waitFor(Duration timeout, List<Trigger<? extends E>> originals,
            BiFunction<Trigger<?>, Consumer<Object>, Trigger<?>> withAction) {
        CompletableFuture<E> result = new CompletableFuture<>();
        CompletableFuture<E> caller = new CompletableFuture<>();
        List<Registration> regs = new ArrayList<>();
        lock.lock();
        try {
            checkOpen();
            Set<String> names = new LinkedHashSet<>();
            for (Trigger<?> t : originals) {
                registry.checkFree(t.name());
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("waitFor was given two triggers named '" + t.name() + "'");
                }
            }
            for (Trigger<? extends E> t : originals) {
                // A trigger only accepts events of its type parameter (see Trigger): the cast holds.
                @SuppressWarnings("unchecked")
                Consumer<Object> complete = e -> result.complete((E) e);
                regs.add(registry.register(withAction.apply(t, complete), t));
            }
            waiters.add(result);
            replan();
        } finally {
            lock.unlock();
        }
        Timers.Cancellable timer = null;
        if (!timeout.isZero() && !timeout.isNegative()) {
            List<String> names = new ArrayList<>();
            originals.forEach(t -> names.add(t.name()));
            timer = timers.schedule(() -> result.completeExceptionally(new TimeoutException(
                    "no event matched " + names + " within " + timeout)), timeout.toNanos());
        }
        Timers.Cancellable t = timer;
        result.whenComplete((e, error) -> {
            if (t != null) {
                t.cancel();
            }
            lock.lock();
            try {
                waiters.remove(result);
            } finally {
                lock.unlock();
            }
            for (Registration r : regs) {
                // Never wait here: this runs inside one of these triggers' actions.
                remove(r, false, false);
            }
            // The caller's future completes only now, so whoever sees it done finds the triggers gone.
            if (error != null) {
                caller.completeExceptionally(error);
            } else {
                caller.complete(e);
            }
        });
        caller.whenComplete((e, error) -> {
            if (caller.isCancelled()) {
                result.cancel(false);
            }
        });
        startIfIdle();
        return caller;
    }

    /** @return the subscription the triggers need now */
    public Subscription planned() {
        lock.lock();
        try {
            return planned;
        } finally {
            lock.unlock();
        }
    }

    /** Recomputes the plan and sends the difference on every connection. Lock held. */
    private void replan() {
        planned = SubscriptionPlanner.plan(registry.registered(), config.environment());
        for (Link l : links.values()) {
            if (l.live()) {
                send(l, l.sync.toward(planned, timers.nanoTime()));
                maybeReady(l);
            }
        }
    }

    // ---------------------------------------------------------------- connection

    /** @return completes (on a pool thread) when ready; starts connecting */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> f;
        lock.lock();
        try {
            checkOpen();
            f = prepareStart();
        } finally {
            lock.unlock();
        }
        supervisor.start();
        // The internal future completes under the client's lock; the caller's copy must not.
        CompletableFuture<Void> out = new CompletableFuture<>();
        f.whenCompleteAsync((v, error) -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(v);
            }
        });
        return out;
    }

    /** See {@code EventClient.awaitReady} and {@code awaitConnected}. */
    public void await(Duration timeout, boolean untilReady) throws InterruptedException, TimeoutException {
        CompletableFuture<Void> f;
        lock.lock();
        try {
            checkOpen();
            f = untilReady ? ready : connected;
            if (!f.isDone() && !supervisor.isActive()) {
                throw new IllegalStateException("the client is not connecting: add a trigger or call connect() first");
            }
        } finally {
            lock.unlock();
        }
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuraxiumException ae) {
                throw ae;
            }
            throw new AuraxiumException("the connection failed: " + c, c);
        } catch (TimeoutException e) {
            Throwable last = lastFailure.get();
            String state;
            if (isConnected()) {
                state = "connected, but the server has not confirmed the subscription (events are delivered all the same)";
            } else {
                state = "not connected" + (last != null ? "; last failure: " + reporter.scrub(last) : "");
            }
            TimeoutException out = new TimeoutException("the client was not " + (untilReady ? "ready" : "connected")
                    + " within " + timeout + ": " + state);
            if (last != null) {
                out.initCause(last);
            }
            throw out;
        }
    }

    public boolean isReady() {
        lock.lock();
        try {
            return !closed && ready.isDone() && !ready.isCompletedExceptionally();
        } finally {
            lock.unlock();
        }
    }

    public boolean isConnected() {
        lock.lock();
        try {
            return !closed && connected.isDone() && !connected.isCompletedExceptionally();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connections; triggers stay. */
    public void disconnect() {
        supervisor.stop(false);
    }

    /** @return whether a probe went out on any connection */
    public boolean verifySubscription() {
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
        }
    }

    /** Queues an event as if it had arrived; waits for room unless on the dispatch thread. */
    public void dispatch(Event event) {
        lock.lock();
        try {
            checkOpen();
        } finally {
            lock.unlock();
        }
        try {
            if (dispatcher.isDispatchThread()) {
                // Only this thread empties the queue: waiting for room here would wait forever.
                queue.offer(new Delivery(event, null));
            } else {
                queue.put(new Delivery(event, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + event.eventName(), e);
        }
    }

    public Map<String, Boolean> endpointStatus() {
        return metrics.endpointStatus();
    }

    public ClientStats stats() {
        return metrics.snapshot(queue, intake.dedup(), dispatcher, supervisor);
    }

    /** Ends everything; idempotent. */
    public void close() {
        List<CompletableFuture<?>> pending;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pending = new ArrayList<>(waiters);
            ready.completeExceptionally(new IllegalStateException("the client was closed"));
            connected.completeExceptionally(new IllegalStateException("the client was closed"));
        } finally {
            lock.unlock();
        }
        supervisor.stop(true);
        AuraxiumException closedError = new AuraxiumException("the client was closed");
        pending.forEach(f -> f.completeExceptionally(closedError));
        dispatcher.stop(2_000);
        timers.shutdown();
        if (ownsTransport) {
            transport.close();
        }
    }

    /** @return e.g. {@code "triggers=3, closed"} for the client's toString */
    public String describe() {
        return "triggers=" + registry.size() + (closed ? ", closed" : "");
    }

    /** @return see {@link ClientMetrics#lagMillis} */
    public static long lagMillis(long nowMillis, java.time.Instant timestamp) {
        return ClientMetrics.lagMillis(nowMillis, timestamp);
    }

    // ---------------------------------------------------------------- internals

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
    }

    private CompletableFuture<Void> prepareStart() {
        if (!supervisor.isActive() && ready.isDone()) {
            ready = new CompletableFuture<>();
        }
        if (!supervisor.isActive() && connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        return ready;
    }

    private void startIfIdle() {
        flushReadyNotices();
        lock.lock();
        try {
            if (closed || supervisor.isActive() || registry.isEmpty()) {
                return;
            }
            prepareStart();
        } finally {
            lock.unlock();
        }
        supervisor.start();
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
    private void flushReadyNotices() {
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
            reporter.notify(l.slot, ConnectionEvent.Kind.READY, "", null);
            supervisor.promote(l.connection);
        }
    }

    /** The watchdogs: runs on the timer every tick, decides under the lock, acts after releasing it. */
    private void tick() {
        List<Map.Entry<Link, String>> unhealthy = new ArrayList<>();
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
                String cause = watchdog.trips(l, now, planned);
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
            for (Map.Entry<Link, String> e : unhealthy) {
                Link l = e.getKey();
                metrics.trip(e.getValue());
                LOG.log(Level.WARNING, () -> id + ": connection " + l.slot + " is unhealthy (" + e.getValue()
                        + "); replacing it");
                supervisor.replace(l.connection, e.getValue());
            }
        } finally {
            timers.schedule(this::tick, tickNanos);
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
                metrics.trip("connectionStateChanged");
                supervisor.restart(l.connection, "connectionStateChanged");
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
                reporter.notify(l.slot, ConnectionEvent.Kind.DRIFT, o.drift(), null);
            }
        }
    }

    /** The supervisor's view: links come and go with connections. */
    private static final class Links implements ConnectionSupervisor.Session {
        private final ClientSession s;

        Links(ClientSession s) {
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
        public void closed(int slot, TransportConnection c, String cause) {
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
            boolean expected = cause.equals("disconnect") || cause.equals("replaced");
            LOG.log(expected ? Level.INFO : Level.WARNING, () -> s.id + ": connection " + slot + " closed (" + cause + ")"
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
                    pending = new ArrayList<>(s.waiters);
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
        public void event(int slot, ConnectionEvent.Kind kind, String cause, Duration retryIn) {
            s.reporter.notify(slot, kind, cause, retryIn);
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

    private final class DispatchHost implements Dispatcher.Host {
        @Override
        public void taken(Object source, int count) {
            intake.demand((TransportConnection) source, count);
        }

        @Override
        public void removeFired(Registration r) {
            remove(r, false, false);
        }

        @Override
        public void report(Throwable error) {
            reporter.report(error);
        }

        @Override
        public Event decode(Object item, Object source) {
            return intake.decode((FrameIntake.Arrival) item);
        }
    }
}
