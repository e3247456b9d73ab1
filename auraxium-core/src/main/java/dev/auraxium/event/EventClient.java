package dev.auraxium.event;

import dev.auraxium.internal.client.FrameCodec;
import dev.auraxium.internal.client.ServiceIds;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.dispatch.Deduplicator;
import dev.auraxium.internal.dispatch.Delivery;
import dev.auraxium.internal.dispatch.Dispatcher;
import dev.auraxium.internal.dispatch.EventQueue;
import dev.auraxium.internal.dispatch.Registration;
import dev.auraxium.internal.dispatch.TriggerIndex;
import dev.auraxium.internal.subscription.SubscriptionDiff;
import dev.auraxium.internal.subscription.SubscriptionPlanner;
import dev.auraxium.internal.transport.Backoff;
import dev.auraxium.internal.transport.ConnectionSupervisor;
import dev.auraxium.internal.transport.TransportDiscovery;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.Heartbeat;
import dev.auraxium.protocol.InvalidFieldException;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.IdentityHashMap;
import java.util.HashMap;

/**
 * A client of the PlanetSide 2 Event Streaming Service: it keeps one WebSocket connection,
 * subscribes exactly what its {@link Trigger}s need, and runs their actions for matching events.
 *
 * <pre>{@code
 * try (EventClient client = EventClient.builder()
 *         .serviceId("s:example")
 *         .environment(Environment.PS2)
 *         .build()) {                                   // resolves the transport; fails fast if none
 *     client.on(Death.class, d -> System.out.println(d.attackerCharacterId() + " killed " + d.characterId()));
 *     client.awaitReady(Duration.ofSeconds(10));        // connected and subscription confirmed
 *     PlayerLogin login = client.waitFor(Duration.ofSeconds(30), Trigger.on(PlayerLogin.class).build()).join();
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #builder()}{@code .build()} creates the client, its dispatch thread and chooses the
 * transport, but does not connect. The first {@link #addTrigger} (or {@link #connect()}) opens the
 * connection; removing the last trigger closes it unless {@code keepAlive} is passed.
 * {@link #close()} ends everything, may be called from any thread (a trigger action too), during a
 * connect or a reconnect backoff, and is idempotent; it leaves no thread behind.
 *
 * <p><b>Connected and ready</b> are two states. <em>Connected</em> ({@link #isConnected()},
 * {@link #awaitConnected}): a connection is open, the server said it is connected, and the client
 * has sent its subscription; events flow from here on. <em>Ready</em> ({@link #isReady()},
 * {@link #awaitReady}): connected, and the server confirmed the subscription. Events never wait
 * for readiness, so against a server that does not answer subscribe commands the client is
 * connected and delivers events without ever being ready.
 *
 * <h2>Staying connected</h2>
 * <ul>
 *   <li><b>Reconnect.</b> After an unexpected close, an I/O error, a failed attempt (5xx, 429,
 *       timeouts) or a {@code connectionStateChanged} of false, the client reconnects after an
 *       exponential backoff with full jitter ({@link Builder#reconnectBackoff}); the retry count is
 *       reset by a connection that stayed open for {@link Builder#stablePeriod}. Every new
 *       connection is subscribed again. An HTTP 403 on the upgrade (rejected service id) is fatal:
 *       the client stops connecting, reports it to the error handler, and fails
 *       {@link #awaitReady}, {@link #connect()} and pending {@link #waitFor} futures with a
 *       {@link TransportException}; triggers stay registered, and a later {@link #addTrigger} or
 *       {@link #connect()} tries again.</li>
 *   <li><b>Watchdogs.</b> No heartbeat within {@link Builder#heartbeatTimeout} (about two of the
 *       server's 30 s intervals), no reply to a subscription probe within
 *       {@link Builder#subscriptionProbeTimeout}, or, when enabled, a world that heartbeats call
 *       online but that sent no event for {@link Builder#worldSilenceTimeout}: the connection is
 *       replaced <em>make-before-break</em> (a new one is opened and subscribed, then the old one
 *       is closed), so no event window is lost. A probe reply that shows a drifted subscription
 *       is repaired by resubscribing.</li>
 *   <li><b>Redundancy.</b> {@link Builder#connections(int)} keeps n connections with the same
 *       subscription.</li>
 *   <li><b>Duplicates.</b> Events are deduplicated by their whole payload within
 *       {@link Builder#deduplicate a window}: each distinct payload is delivered as many times as
 *       the one connection that saw it most often saw it, so copies across connections are dropped
 *       while repeats on one connection (real, repeated GainExperience ticks) survive; optionally
 *       repeats on one connection are dropped as well. Memory is bounded by
 *       {@link Builder#deduplicationCapacity}.</li>
 * </ul>
 * Every reconnect and replacement is counted by cause in {@link #stats()} and reported to the
 * {@link Builder#connectionListener connection listener}.
 *
 * <h2>Subscriptions</h2>
 * The client derives one subscription from all triggers and keeps the server's copy equal to it:
 * additions with {@code subscribe}, removals with {@code clearSubscribe}, the whole subscription
 * again on every new connection. It never asks for less than the triggers can accept under the
 * server's matching rules ({@link Subscription#selects}); {@link Trigger#check} drops the surplus.
 * Every {@link Builder#subscriptionProbeInterval(Duration)} (and on {@link #verifySubscription()})
 * it sends an empty {@code subscribe}; a reply that differs from what the server should hold is
 * counted as a drift and repaired by clearing and resubscribing, at most once per 30 s on a
 * connection (the interval doubling, up to 10 minutes, while the drift persists), so that no
 * pattern of server replies can make the client send more than a few commands a minute.
 *
 * <h2>Threading</h2>
 * All public methods are thread-safe and may be called from any thread, including from trigger
 * actions. The client owns one <em>dispatch thread</em> that, for each event in arrival order,
 * finds the candidate triggers (an index by event name, character and world, so the work does not
 * grow with unrelated triggers), checks them, and runs the actions one after another, in
 * registration order. With {@link Builder#actionExecutor(Executor)} the actions run on that
 * executor instead (and may then run concurrently and out of order). An action or condition that
 * throws is wrapped in a {@link TriggerActionException} and given to the error handler; the other
 * triggers and the stream go on. Single-shot triggers are removed before their action runs. When
 * {@link #removeTrigger} returns, the trigger's action is not running and will not run again; it
 * waits for a running action of that trigger to return (unless called from that action).
 * Event frames pass from the transport's thread to the dispatch thread through a bounded queue
 * ({@link Builder#queueCapacity(int)}), with {@code request(n)} flow control or a dropping
 * {@link OverflowPolicy}, and are decoded and deduplicated there (with the
 * {@linkplain Builder#worldSilenceTimeout world-silence watchdog} on, on the transport's thread);
 * control frames (heartbeats, subscription replies) are handled on the transport's thread as they
 * arrive. The error handler runs on whichever thread met the error.
 *
 * <h2>Errors and logging: each failure is reported once</h2>
 * The client logs through {@link System.Logger} (logger name {@code dev.auraxium.event.EventClient}).
 * <ul>
 *   <li><b>Failures</b> (an action or condition that threw, a frame that does not decode, a failed
 *       connection attempt, a rejected service id) go to the {@link Builder#errorHandler error
 *       handler}. Without one, the default handler logs them: a rejected service id at ERROR, the
 *       others at WARNING; while reconnect attempts keep failing, only the first failure of the
 *       series is logged at WARNING, the later ones at DEBUG, until a connection opens. With a
 *       handler, every failure goes to it and the client logs it at DEBUG only, never at WARNING
 *       or ERROR.</li>
 *   <li><b>State changes</b> are logged once each, handler or not: a connection opened (INFO),
 *       closed on request (INFO) or lost (WARNING), replaced by a watchdog (WARNING), a drifted
 *       subscription repaired (WARNING). They are not failures: the
 *       {@link Builder#connectionListener connection listener} hears of them, the error handler
 *       does not.</li>
 *   <li>An error handler or connection listener that throws is logged at WARNING.</li>
 * </ul>
 *
 * <p>The service id is a credential: it never appears whole in logs, exceptions or
 * {@link #toString()}.
 */
public final class EventClient implements AutoCloseable {
    /** The live ESS endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("wss://push.planetside2.com/streaming");
    /** The documented example service id, used when none is given (throttled; fine for tests). */
    public static final String DEFAULT_SERVICE_ID = "s:example";
    /** The default queue capacity. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** The default bound of the first reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_INITIAL = Duration.ofSeconds(1);
    /** The default growth of the reconnect delay bound per retry. */
    public static final double DEFAULT_RECONNECT_MULTIPLIER = 2.0;
    /** The default largest reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_CAP = Duration.ofMinutes(2);
    /** The default time a connection must stay open to reset the reconnect backoff. */
    public static final Duration DEFAULT_STABLE_PERIOD = Duration.ofMinutes(1);
    /** The default heartbeat watchdog: about two of the server's 30 s heartbeat intervals. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(65);
    /** The default time to wait for a subscription reply before replacing the connection. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** The default deduplication window. */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofSeconds(10);
    /** The default cap on deduplication keys (about 150 bytes each: ≈ 15 MB). */
    public static final int DEFAULT_DEDUP_CAPACITY = 100_000;
    /** The default interval of subscription probes. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(EventClient.class.getName());
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();
    /** Marks a per-event statistic that was never set. */
    private static final long NONE = Long.MIN_VALUE;
    /** World ids from 0 below this (all real ones) have a slot in an array; others go to a map. */
    private static final int WORLD_SLOTS = 4096;

    private final String serviceId;
    private final Environment environment;
    private final URI endpoint;
    private final Transport transport;
    private final boolean ownsTransport;
    private final FrameCodec codec;
    private final EventQueue<Delivery> queue;
    private final Consumer<? super Throwable> errorHandler;
    /** Whether the user gave the error handler: the client then logs what it hands over at DEBUG only. */
    private final boolean userErrorHandler;
    /** Set by a failed connection attempt, cleared by an opened connection: one WARNING per failing series. */
    private final java.util.concurrent.atomic.AtomicBoolean failingSeries = new java.util.concurrent.atomic.AtomicBoolean();
    private final Timers timers;
    private final Deduplicator dedup;
    private final ConnectionListener connectionListener;
    private final long heartbeatTimeoutNanos;
    private final long probeIntervalNanos;
    private final long probeTimeoutNanos;
    private final long silenceNanos;
    /**
     * The queue's capacity shared among the connections that can be open at once (n, plus a
     * replacement overlapping one of them), so that together they never send more than fits.
     */
    private final int demandPerConnection;
    private final long tickNanos;
    private final Dispatcher dispatcher;
    private final ConnectionSupervisor supervisor;
    private final TriggerIndex index = new TriggerIndex();
    private final Clock clock = Clock.systemUTC();
    private final String id;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final LinkedHashMap<String, Registration> triggers = new LinkedHashMap<>();
    private long seq;
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

    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong drifts = new AtomicLong();
    /** The least time between two subscription repairs on one connection, doubling up to the cap. */
    private static final long REPAIR_BACKOFF_INITIAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long REPAIR_BACKOFF_CAP_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Events delivered without a field whose value was of the wrong kind, by "EventName.field". */
    private final ConcurrentHashMap<String, AtomicLong> invalidFields = new ConcurrentHashMap<>();
    /** The last failed connection attempt since a connection last opened: the cause of an await timeout. */
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>();
    private final ConcurrentHashMap<String, AtomicLong> watchdogTrips = new ConcurrentHashMap<>();
    /*
     * Per-event statistics are kept as epoch millis and millis of lag, written without allocating
     * on the transport threads; stats() turns them into Instants and Durations.
     */
    private final AtomicLongArray lastEventByWorldMillis = new AtomicLongArray(WORLD_SLOTS);
    private final ConcurrentHashMap<Integer, AtomicLong> lastEventByOtherWorldMillis = new ConcurrentHashMap<>();
    private volatile long lastLagMillis = NONE;
    private final AtomicLong maxLagMillis = new AtomicLong(NONE);
    private final ConcurrentHashMap<String, Boolean> endpointStatus = new ConcurrentHashMap<>();

    private EventClient(Builder b, Transport transport, boolean ownsTransport) {
        this.serviceId = b.serviceId;
        this.environment = b.environment;
        this.endpoint = ServiceIds.withoutServiceId(b.endpoint); // printed in logs: never with an id in it
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.codec = b.codec;
        this.queue = new EventQueue<>(b.queueCapacity, b.overflowPolicy);
        this.errorHandler = b.errorHandler != null ? b.errorHandler : this::logError;
        this.userErrorHandler = b.errorHandler != null;
        this.id = "auraxium-" + CLIENT_SEQ.incrementAndGet();
        for (int w = 0; w < WORLD_SLOTS; w++) {
            lastEventByWorldMillis.set(w, NONE);
        }
        this.timers = b.timers != null ? b.timers : Timers.system(id + "-timer");
        this.dedup = new Deduplicator(b.dedupWindow.toNanos(), b.dedupWithinConnection, b.dedupCapacity);
        this.connectionListener = b.connectionListener;
        this.heartbeatTimeoutNanos = b.heartbeatTimeout.toNanos();
        this.probeIntervalNanos = b.probeInterval.toNanos();
        this.probeTimeoutNanos = b.probeTimeout.toNanos();
        this.silenceNanos = b.worldSilence.toNanos();
        this.demandPerConnection = Math.max(1, b.queueCapacity / (b.connections + 1));
        long shortest = Long.MAX_VALUE;
        for (long t : new long[] {heartbeatTimeoutNanos, probeIntervalNanos, probeTimeoutNanos, silenceNanos}) {
            if (t > 0) {
                shortest = Math.min(shortest, t);
            }
        }
        // checks run a few times per shortest period, so a watchdog trips at most ~25% late
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(5), shortest == Long.MAX_VALUE ? Long.MAX_VALUE : shortest / 4));
        this.dispatcher = new Dispatcher(id + "-dispatch", queue, index, b.actionExecutor, new DispatchHost());
        this.supervisor = new ConnectionSupervisor(transport, ServiceIds.withQuery(b.endpoint, b.environment, b.serviceId),
                b.connections, new Backoff(b.backoffInitial, b.backoffMultiplier, b.backoffCap, b.stablePeriod),
                timers, b.random != null ? b.random : () -> ThreadLocalRandom.current().nextDouble(), new Session());
        dispatcher.start();
        timers.schedule(this::tick, tickNanos);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- triggers

    /**
     * Registers a trigger; the first one opens the connection.
     *
     * @param trigger the trigger, whose name no registered trigger has
     * @param <E> the trigger's event type
     * @return the trigger
     * @throws IllegalArgumentException when a trigger of that name is registered
     * @throws IllegalStateException when the client is closed
     */
    public <E extends Event> Trigger<E> addTrigger(Trigger<E> trigger) {
        Objects.requireNonNull(trigger, "trigger");
        lock.lock();
        try {
            checkOpen();
            checkFree(trigger.name());
            register(trigger);
            replan();
        } finally {
            lock.unlock();
        }
        startIfIdle();
        return trigger;
    }

    /**
     * Registers several triggers at once: the subscription is planned and sent once for all of
     * them, where adding them one by one replans it after each (the planner's cost grows with the
     * number of triggers, so adding thousands one by one costs quadratic time). All or nothing:
     * when one name is taken, or used twice in {@code batch}, none is registered.
     *
     * @param batch the triggers, with names unique among themselves and the registered triggers
     * @return the triggers, in the order given
     * @throws IllegalArgumentException when a name is taken or repeated
     * @throws IllegalStateException when the client is closed
     */
    @SuppressWarnings({"rawtypes", "unchecked"}) // a raw bound keeps callers' List<Trigger> compiling
    public List<Trigger<?>> addTriggers(Collection<? extends Trigger> batch) {
        Objects.requireNonNull(batch, "batch");
        List<Trigger<?>> list = List.copyOf((Collection<? extends Trigger<?>>) batch);
        if (list.isEmpty()) {
            return list;
        }
        lock.lock();
        try {
            checkOpen();
            Set<String> names = new java.util.HashSet<>();
            for (Trigger<?> t : list) {
                checkFree(t.name());
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("the batch names two triggers '" + t.name()
                            + "'; names are unique per client");
                }
            }
            list.forEach(this::register);
            replan();
        } finally {
            lock.unlock();
        }
        startIfIdle();
        return list;
    }

    /**
     * Registers a trigger on one event class with just an action: {@code client.on(Death.class, d -> ...)}.
     *
     * @param type the event class
     * @param action the action
     * @param <E> the event type
     * @return the registered trigger (named e.g. {@code "Death#4"})
     */
    public <E extends Event> Trigger<E> on(Class<E> type, Consumer<? super E> action) {
        return addTrigger(Trigger.on(type).action(action).build());
    }

    /**
     * @param name a trigger name
     * @return the registered trigger of that name
     */
    public Optional<Trigger<?>> getTrigger(String name) {
        lock.lock();
        try {
            Registration r = triggers.get(name);
            return r == null ? Optional.empty() : Optional.of(r.origin());
        } finally {
            lock.unlock();
        }
    }

    /** @return the registered triggers in registration order */
    public List<Trigger<?>> triggers() {
        lock.lock();
        try {
            List<Trigger<?>> out = new ArrayList<>(triggers.size());
            triggers.values().forEach(r -> out.add(r.origin()));
            return Collections.unmodifiableList(out);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a trigger; removing the last one closes the connection.
     *
     * @param trigger a registered trigger
     * @throws IllegalArgumentException when it is not registered
     */
    public void removeTrigger(Trigger<?> trigger) {
        removeTrigger(trigger, false);
    }

    /**
     * Removes a trigger.
     *
     * @param trigger a registered trigger
     * @param keepAlive keep the connection open even when no trigger remains
     * @throws IllegalArgumentException when it is not registered
     */
    public void removeTrigger(Trigger<?> trigger, boolean keepAlive) {
        Objects.requireNonNull(trigger, "trigger");
        Registration r;
        lock.lock();
        try {
            r = triggers.get(trigger.name());
            if (r == null || r.origin() != trigger) {
                throw new IllegalArgumentException("trigger '" + trigger.name() + "' is not registered with this client");
            }
        } finally {
            lock.unlock();
        }
        remove(r, keepAlive, true);
    }

    /**
     * Removes a trigger by name; removing the last one closes the connection.
     *
     * @param name a registered trigger's name
     * @throws IllegalArgumentException when no trigger has that name
     */
    public void removeTrigger(String name) {
        removeTrigger(name, false);
    }

    /**
     * Removes a trigger by name.
     *
     * @param name a registered trigger's name
     * @param keepAlive keep the connection open even when no trigger remains
     * @throws IllegalArgumentException when no trigger has that name
     */
    public void removeTrigger(String name, boolean keepAlive) {
        Objects.requireNonNull(name, "name");
        Registration r;
        lock.lock();
        try {
            r = triggers.get(name);
            if (r == null) {
                throw new IllegalArgumentException("no trigger named '" + name + "' is registered with this client");
            }
        } finally {
            lock.unlock();
        }
        remove(r, keepAlive, true);
    }

    /**
     * Registers the triggers (with their actions replaced) until the first event that one of them
     * accepts, then removes them all and completes with that event.
     *
     * <p>The future is typed by the triggers: {@code waitFor(timeout, Trigger.on(Death.class).build())}
     * gives a {@code CompletableFuture<Death>}; triggers of several types give their common
     * supertype, or whatever {@link Event} type the assignment asks for.
     *
     * <p>The future fails with {@link TimeoutException} when no event came within the timeout, and
     * with a {@link TransportException} when the service id is rejected; cancel it to stop
     * waiting. The triggers are removed in every case, a timeout included, and
     * removing them closes the connection when no other trigger remains, as
     * {@link #removeTrigger(Trigger)} does. While waiting, {@link #getTrigger(String)} and
     * {@link #triggers()} list the triggers as given, and {@link #removeTrigger(Trigger)} takes them
     * (the future then waits on the others, or until the timeout).
     *
     * @param timeout how long to wait; zero or negative waits forever
     * @param first a trigger
     * @param more more triggers; all names must be free
     * @param <E> the type of event the future completes with
     * @return the first matching event
     */
    @SafeVarargs
    public final <E extends Event> CompletableFuture<E> waitFor(Duration timeout, Trigger<? extends E> first,
            Trigger<? extends E>... more) {
        Objects.requireNonNull(timeout, "timeout");
        List<Trigger<? extends E>> originals = new ArrayList<>();
        originals.add(Objects.requireNonNull(first, "first"));
        for (Trigger<? extends E> t : more) {
            originals.add(Objects.requireNonNull(t, "trigger must not be null"));
        }
        CompletableFuture<E> result = new CompletableFuture<>();
        CompletableFuture<E> caller = new CompletableFuture<>();
        List<Registration> regs = new ArrayList<>();
        lock.lock();
        try {
            checkOpen();
            Set<String> names = new LinkedHashSet<>();
            for (Trigger<?> t : originals) {
                checkFree(t.name());
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("waitFor was given two triggers named '" + t.name() + "'");
                }
            }
            for (Trigger<? extends E> t : originals) {
                // A trigger only accepts events of its type parameter (see Trigger): the cast holds.
                @SuppressWarnings("unchecked")
                Consumer<Object> complete = e -> result.complete((E) e);
                regs.add(register(t.withAction(complete, t.name()), t));
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

    // ---------------------------------------------------------------- connection

    /**
     * Opens the connection now (the first trigger does this too). Idempotent while connected.
     *
     * @return completes when the client is ready (see {@link #awaitReady}); fails on a rejected
     *     service id or a failed connection. It completes on a pool thread
     *     ({@link java.util.concurrent.ForkJoinPool#commonPool()}), so what the caller chains to
     *     it never runs inside the client's own threads or locks.
     * @throws IllegalStateException when the client is closed
     */
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

    /**
     * Waits until the client is ready: {@linkplain #awaitConnected connected}, and, when there is
     * anything to subscribe, the server confirmed the subscription (its reply to the subscribe
     * arrived and shows what the triggers need). Does not connect by itself.
     *
     * <p>Events do not wait for this: they are delivered from the moment the client is connected.
     * A server that never confirms (some proxies do not answer subscribe commands) still delivers
     * its events, and this method then times out; wait with {@link #awaitConnected} when the
     * connection is all you need.
     *
     * @param timeout the longest wait
     * @throws TimeoutException when not ready in time; its message says whether the client was
     *     connected, and its cause is the last failed connection attempt, when there was one since
     *     the last connection opened (e.g. a {@link TransportException} caused by
     *     {@code java.net.ConnectException} when nothing listens)
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the client is closed or neither connected nor connecting
     *     (add a trigger or call {@link #connect()} first)
     * @throws TransportException when the connection failed (e.g. 403: rejected service id)
     */
    public void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        await(timeout, true);
    }

    /**
     * Waits until the client is connected: a connection is open and the server said
     * {@code connectionStateChanged} connected, so the client has sent its subscription and
     * events flow. Unlike {@link #awaitReady}, it does not wait for the server to confirm the
     * subscription. Does not connect by itself.
     *
     * @param timeout the longest wait
     * @throws TimeoutException when not connected in time; its cause is the last failed
     *     connection attempt, when there was one
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when the client is closed or neither connected nor connecting
     *     (add a trigger or call {@link #connect()} first)
     * @throws TransportException when the connection failed (e.g. 403: rejected service id)
     */
    public void awaitConnected(Duration timeout) throws InterruptedException, TimeoutException {
        await(timeout, false);
    }

    private void await(Duration timeout, boolean untilReady) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
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
                state = "not connected" + (last != null ? "; last failure: "
                        + ServiceIds.scrub(String.valueOf(last.getMessage()), serviceId) : "");
            }
            TimeoutException out = new TimeoutException("the client was not " + (untilReady ? "ready" : "connected")
                    + " within " + timeout + ": " + state);
            if (last != null) {
                out.initCause(last);
            }
            throw out;
        }
    }

    /**
     * @return whether the client is ready: connected and the subscription confirmed (see
     *     {@link #awaitReady})
     */
    public boolean isReady() {
        lock.lock();
        try {
            return !closed && ready.isDone() && !ready.isCompletedExceptionally();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return whether the client is connected (see {@link #awaitConnected}): events flow, whether
     *     or not the server confirmed the subscription
     */
    public boolean isConnected() {
        lock.lock();
        try {
            return !closed && connected.isDone() && !connected.isCompletedExceptionally();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connections and cancels pending reconnects; triggers stay registered and the next
     * {@link #addTrigger} or {@link #connect()} connects again.
     */
    public void disconnect() {
        supervisor.stop(false);
    }

    /**
     * Sends a subscription probe (an empty {@code subscribe}) on every connection now; the reply is
     * compared with what the server should hold and a drift is repaired. Done periodically anyway.
     *
     * @return false when no connection is up
     */
    public boolean verifySubscription() {
        lock.lock();
        try {
            boolean any = false;
            if (!closed) {
                for (Link l : links.values()) {
                    if (l.pushConnected && !l.draining) {
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

    /** @return the subscription the triggers need now */
    public Subscription plannedSubscription() {
        lock.lock();
        try {
            return planned;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues an event for the dispatch thread as if it had arrived from the server (in order with
     * the stream). Waits for room when the queue is full.
     *
     * @param event an event
     * @throws IllegalStateException when the client is closed
     */
    public void dispatch(Event event) {
        Objects.requireNonNull(event, "event");
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

    /**
     * @return world name (e.g. {@code "Connery"}, or the whole endpoint name when it has no world
     *     id) to whether its event feed is online, from heartbeats and {@code serviceStateChanged};
     *     a sorted snapshot
     */
    public Map<String, Boolean> endpointStatus() {
        return Collections.unmodifiableMap(new TreeMap<>(endpointStatus));
    }

    /** @return a snapshot of the counters */
    public ClientStats stats() {
        Map<String, Long> reconnects = supervisor.reconnects();
        return new ClientStats(frames.get(), decoded.get(), dispatcher.dispatched(), unknown.get(),
                decodeErrors.get(), dedup.dropped(), queue.drops(), dispatcher.actionsRun(), dispatcher.actionFailures(),
                queue.size(), queue.highWaterMark(), reconnects, drifts.get(), Optional.ofNullable(lastHeartbeat.get()),
                lastEventByWorld(), lag(lastLagMillis), lag(maxLagMillis.get()),
                supervisor.openConnections(), supervisor.attempts(), supervisor.failures(), trips(),
                dedup.earlyEvictions(), counts(invalidFields));
    }

    /** @return the environment */
    public Environment environment() {
        return environment;
    }

    /** @return the endpoint, without the query the client adds */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the transport's name */
    public String transportName() {
        return transport.name();
    }

    /**
     * Closes the connection, stops the dispatch thread (queued events are discarded), fails
     * pending {@link #waitFor} futures and closes the transport when the client chose it.
     * Idempotent.
     */
    @Override
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

    @Override
    public String toString() {
        return "EventClient[" + id + ", environment=" + environment.wireName() + ", endpoint=" + endpoint
                + ", serviceId=" + ServiceIds.redact(serviceId) + ", transport=" + transport.name() + ", triggers="
                + triggers.size() + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- internals

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
    }

    private void checkFree(String name) {
        if (triggers.containsKey(name)) {
            throw new IllegalArgumentException("a trigger named '" + name + "' is already registered; names are unique per client");
        }
    }

    private Registration register(Trigger<?> t) {
        return register(t, t);
    }

    private Registration register(Trigger<?> t, Trigger<?> origin) {
        Registration r = new Registration(t, origin, ++seq);
        triggers.put(t.name(), r);
        index.add(r);
        return r;
    }

    /** Removes a registration if it is still registered. */
    private void remove(Registration r, boolean keepAlive, boolean awaitAction) {
        boolean stop;
        lock.lock();
        try {
            if (triggers.get(r.trigger().name()) != r) {
                return;
            }
            triggers.remove(r.trigger().name());
            index.remove(r);
            r.deactivate();
            stop = triggers.isEmpty() && !keepAlive;
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
            if (closed || supervisor.isActive() || triggers.isEmpty()) {
                return;
            }
            prepareStart();
        } finally {
            lock.unlock();
        }
        supervisor.start();
    }

    /** Recomputes the plan and sends the difference on every connection. Lock held. */
    private void replan() {
        planned = SubscriptionPlanner.plan(triggersList(), environment);
        for (Link l : links.values()) {
            if (l.pushConnected && !l.draining) {
                for (ClientCommand c : SubscriptionDiff.between(l.serverCopy, planned)) {
                    send(l, c);
                }
                maybeReady(l);
            }
        }
    }

    private List<Trigger<?>> triggersList() {
        List<Trigger<?>> out = new ArrayList<>(triggers.size());
        triggers.values().forEach(r -> out.add(r.trigger()));
        return out;
    }

    /**
     * Sends a command; subscription commands update our model of the server's copy and start the
     * reply timer. Lock held.
     */
    private void send(Link l, ClientCommand command) {
        if (command instanceof Subscribe || command instanceof ClearSubscribe) {
            l.serverCopy = SubscriptionDiff.apply(l.serverCopy, command);
            l.expectedReplies.addLast(l.serverCopy);
            if (l.awaitingReplySince == 0) {
                l.awaitingReplySince = nonZero(timers.nanoTime());
            }
        }
        String text = codec.encode(command);
        l.connection.sendText(text).whenComplete((v, e) -> {
            if (e != null) {
                LOG.log(Level.DEBUG, () -> id + ": could not send " + command.action() + ": " + e);
            }
        });
    }

    private static long nonZero(long t) {
        return t == 0 ? 1 : t;
    }

    private void probe(Link l) {
        l.nextProbeAt = timers.nanoTime() + probeIntervalNanos;
        send(l, Subscribe.probe());
    }

    /** Marks a link ready when it is; the first ready link makes the client ready. Lock held. */
    private void maybeReady(Link l) {
        if (!l.ready && l.pushConnected && (l.subscriptionConfirmed || planned.isEmpty())) {
            l.ready = true;
            l.readyAt = timers.nanoTime();
            l.nextProbeAt = l.readyAt + probeIntervalNanos;
            pendingNotices.add(l);
        }
        if (l.ready && !ready.isDone()) {
            ready.complete(null);
            LOG.log(Level.DEBUG, () -> id + ": ready");
        }
    }

    /** Tells the supervisor and the listener about links that became ready. Lock NOT held. */
    private void flushReadyNotices() {
        List<Link> ready;
        lock.lock();
        try {
            if (pendingNotices.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(pendingNotices);
            pendingNotices.clear();
        } finally {
            lock.unlock();
        }
        for (Link l : ready) {
            notify(l.slot, ConnectionEvent.Kind.READY, "", null);
            supervisor.promote(l.connection);
        }
    }

    private void demandOne(TransportConnection c) {
        demand(c, 1);
    }

    private void demand(TransportConnection c, int n) {
        if (queue.policy() == OverflowPolicy.BACKPRESSURE) {
            try {
                c.request(n);
            } catch (RuntimeException e) {
                // the connection ended meanwhile; nothing to ask for
            }
        }
    }

    private void report(Throwable error) {
        if (userErrorHandler) {
            LOG.log(Level.DEBUG, () -> id + ": to the error handler: "
                    + ServiceIds.scrub(String.valueOf(error.getMessage()), serviceId));
        }
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id + ": the error handler threw", e);
        }
    }

    private void logError(Throwable error) {
        Level level = error instanceof TransportException t && t.isFatal() ? Level.ERROR : Level.WARNING;
        String message = id + ": " + ServiceIds.scrub(String.valueOf(error.getMessage()), serviceId);
        if (error instanceof TriggerActionException) {
            LOG.log(level, message, error); // the user's own code failed: its stack trace is what helps
        } else {
            LOG.log(level, message);
        }
    }

    private void notify(int slot, ConnectionEvent.Kind kind, String cause, Duration retryIn) {
        if (connectionListener == null) {
            return;
        }
        try {
            connectionListener.onConnectionEvent(new ConnectionEvent(slot, kind, cause, Optional.ofNullable(retryIn),
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id + ": the connection listener threw", e);
        }
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private Map<String, Long> trips() {
        Map<String, Long> out = new TreeMap<>();
        watchdogTrips.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void trip(String watchdog) {
        watchdogTrips.computeIfAbsent(watchdog, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The watchdogs: runs on the timer every {@link #tickNanos}, decides under the lock, acts
     * (replace, probe) after releasing it.
     */
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
                String cause = null;
                if (heartbeatTimeoutNanos > 0 && now - l.lastHeartbeat > heartbeatTimeoutNanos) {
                    cause = "heartbeat";
                } else if (probeTimeoutNanos > 0 && l.awaitingReplySince != 0
                        && now - l.awaitingReplySince > probeTimeoutNanos) {
                    cause = "probe";
                } else if (silenceNanos > 0 && l.ready && silentWorld(l, now) != null) {
                    cause = "silence";
                }
                if (cause != null) {
                    if (!l.unhealthy) {
                        l.unhealthy = true;
                        unhealthy.add(Map.entry(l, cause));
                    }
                } else if (probeIntervalNanos > 0 && l.ready && now - l.nextProbeAt >= 0) {
                    probe(l);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            for (Map.Entry<Link, String> e : unhealthy) {
                Link l = e.getKey();
                trip(e.getValue());
                LOG.log(Level.WARNING, () -> id + ": connection " + l.slot + " is unhealthy (" + e.getValue()
                        + "); replacing it");
                supervisor.replace(l.connection, e.getValue());
            }
        } finally {
            timers.schedule(this::tick, tickNanos);
        }
    }

    /** @return a world the link's heartbeats call online, that the plan covers and that was silent too long. */
    private Integer silentWorld(Link l, long now) {
        if (planned.worlds().isEmpty()) {
            return null;
        }
        boolean all = planned.worlds().contains(Subscription.ALL);
        for (Map.Entry<Integer, Boolean> w : l.online.entrySet()) {
            if (!w.getValue() || !(all || planned.worlds().contains(String.valueOf(w.getKey())))) {
                continue;
            }
            Long last = l.lastEventByWorld.get(w.getKey());
            long since = last != null ? last : l.readyAt;
            if (now - since > silenceNanos) {
                return w.getKey();
            }
        }
        return null;
    }

    private void onFrame(TransportConnection c, String text) {
        frames.incrementAndGet();
        Link[] current = linkSnapshot;
        Link l = linkOf(current, c);
        boolean overlapping = current.length > 1;
        if (l != null && silenceNanos == 0 && looksLikeEvent(text)) {
            // The transport's thread is the one serial stage of the pipeline: an event frame is
            // decoded, deduplicated and counted on the dispatch thread. Not with the world-silence
            // watchdog on: it must see each frame's world when it arrives, not when a dispatch
            // thread held up by a slow action gets to it.
            queue.offer(new Delivery(new Arrival(text, l, overlapping, timers.nanoTime(), clock.millis()), c));
            return;
        }
        ServerMessage m = decodeOrReport(text);
        if (m == null || l == null) {
            demandOne(c);
            return;
        }
        if (m instanceof ServiceMessage sm) {
            if (!sm.invalidFields().isEmpty()) {
                noteInvalidFields(sm, text);
            }
            long nanos = timers.nanoTime();
            if (silenceNanos > 0) {
                l.lastEventByWorld.put(sm.event().worldId(), nanos); // a copy counts too: its world is not silent
            }
            if (admitted(sm.event(), text, l.id, overlapping, nanos, clock.millis())) {
                queue.offer(new Delivery(sm.event(), c));
            } else {
                demandOne(c);
            }
            return;
        }
        try {
            onControl(l, m);
        } catch (RuntimeException e) {
            report(e);
        } finally {
            demandOne(c);
            flushReadyNotices();
        }
    }

    /** @return the link of a connection in a {@link #linkSnapshot}, or null */
    private static Link linkOf(Link[] links, Object connection) {
        for (Link l : links) {
            if (l.connection == connection) {
                return l;
            }
        }
        return null;
    }

    /** An event frame as it arrived, queued to be decoded on the dispatch thread. */
    private record Arrival(String text, Link link, boolean overlapping, long nanos, long millis) {
    }

    /** A compact frame carrying an event, as the live service writes them (anything else decodes at once). */
    private static boolean looksLikeEvent(String text) {
        return text.startsWith("{\"payload\":{") && text.indexOf("\"event_name\":") > 0;
    }

    /** @return the frame's message, or null after counting and reporting a frame that does not decode */
    private ServerMessage decodeOrReport(String text) {
        try {
            return codec.decode(text);
        } catch (EssDecodeException e) {
            decodeErrors.incrementAndGet();
            report(e);
        } catch (RuntimeException e) {
            decodeErrors.incrementAndGet();
            report(new EssDecodeException("the decoder failed: " + e, text, e));
        }
        return null;
    }

    /** Decodes an {@link Arrival} on the dispatch thread; null when there is nothing to dispatch. */
    private Event decodeArrival(Arrival a) {
        ServerMessage m = decodeOrReport(a.text());
        if (m instanceof ServiceMessage sm) {
            if (!sm.invalidFields().isEmpty()) {
                noteInvalidFields(sm, a.text());
            }
            Event e = sm.event();
            return admitted(e, a.text(), a.link().id, a.overlapping(), a.nanos(), a.millis()) ? e : null;
        }
        if (m != null && linkOf(linkSnapshot, a.link().connection) == a.link()) {
            // a payload-shaped frame that is not an event, on a link still open: handled as on arrival
            try {
                onControl(a.link(), m);
            } catch (RuntimeException e) {
                report(e);
            } finally {
                flushReadyNotices();
            }
        }
        return null;
    }

    /**
     * Counts the fields an event is delivered without (values of the wrong kind); the first of
     * each event name and field goes to the error handler. The keys are bounded: only known
     * events have such fields.
     */
    private void noteInvalidFields(ServiceMessage sm, String text) {
        String name = sm.event().eventName();
        sm.invalidFields().forEach((field, value) -> {
            String key = name + "." + field;
            AtomicLong n = invalidFields.get(key);
            if (n == null) {
                AtomicLong fresh = new AtomicLong();
                n = invalidFields.putIfAbsent(key, fresh);
                if (n == null) {
                    n = fresh;
                    report(new InvalidFieldException(name, field, value, text));
                }
            }
            n.incrementAndGet();
        });
    }

    /**
     * Counts a decoded event; drops it when deduplication says it is a copy, else records its
     * world's last event time and the receive lag.
     *
     * @param nanos when it arrived ({@link Timers#nanoTime()})
     * @param arrivedMillis when it arrived (epoch millis)
     * @return whether to dispatch it
     */
    private boolean admitted(Event e, String text, long linkId, boolean overlapping, long nanos, long arrivedMillis) {
        decoded.incrementAndGet();
        if (e instanceof UnknownEvent) {
            unknown.incrementAndGet();
        }
        if (!dedup.admit(linkId, text, nanos, overlapping)) {
            return false;
        }
        int world = e.worldId();
        if (world >= 0 && world < WORLD_SLOTS) {
            lastEventByWorldMillis.set(world, arrivedMillis);
        } else {
            AtomicLong slot = lastEventByOtherWorldMillis.get(world);
            if (slot == null) {
                // created holding the time, so stats() never sees a world without one
                AtomicLong fresh = new AtomicLong(arrivedMillis);
                slot = lastEventByOtherWorldMillis.putIfAbsent(world, fresh);
                if (slot == null) {
                    slot = fresh;
                }
            }
            slot.set(arrivedMillis);
        }
        long lag = lagMillis(arrivedMillis, e.timestamp());
        lastLagMillis = lag;
        // read first: the common case (not a new maximum) then writes nothing shared
        if (lag > maxLagMillis.get()) {
            maxLagMillis.accumulateAndGet(lag, Math::max);
        }
        return true;
    }

    /**
     * @return {@code now} minus the timestamp in millis; a timestamp too far from now for a long of
     *     millis (only a corrupt frame has one) gives the largest lag of its sign instead of throwing
     *     on the transport thread
     */
    static long lagMillis(long nowMillis, Instant timestamp) {
        try {
            long lag = Math.subtractExact(nowMillis, timestamp.toEpochMilli());
            return lag == NONE ? NONE + 1 : lag;
        } catch (ArithmeticException e) {
            return timestamp.getEpochSecond() < 0 ? Long.MAX_VALUE : NONE + 1;
        }
    }

    private Map<Integer, Instant> lastEventByWorld() {
        Map<Integer, Instant> out = new TreeMap<>();
        for (int w = 0; w < WORLD_SLOTS; w++) {
            long t = lastEventByWorldMillis.get(w);
            if (t != NONE) {
                out.put(w, Instant.ofEpochMilli(t));
            }
        }
        lastEventByOtherWorldMillis.forEach((w, t) -> out.put(w, Instant.ofEpochMilli(t.get())));
        return out;
    }

    private static Optional<Duration> lag(long millis) {
        return millis == NONE ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    private void onControl(Link l, ServerMessage m) {
        if (m instanceof Heartbeat h) {
            lastHeartbeat.set(clock.instant());
            long now = timers.nanoTime();
            lock.lock();
            try {
                l.lastHeartbeat = now;
                l.online.putAll(h.worlds());
            } finally {
                lock.unlock();
            }
            endpointStatus.putAll(h.worldNames());
        } else if (m instanceof ServiceStateChanged s) {
            endpointStatus.put(s.worldName(), s.online());
        } else if (m instanceof ConnectionStateChanged csc) {
            if (csc.connected()) {
                lock.lock();
                try {
                    if (!l.pushConnected) {
                        l.pushConnected = true;
                        connected.complete(null);
                        for (ClientCommand cmd : SubscriptionDiff.between(l.serverCopy, planned)) {
                            send(l, cmd);
                        }
                        maybeReady(l);
                    }
                } finally {
                    lock.unlock();
                }
            } else {
                LOG.log(Level.WARNING, id + ": the push service lost its backend (connectionStateChanged false); reconnecting");
                trip("connectionStateChanged");
                supervisor.restart(l.connection, "connectionStateChanged");
            }
        } else if (m instanceof SubscriptionReply reply) {
            onSubscriptionReply(l, reply);
        } else {
            LOG.log(Level.DEBUG, () -> id + ": " + m.getClass().getSimpleName());
        }
    }

    private void onSubscriptionReply(Link l, SubscriptionReply reply) {
        String drift = null;
        lock.lock();
        try {
            l.awaitingReplySince = 0;
            if (l.repliesToSkip > 0) {
                l.repliesToSkip--;
                l.expectedReplies.pollFirst();
                if (!l.expectedReplies.isEmpty()) {
                    l.awaitingReplySince = nonZero(timers.nanoTime());
                }
                return;
            }
            Subscription expected = l.expectedReplies.isEmpty() ? l.serverCopy : l.expectedReplies.pollFirst();
            boolean last = l.expectedReplies.isEmpty();
            if (!last) {
                l.awaitingReplySince = nonZero(timers.nanoTime());
            }
            List<String> differences = SubscriptionDiff.differences(expected, reply);
            if (differences.isEmpty()) {
                if (last) {
                    l.repairing = false;
                    if (l.repairBackoffNanos > 0 && timers.nanoTime() - l.lastRepairAt >= l.repairBackoffNanos) {
                        l.repairBackoffNanos = 0; // agreed for a whole backoff: the next drift is repaired at once
                    }
                }
                l.subscriptionConfirmed = true;
                maybeReady(l);
                return;
            }
            drifts.incrementAndGet();
            drift = "subscription drifted: " + String.join("; ", differences);
            if (l.repairing) {
                LOG.log(Level.WARNING, id + ": the server's subscription still differs after a resubscribe ("
                        + drift + "); not repairing again until the next probe");
                l.repairing = false;
                l.subscriptionConfirmed = true;
                maybeReady(l);
                return;
            }
            long now = timers.nanoTime();
            if (l.repairBackoffNanos > 0 && now - l.lastRepairAt < l.repairBackoffNanos) {
                // Repairs are rate-limited per connection: whatever a server answers, the client sends
                // no more than a resubscribe per backoff (30 s, doubling up to 10 min).
                LOG.log(Level.DEBUG, () -> id + ": the server's subscription still drifts; next repair in "
                        + Math.max(0, (l.repairBackoffNanos - (now - l.lastRepairAt)) / 1_000_000_000L) + " s at the earliest");
                l.subscriptionConfirmed = true;
                maybeReady(l);
                return;
            }
            l.repairBackoffNanos = l.repairBackoffNanos == 0 ? REPAIR_BACKOFF_INITIAL_NANOS
                    : Math.min(REPAIR_BACKOFF_CAP_NANOS, 2 * l.repairBackoffNanos);
            l.lastRepairAt = now;
            LOG.log(Level.WARNING, id + ": " + drift + "; resubscribing (next repair on this connection not within "
                    + l.repairBackoffNanos / 1_000_000_000L + " s)");
            l.repliesToSkip = l.expectedReplies.size();
            l.repairing = true;
            send(l, ClearSubscribe.everything());
            for (ClientCommand cmd : SubscriptionDiff.between(Subscription.EMPTY, planned)) {
                send(l, cmd);
            }
        } finally {
            lock.unlock();
            if (drift != null) {
                notify(l.slot, ConnectionEvent.Kind.DRIFT, drift, null);
            }
        }
    }

    /** One connection's view of the server: guarded by the client's lock unless noted. */
    private final class Link {
        final long id;
        final int slot;
        final TransportConnection connection;
        boolean pushConnected;
        boolean subscriptionConfirmed;
        boolean ready;
        boolean repairing;
        /** When the last repair was sent, and the least time before the next one (0: none yet). */
        long lastRepairAt;
        long repairBackoffNanos;
        boolean unhealthy;
        /** Replaced and closing; its remaining frames are still taken. */
        boolean draining;
        long readyAt;
        long lastHeartbeat;
        long awaitingReplySince;
        long nextProbeAt;
        int repliesToSkip;
        Subscription serverCopy = Subscription.EMPTY;
        final ArrayDeque<Subscription> expectedReplies = new ArrayDeque<>();
        final Map<Integer, Boolean> online = new HashMap<>();
        /** Written by the transport thread, read by the tick: concurrent. */
        final ConcurrentHashMap<Integer, Long> lastEventByWorld = new ConcurrentHashMap<>();

        Link(long id, int slot, TransportConnection connection, long now) {
            this.id = id;
            this.slot = slot;
            this.connection = connection;
            // the heartbeat watchdog counts from the open: a connection that never beats is stale
            this.lastHeartbeat = now;
        }
    }

    private final class Session implements ConnectionSupervisor.Session {
        @Override
        public void opened(int slot, TransportConnection c) {
            failingSeries.set(false);
            lock.lock();
            try {
                links.put(c, new Link(++linkSeq, slot, c, timers.nanoTime()));
                lastFailure.set(null);
                // published before request() below, so the first frame finds its link
                linkSnapshot = links.values().toArray(new Link[0]);
            } finally {
                lock.unlock();
            }
            LOG.log(Level.INFO, () -> id + ": connection " + slot + " open to " + endpoint + " ("
                    + environment.wireName() + ", " + ServiceIds.redact(serviceId) + ") via " + transport.name());
            c.request(queue.policy() == OverflowPolicy.BACKPRESSURE ? demandPerConnection : Long.MAX_VALUE);
        }

        @Override
        public void text(TransportConnection c, String text) {
            onFrame(c, text);
        }

        @Override
        public void draining(int slot, TransportConnection c) {
            lock.lock();
            try {
                Link l = links.get(c);
                if (l != null) {
                    l.draining = true;
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void closed(int slot, TransportConnection c, String cause) {
            lock.lock();
            try {
                links.remove(c);
                linkSnapshot = links.values().toArray(new Link[0]);
                boolean anyReady = links.values().stream().anyMatch(l -> l.ready && !l.draining);
                if (!anyReady && ready.isDone() && !closed) {
                    ready = new CompletableFuture<>();
                }
                boolean anyConnected = links.values().stream().anyMatch(l -> l.pushConnected && !l.draining);
                if (!anyConnected && connected.isDone() && !closed) {
                    connected = new CompletableFuture<>();
                }
            } finally {
                lock.unlock();
            }
            boolean expected = cause.equals("disconnect") || cause.equals("replaced");
            LOG.log(expected ? Level.INFO : Level.WARNING, () -> id + ": connection " + slot + " closed (" + cause + ")"
                    + (expected ? "" : "; reconnecting"));
        }

        @Override
        public void failed(int slot, Throwable error, boolean fatal) {
            String detail = ServiceIds.scrub(String.valueOf(error.getMessage()), serviceId);
            AuraxiumException e;
            if (fatal && !(error instanceof TransportException te && te.httpStatus().orElse(0) == 403)) {
                e = new TransportException("could not connect to " + endpoint + " and retrying cannot help, so the client "
                        + "stopped connecting; the next addTrigger() or connect() tries again: " + detail, error, true);
            } else if (fatal) {
                e = new TransportException("the ESS rejected service id " + ServiceIds.redact(serviceId)
                        + " (HTTP 403); the client stopped connecting. Check the service id; the next addTrigger() or "
                        + "connect() tries again", error, OptionalInt.of(403), Optional.empty());
            } else {
                e = new TransportException("could not connect to " + endpoint + " (connection " + slot
                        + "; retrying with backoff): " + detail, error);
            }
            lastFailure.set(e);
            List<CompletableFuture<?>> pending = List.of();
            lock.lock();
            try {
                if (fatal) {
                    ready.completeExceptionally(e);
                    connected.completeExceptionally(e);
                    pending = new ArrayList<>(waiters);
                }
            } finally {
                lock.unlock();
            }
            // Reported once: to the handler, or (the default handler) logged; a series of failed
            // retries is logged at WARNING once, then at DEBUG until a connection opens.
            if (!fatal && failingSeries.getAndSet(true) && !userErrorHandler) {
                LOG.log(Level.DEBUG, () -> id + ": still failing: " + e.getMessage());
            } else {
                report(e);
            }
            for (CompletableFuture<?> f : pending) {
                f.completeExceptionally(e);
            }
        }

        @Override
        public void event(int slot, ConnectionEvent.Kind kind, String cause, Duration retryIn) {
            EventClient.this.notify(slot, kind, cause, retryIn);
        }
    }

    private final class DispatchHost implements Dispatcher.Host {
        @Override
        public void taken(Object source, int count) {
            demand((TransportConnection) source, count);
        }

        @Override
        public void removeFired(Registration r) {
            remove(r, false, false);
        }

        @Override
        public void report(Throwable error) {
            EventClient.this.report(error);
        }

        @Override
        public Event decode(Object item, Object source) {
            return decodeArrival((Arrival) item);
        }
    }

    /**
     * Configures an {@link EventClient}. Not thread-safe. Every setter checks its argument and
     * names a bad value; {@link #build()} resolves the transport. {@link #toString()} redacts the
     * service id.
     */
    public static final class Builder {
        private String serviceId = DEFAULT_SERVICE_ID;
        private Environment environment = Environment.PS2;
        private URI endpoint = DEFAULT_ENDPOINT;
        private Transport transport;
        private TransportOptions transportOptions = TransportOptions.DEFAULTS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private OverflowPolicy overflowPolicy = OverflowPolicy.BACKPRESSURE;
        private Executor actionExecutor;
        private Consumer<? super Throwable> errorHandler;
        private Duration backoffInitial = DEFAULT_RECONNECT_INITIAL;
        private double backoffMultiplier = DEFAULT_RECONNECT_MULTIPLIER;
        private Duration backoffCap = DEFAULT_RECONNECT_CAP;
        private Duration stablePeriod = DEFAULT_STABLE_PERIOD;
        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
        private Duration probeTimeout = DEFAULT_PROBE_TIMEOUT;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private Duration worldSilence = Duration.ZERO;
        private int connections = 1;
        private Duration dedupWindow = DEFAULT_DEDUP_WINDOW;
        private boolean dedupWithinConnection;
        private int dedupCapacity = DEFAULT_DEDUP_CAPACITY;
        private ConnectionListener connectionListener;
        private Timers timers;
        private DoubleSupplier random;
        private FrameCodec codec = FrameCodec.STANDARD;
        private List<TransportDiscovery.Candidate> candidates;

        private Builder() {
        }

        /**
         * @param serviceId the service id, with or without the {@code s:} prefix (added when
         *     missing); default {@value EventClient#DEFAULT_SERVICE_ID}
         * @return this builder
         */
        public Builder serviceId(String serviceId) {
            this.serviceId = ServiceIds.normalise(serviceId);
            return this;
        }

        /**
         * @param environment PS2 (default), PS2PS4US or PS2PS4EU
         * @return this builder
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param endpoint a {@code ws://} or {@code wss://} URI, e.g. a fake server's; default
         *     {@link EventClient#DEFAULT_ENDPOINT}
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
                throw new IllegalArgumentException("endpoint must be a ws:// or wss:// URI, was "
                        + ServiceIds.redactUri(endpoint.toString()));
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * @param transport a transport to use instead of discovering one; the caller keeps
         *     ownership and closes it
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * @param options options for a discovered transport
         * @return this builder
         */
        public Builder transportOptions(TransportOptions options) {
            this.transportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * @param capacity events the queue holds, 1 to 10,000,000; default 10,000
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1 || capacity > 10_000_000) {
                throw new IllegalArgumentException("queueCapacity must be between 1 and 10000000, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param policy what to do when the queue is full; default BACKPRESSURE
         * @return this builder
         */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param executor runs trigger actions instead of the dispatch thread (the caller owns it)
         * @return this builder
         */
        public Builder actionExecutor(Executor executor) {
            this.actionExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param handler receives failures of actions ({@link TriggerActionException}), frames
         *     ({@link EssDecodeException}), events delivered without a field of the wrong kind
         *     ({@link InvalidFieldException}, the first per event name and field) and connections
         *     ({@link TransportException}); by default they are logged as warnings (a rejected
         *     service id as an error). With a handler set, the client logs these failures only at
         *     DEBUG: see "Errors and logging" in {@link EventClient}. It must not block.
         * @return this builder
         */
        public Builder errorHandler(Consumer<? super Throwable> handler) {
            this.errorHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * A constant reconnect delay bound: shorthand for {@code reconnectBackoff(delay, 1.0, delay)}
         * (the delay is still jittered, uniformly in {@code (0, delay]}).
         *
         * @param delay the bound, 0 to 10 minutes
         * @return this builder
         */
        public Builder reconnectDelay(Duration delay) {
            checkRange("reconnectDelay", delay, Duration.ZERO, Duration.ofMinutes(10));
            return reconnectBackoff(delay, 1.0, delay);
        }

        /**
         * Exponential backoff with full jitter: retry {@code n} (from 0) waits uniformly in
         * {@code (0, min(cap, initial * multiplier^n)]}; the count is reset by a connection that
         * stayed open for {@link #stablePeriod}. A {@code Retry-After} of the server is honoured
         * as a lower bound.
         *
         * @param initial the first bound, 0 to 10 minutes; default 1 s
         * @param multiplier 1 to 100; default 2
         * @param cap the largest bound, from {@code initial} to 1 hour; default 2 min
         * @return this builder
         */
        public Builder reconnectBackoff(Duration initial, double multiplier, Duration cap) {
            checkRange("reconnectBackoff initial", initial, Duration.ZERO, Duration.ofMinutes(10));
            if (!(multiplier >= 1 && multiplier <= 100)) {
                throw new IllegalArgumentException("reconnectBackoff multiplier must be between 1 and 100, was " + multiplier);
            }
            checkRange("reconnectBackoff cap", cap, initial, Duration.ofHours(1));
            this.backoffInitial = initial;
            this.backoffMultiplier = multiplier;
            this.backoffCap = cap;
            return this;
        }

        /**
         * @param period how long a connection must stay open to reset the backoff, 0 to 1 hour;
         *     default 1 min
         * @return this builder
         */
        public Builder stablePeriod(Duration period) {
            checkRange("stablePeriod", period, Duration.ZERO, Duration.ofHours(1));
            this.stablePeriod = period;
            return this;
        }

        /**
         * @param timeout replace a connection that received no heartbeat for this long (the server
         *     beats every 30 s); {@link Duration#ZERO} disables; otherwise 50 ms to 1 hour; default 65 s
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            checkZeroOrRange("heartbeatTimeout", timeout, Duration.ofMillis(50), Duration.ofHours(1));
            this.heartbeatTimeout = timeout;
            return this;
        }

        /**
         * @param timeout replace a connection whose subscription reply (to a probe or a change)
         *     did not come within this; {@link Duration#ZERO} disables; otherwise 50 ms to 1 hour;
         *     default 30 s
         * @return this builder
         */
        public Builder subscriptionProbeTimeout(Duration timeout) {
            checkZeroOrRange("subscriptionProbeTimeout", timeout, Duration.ofMillis(50), Duration.ofHours(1));
            this.probeTimeout = timeout;
            return this;
        }

        /**
         * The per-world silence watchdog (stale streams: a world reported online that sends
         * nothing). Use it only with subscriptions broad enough that every covered world has events
         * all the time (e.g. all Deaths): a quiet world replaces the connection every period.
         *
         * @param timeout replace a connection on which a world its heartbeats call online, and
         *     that the subscription covers, sent no event for this long; {@link Duration#ZERO}
         *     (default) disables; otherwise 50 ms to 1 day
         * @return this builder
         */
        public Builder worldSilenceTimeout(Duration timeout) {
            checkZeroOrRange("worldSilenceTimeout", timeout, Duration.ofMillis(50), Duration.ofDays(1));
            this.worldSilence = timeout;
            return this;
        }

        /**
         * @param n connections to keep with the same subscription, 1 (default) to 8; with more than
         *     one, a drop or a stale node loses nothing as long as one connection is subscribed
         * @return this builder
         */
        public Builder connections(int n) {
            if (n < 1 || n > 8) {
                throw new IllegalArgumentException("connections must be between 1 and 8, was " + n);
            }
            this.connections = n;
            return this;
        }

        /**
         * Deduplication by whole payload. A payload is delivered as many times as the one
         * connection that saw it most often saw it within the window: copies across connections
         * are dropped, repeats on one connection are kept (GainExperience ticks can repeat for
         * real). With {@code withinConnection} every repeat within the window is dropped, which
         * also removes the ESS's own duplicates but merges genuinely repeated ticks.
         *
         * @param window how long a payload is remembered, 10 ms to 10 minutes; default 10 s
         * @param withinConnection also drop repeats on one connection; default false
         * @return this builder
         */
        public Builder deduplicate(Duration window, boolean withinConnection) {
            checkRange("deduplicate window", window, Duration.ofMillis(10), Duration.ofMinutes(10));
            this.dedupWindow = window;
            this.dedupWithinConnection = withinConnection;
            return this;
        }

        /**
         * @param maxKeys payloads remembered at most, 1,000 to 10,000,000 (about 150 bytes each);
         *     beyond it the oldest are forgotten early and counted; default 100,000 (≈ 15 MB)
         * @return this builder
         */
        public Builder deduplicationCapacity(int maxKeys) {
            if (maxKeys < 1_000 || maxKeys > 10_000_000) {
                throw new IllegalArgumentException("deduplicationCapacity must be between 1000 and 10000000, was " + maxKeys);
            }
            this.dedupCapacity = maxKeys;
            return this;
        }

        /**
         * @param listener told about connection opens, losses, retries, replacements and drifts
         * @return this builder
         */
        public Builder connectionListener(ConnectionListener listener) {
            this.connectionListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        private static void checkRange(String what, Duration d, Duration min, Duration max) {
            Objects.requireNonNull(d, what);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + d);
            }
        }

        private static void checkZeroOrRange(String what, Duration d, Duration min, Duration max) {
            Objects.requireNonNull(d, what);
            if (!d.isZero() && (d.compareTo(min) < 0 || d.compareTo(max) > 0)) {
                throw new IllegalArgumentException(what + " must be zero or between " + min + " and " + max + ", was " + d);
            }
        }

        /** Test seam: time and timers. */
        Builder timers(Timers timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /** Test seam: the jitter source, uniform in [0, 1). */
        Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * @param interval how often to probe the server's subscription; {@link Duration#ZERO}
         *     disables the probe; otherwise at least 100 ms; default 60 s
         * @return this builder
         */
        public Builder subscriptionProbeInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || (!interval.isZero() && interval.toMillis() < 100)) {
                throw new IllegalArgumentException("subscriptionProbeInterval must be zero or at least 100 ms, was " + interval);
            }
            this.probeInterval = interval;
            return this;
        }

        /** Test seam: the codec. */
        Builder codec(FrameCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Test seam: the provider candidates instead of {@link java.util.ServiceLoader}. */
        Builder discoveryCandidates(List<TransportDiscovery.Candidate> candidates) {
            this.candidates = List.copyOf(candidates);
            return this;
        }

        /**
         * @return the client, not yet connected
         * @throws NoTransportException when no transport was given and none can be found
         */
        public EventClient build() {
            if (transport != null) {
                return new EventClient(this, transport, false);
            }
            List<TransportDiscovery.Candidate> found = candidates;
            if (found == null) {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                found = TransportDiscovery.fromServiceLoader(cl != null ? cl : EventClient.class.getClassLoader());
            }
            TransportDiscovery.Result r = TransportDiscovery.choose(found,
                    System.getProperty(TransportDiscovery.PROPERTY));
            TransportProvider p = r.provider();
            return new EventClient(this, p.create(transportOptions), true);
        }

        @Override
        public String toString() {
            return "EventClient.Builder[serviceId=" + ServiceIds.redact(serviceId) + ", environment="
                    + environment.wireName() + ", endpoint=" + ServiceIds.redactUri(String.valueOf(endpoint))
                    + ", queueCapacity=" + queueCapacity
                    + ", overflowPolicy=" + overflowPolicy + "]";
        }
    }
}
