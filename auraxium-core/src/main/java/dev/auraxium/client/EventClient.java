package dev.auraxium.client;

import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.internal.session.ClientConfig;
import dev.auraxium.internal.session.ClientSession;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
 * The client reconnects after a lost connection or a failed attempt, with exponential backoff and
 * full jitter, except after an HTTP 403 (a rejected service id: fatal, reported, and
 * {@link #awaitReady}, {@link #connect()} and pending {@link #waitFor} futures fail with a
 * {@link TransportException}); watchdogs replace a stale connection make-before-break; several
 * redundant connections may be kept, and events are deduplicated. {@link ClientSettings} describes
 * each rule with its setting. Every reconnect and replacement is counted by
 * {@link ConnectionCause} in {@link #stats()} and reported to the
 * {@link Builder#connectionListener connection listener}.
 *
 * <h2>Subscriptions</h2>
 * The client derives one subscription from all triggers and keeps the server's copy equal to it:
 * additions with {@code subscribe}, removals with {@code clearSubscribe}, the whole subscription
 * again on every new connection. It never asks for less than the triggers can accept under the
 * server's matching rules ({@link Subscription#selects}); {@link Trigger#check} drops the surplus.
 * It probes the server's copy periodically and repairs a drift, rate-limited (see
 * {@link #verifySubscription()}).
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
 * Failures (an action that threw, a frame that does not decode, a failed connection attempt) go to
 * the {@link Builder#errorHandler error handler}, or are logged when there is none; state changes
 * go to the {@link Builder#connectionListener connection listener} and are logged once each. The
 * logger is {@code dev.auraxium.client.EventClient}; {@link Builder#errorHandler} lists the levels.
 *
 * <p>The service id is a credential: it never appears whole in logs, exceptions or
 * {@link #toString()}.
 */
public final class EventClient implements AutoCloseable {
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    private final String serviceId;
    private final Environment environment;
    private final URI endpoint;
    private final Transport transport;
    private final String id;
    private final ClientSession session;

    private EventClient(ClientConfig config, Transport transport, boolean ownsTransport) {
        this.serviceId = config.serviceId();
        this.environment = config.environment();
        this.endpoint = ServiceIds.withoutServiceId(config.endpoint()); // printed in logs: never with an id in it
        this.transport = transport;
        this.id = "auraxium-" + CLIENT_SEQ.incrementAndGet();
        this.session = new ClientSession(config, transport, ownsTransport, id);
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
        session.add(List.of(trigger), "a trigger named '{}' is already registered; names are unique per client");
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
        if (!list.isEmpty()) {
            session.add(list, "the batch names two triggers '{}'; names are unique per client");
        }
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
        return session.trigger(name);
    }

    /** @return the registered triggers in registration order */
    public List<Trigger<?>> triggers() {
        return session.triggers();
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
        session.remove(trigger.name(), trigger, keepAlive);
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
        session.remove(name, null, keepAlive);
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
        return session.waitFor(Objects.requireNonNull(timeout, "timeout"), ClientSession.listOf(first, more));
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
        return session.connect();
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
        session.await(Objects.requireNonNull(timeout, "timeout"), true);
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
        session.await(Objects.requireNonNull(timeout, "timeout"), false);
    }

    /**
     * @return whether the client is ready: connected and the subscription confirmed (see
     *     {@link #awaitReady})
     */
    public boolean isReady() {
        return session.is(true);
    }

    /**
     * @return whether the client is connected (see {@link #awaitConnected}): events flow, whether
     *     or not the server confirmed the subscription
     */
    public boolean isConnected() {
        return session.is(false);
    }

    /**
     * Closes the connections and cancels pending reconnects; triggers stay registered and the next
     * {@link #addTrigger} or {@link #connect()} connects again.
     */
    public void disconnect() {
        session.disconnect();
    }

    /**
     * Sends a subscription probe (an empty {@code subscribe}) on every connection now; the reply is
     * compared with what the server should hold and a drift is repaired. The client also does this
     * every {@link Builder#subscriptionProbeInterval(Duration)}.
     *
     * <p>A reply that differs is counted as a drift ({@link ClientStats#subscriptionDrifts()},
     * {@link ConnectionEvent.Kind#DRIFT}) and repaired by clearing and resubscribing, at most once
     * per 30 s on a connection (the interval doubling, up to 10 minutes, while the drift
     * persists), so that no pattern of server replies can make the client send more than a few
     * commands a minute.
     *
     * @return false when no connection is up
     */
    public boolean verifySubscription() {
        return session.verifySubscription();
    }

    /** @return the subscription the triggers need now */
    public Subscription plannedSubscription() {
        return session.planned();
    }

    /**
     * Queues an event for the dispatch thread as if it had arrived from the server (in order with
     * the stream). Waits for room when the queue is full.
     *
     * @param event an event
     * @throws IllegalStateException when the client is closed
     */
    public void dispatch(Event event) {
        session.dispatch(Objects.requireNonNull(event, "event"));
    }

    /**
     * @return world name (e.g. {@code "Connery"}, or the whole endpoint name when it has no world
     *     id) to whether its event feed is online, from heartbeats and {@code serviceStateChanged};
     *     a sorted snapshot
     */
    public Map<String, Boolean> endpointStatus() {
        return session.endpointStatus();
    }

    /** @return a snapshot of the counters, taken now */
    public ClientStats stats() {
        return new ClientStats(session.stats());
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
        session.close();
    }

    @Override
    public String toString() {
        return "EventClient[" + id + ", environment=" + environment.wireName() + ", endpoint=" + endpoint
                + ", serviceId=" + ServiceIds.redact(serviceId) + ", transport=" + transport.name() + ", "
                + session.describe() + "]";
    }

    /**
     * Configures an {@link EventClient}: the setters are {@link ClientSettings}'. Not thread-safe.
     * {@link #build()} resolves the transport. {@link #toString()} redacts the service id.
     */
    public static final class Builder extends ClientSettings<Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @return the client, not yet connected
         * @throws NoTransportException when no transport was given and none can be found
         */
        public EventClient build() {
            ClientConfig config = config();
            Transport t = resolveTransport();
            return new EventClient(config, t, t != config.transport());
        }
    }
}
