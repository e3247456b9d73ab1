package dev.auraxium.internal.session;

import dev.auraxium.AuraxiumException;
import dev.auraxium.event.Event;
import dev.auraxium.event.Trigger;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.dispatch.Delivery;
import dev.auraxium.internal.dispatch.Dispatcher;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.internal.dispatch.Registration;
import dev.auraxium.internal.subscription.SubscriptionPlanner;
import dev.auraxium.internal.transport.ConnectionSupervisor;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The working part of an {@code EventClient} (which documents the behaviour, lifecycle and
 * threading), on the trigger side: the {@link TriggerRegistry} and the plan derived from it,
 * {@code waitFor}, the queue and the {@link Dispatcher}, the lifecycle and the stats. The
 * connection side (links, control messages, watchdogs, readiness) is {@link Connections}, under the
 * same lock. Decisions are taken under the lock; the supervisor, the listener and the error handler
 * are called after releasing it.
 */
public final class ClientSession {
    private final ClientConfig config;
    private final String id;
    private final Transport transport;
    private final boolean ownsTransport;
    private final EventQueue<Delivery<FrameIntake.Arrival>> queue;
    private final Timers timers;
    private final Reporter reporter;
    private final ClientMetrics metrics = new ClientMetrics();
    private final Dispatcher<FrameIntake.Arrival> dispatcher;
    private final Connections connections;
    private final ConnectionSupervisor supervisor;

    /** The client's one lock, shared with {@link Connections}. */
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final TriggerRegistry registry = new TriggerRegistry();
    private final Set<CompletableFuture<?>> waiters = new LinkedHashSet<>();
    private boolean closed;

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
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.queue = new EventQueue<>(config.queueCapacity(), config.overflowPolicy());
        this.timers = config.timers() != null ? config.timers() : Timers.system(id + "-timer");
        this.reporter = new Reporter(id, config);
        this.connections = new Connections(config, id, transport, lock, timers, reporter, metrics, queue,
                () -> new ArrayList<>(waiters));
        this.supervisor = connections.supervisor();
        this.dispatcher = new Dispatcher<>(id + "-dispatch", queue, registry.index(), config.actionExecutor(),
                new DispatchHost());
        dispatcher.start();
        connections.startWatchdogs();
    }

    // ---------------------------------------------------------------- triggers

    /** Registers triggers (all or nothing) and sends the new plan; starts connecting when idle. */
    public void add(List<? extends Trigger<?>> batch, String twiceMessage) {
        lock.lock();
        try {
            checkOpen();
            registry.checkFree(batch, twiceMessage);
            batch.forEach(t -> registry.register(t, t));
            replan();
        } finally {
            lock.unlock();
        }
        startIfIdle();
    }

    /** @return the trigger of that name, as the user gave it */
    public Optional<Trigger<?>> trigger(String name) {
        return locked(() -> registry.origin(name));
    }

    /** @return the triggers as the users gave them, in registration order */
    public List<Trigger<?>> triggers() {
        return locked(() -> registry.origins());
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
                connections.forgetPlan(); // the connections close: nothing to send
            }
        } finally {
            lock.unlock();
        }
        if (stop) {
            supervisor.stop(false);
        }
        connections.flushReadyNotices();
        if (awaitAction) {
            r.awaitIdle();
        }
    }

    /** @return {@code first} and {@code more} in a list, each checked for null */
    @SafeVarargs
    public static <T> List<T> listOf(T first, T... more) {
        List<T> out = new ArrayList<>(1 + more.length);
        out.add(Objects.requireNonNull(first, "first"));
        for (T t : more) {
            out.add(Objects.requireNonNull(t, "trigger must not be null"));
        }
        return out;
    }

    /**
     * See {@code EventClient.waitFor}: registers copies of the triggers given
     * ({@link Trigger#withAction}) whose action completes the future.
     */
    public <E extends Event> CompletableFuture<E> waitFor(Duration timeout, List<Trigger<? extends E>> originals) {
        CompletableFuture<E> result = new CompletableFuture<>();
        CompletableFuture<E> caller = new CompletableFuture<>();
        List<Registration> regs = new ArrayList<>();
        lock.lock();
        try {
            checkOpen();
            registry.checkFree(originals, "waitFor was given two triggers named '{}'");
            for (Trigger<? extends E> t : originals) {
                // A trigger only accepts events of its type parameter (see Trigger): the cast holds.
                @SuppressWarnings("unchecked")
                Consumer<Object> complete = e -> result.complete((E) e);
                regs.add(registry.register(t.withAction(complete), t));
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
        return locked(() -> connections.planned());
    }

    /** Recomputes the plan and sends the difference on every connection. Lock held. */
    private void replan() {
        connections.plan(SubscriptionPlanner.plan(registry.registered(), config.environment()));
    }

    // ---------------------------------------------------------------- connection

    /** @return completes (on a pool thread) when ready; starts connecting */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> f;
        lock.lock();
        try {
            checkOpen();
            f = connections.prepareStart();
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
            f = connections.future(untilReady);
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
            Throwable last = connections.lastFailure();
            String state;
            if (is(false)) {
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

    /** @return whether the client is ready ({@code true}) or connected ({@code false}), and open */
    public boolean is(boolean ready) {
        return locked(() -> connections.is(ready));
    }

    /** Closes the connections; triggers stay. */
    public void disconnect() {
        supervisor.stop(false);
    }

    /** @return whether a probe went out on any connection */
    public boolean verifySubscription() {
        return locked(() -> connections.probeAll());
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
                queue.offer(Delivery.ofEvent(event, null));
            } else {
                queue.put(Delivery.ofEvent(event, null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + event.eventName(), e);
        }
    }

    public Map<String, Boolean> endpointStatus() {
        return metrics.endpointStatus();
    }

    public StatsSnapshot stats() {
        return metrics.snapshot(queue, connections.intake().dedup(), dispatcher, supervisor);
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
            connections.close();
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

    // ---------------------------------------------------------------- internals

    /** @return what {@code read} returns, read under the lock */
    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
    }

    private void startIfIdle() {
        connections.flushReadyNotices();
        lock.lock();
        try {
            if (closed || supervisor.isActive() || registry.isEmpty()) {
                return;
            }
            connections.prepareStart();
        } finally {
            lock.unlock();
        }
        supervisor.start();
    }

    private final class DispatchHost implements Dispatcher.Host<FrameIntake.Arrival> {
        @Override
        public void taken(TransportConnection source, int count) {
            connections.intake().demand(source, count);
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
        public Event decode(FrameIntake.Arrival frame) {
            return connections.intake().decode(frame);
        }
    }
}
