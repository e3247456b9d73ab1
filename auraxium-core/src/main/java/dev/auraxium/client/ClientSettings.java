package dev.auraxium.client;

import dev.auraxium.event.Environment;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.internal.client.FrameCodec;
import dev.auraxium.internal.client.Timers;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.internal.session.ClientConfig;
import dev.auraxium.internal.transport.TransportDiscovery;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.InvalidFieldException;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;


/**
 * The settings of an {@link EventClient}: every setter of {@link EventClient.Builder}, which is
 * the only subclass (get one from {@link EventClient#builder()}). Not thread-safe. Every setter
 * checks its argument and names a bad value; {@link EventClient.Builder#build()} takes an
 * immutable copy of the settings, so a builder may be changed and built again.
 *
 * <h2>Staying connected</h2>
 * <ul>
 *   <li><b>Reconnect.</b> After an unexpected close, an I/O error, a failed attempt (5xx, 429,
 *       timeouts) or a {@code connectionStateChanged} of false, the client reconnects after an
 *       exponential backoff with full jitter ({@link #reconnectBackoff}); the retry count is
 *       reset by a connection that stayed open for {@link #stablePeriod}. Every new
 *       connection is subscribed again. An HTTP 403 on the upgrade (rejected service id) is fatal:
 *       the client stops connecting, reports it to the error handler, and fails
 *       {@link EventClient#awaitReady}, {@link EventClient#connect()} and pending {@link EventClient#waitFor} futures with a
 *       {@link TransportException}; triggers stay registered, and a later {@link EventClient#addTrigger} or
 *       {@link EventClient#connect()} tries again.</li>
 *   <li><b>Watchdogs.</b> No heartbeat within {@link #heartbeatTimeout} (about two of the
 *       server's 30 s intervals), no reply to a subscription probe within
 *       {@link #subscriptionProbeTimeout}, or, when enabled, a world that heartbeats call
 *       online but that sent no event for {@link #worldSilenceTimeout}: the connection is
 *       replaced <em>make-before-break</em> (a new one is opened and subscribed, then the old one
 *       is closed), so no event window is lost. A probe reply that shows a drifted subscription
 *       is repaired by resubscribing.</li>
 *   <li><b>Redundancy.</b> {@link #connections(int)} keeps n connections with the same
 *       subscription.</li>
 *   <li><b>Duplicates.</b> Events are deduplicated by their whole payload within
 *       {@link #deduplicate a window}: each distinct payload is delivered as many times as
 *       the one connection that saw it most often saw it, so copies across connections are dropped
 *       while repeats on one connection (real, repeated GainExperience ticks) survive; optionally
 *       repeats on one connection are dropped as well. Memory is bounded by
 *       {@link #deduplicationCapacity}.</li>
 * </ul>
 * Every reconnect and replacement is counted by {@link ConnectionCause} in {@link EventClient#stats()}
 * and reported to the {@link #connectionListener connection listener}. The {@code DEFAULT_*}
 * constants are the settings' defaults.
 *
 * @param <B> the builder type the setters return, for chaining
 */
public abstract sealed class ClientSettings<B extends ClientSettings<B>> permits EventClient.Builder {
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

    /**
     * @param serviceId the service id, with or without the {@code s:} prefix (added when
     *     missing); default {@value #DEFAULT_SERVICE_ID}
     * @return this builder
     */
    public B serviceId(String serviceId) {
        this.serviceId = ServiceIds.normalise(serviceId);
        return self();
    }

    /**
     * @param environment PS2 (default), PS2PS4US or PS2PS4EU
     * @return this builder
     */
    public B environment(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return self();
    }

    /**
     * @param endpoint a {@code ws://} or {@code wss://} URI, e.g. a fake server's; default
     *     {@link #DEFAULT_ENDPOINT}
     * @return this builder
     */
    public B endpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("endpoint must be a ws:// or wss:// URI, was "
                    + ServiceIds.redactUri(endpoint.toString()));
        }
        this.endpoint = endpoint;
        return self();
    }

    /**
     * @param transport a transport to use instead of discovering one; the caller keeps
     *     ownership and closes it
     * @return this builder
     */
    public B transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return self();
    }

    /**
     * @param options options for a discovered transport
     * @return this builder
     */
    public B transportOptions(TransportOptions options) {
        this.transportOptions = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * @param capacity events the queue holds, 1 to 10,000,000; default 10,000
     * @return this builder
     */
    public B queueCapacity(int capacity) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new IllegalArgumentException("queueCapacity must be between 1 and 10000000, was " + capacity);
        }
        this.queueCapacity = capacity;
        return self();
    }

    /**
     * @param policy what to do when the queue is full; default BACKPRESSURE
     * @return this builder
     */
    public B overflowPolicy(OverflowPolicy policy) {
        this.overflowPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /**
     * @param executor runs trigger actions instead of the dispatch thread (the caller owns it)
     * @return this builder
     */
    public B actionExecutor(Executor executor) {
        this.actionExecutor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /**
     * Sets the error handler. Each failure is reported once.
     *
     * <p>The client logs through {@link System.Logger} (logger name
     * {@code dev.auraxium.client.EventClient}):
     * <ul>
     *   <li><b>Failures</b> (an action or condition that threw, a frame that does not decode, a failed
     *       connection attempt, a rejected service id) go to this handler. Without one, the default handler logs them: a rejected service id at ERROR, the
     *       others at WARNING; while reconnect attempts keep failing, only the first failure of the
     *       series is logged at WARNING, the later ones at DEBUG, until a connection opens. With a
     *       handler, every failure goes to it and the client logs it at DEBUG only, never at WARNING
     *       or ERROR.</li>
     *   <li><b>State changes</b> are logged once each, handler or not: a connection opened (INFO),
     *       closed on request (INFO) or lost (WARNING), replaced by a watchdog (WARNING), a drifted
     *       subscription repaired (WARNING). They are not failures: the
     *       {@link #connectionListener connection listener} hears of them, the error handler
     *       does not.</li>
     *   <li>An error handler or connection listener that throws is logged at WARNING.</li>
     * </ul>
     *
     * @param handler receives failures of actions ({@link TriggerActionException}), frames
     *     ({@link EssDecodeException}), events delivered without a field of the wrong kind
     *     ({@link InvalidFieldException}, the first per event name and field) and connections
     *     ({@link TransportException}); by default they are logged as warnings (a rejected
     *     service id as an error). With a handler set, the client logs these failures only at
     *     DEBUG. It runs on whichever thread met the failure and must not block.
     * @return this builder
     */
    public B errorHandler(Consumer<? super Throwable> handler) {
        this.errorHandler = Objects.requireNonNull(handler, "handler");
        return self();
    }

    /**
     * A constant reconnect delay bound: shorthand for {@code reconnectBackoff(delay, 1.0, delay)}
     * (the delay is still jittered, uniformly in {@code (0, delay]}).
     *
     * @param delay the bound, 0 to 10 minutes
     * @return this builder
     */
    public B reconnectDelay(Duration delay) {
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
    public B reconnectBackoff(Duration initial, double multiplier, Duration cap) {
        checkRange("reconnectBackoff initial", initial, Duration.ZERO, Duration.ofMinutes(10));
        if (!(multiplier >= 1 && multiplier <= 100)) {
            throw new IllegalArgumentException("reconnectBackoff multiplier must be between 1 and 100, was " + multiplier);
        }
        checkRange("reconnectBackoff cap", cap, initial, Duration.ofHours(1));
        this.backoffInitial = initial;
        this.backoffMultiplier = multiplier;
        this.backoffCap = cap;
        return self();
    }

    /**
     * @param period how long a connection must stay open to reset the backoff, 0 to 1 hour;
     *     default 1 min
     * @return this builder
     */
    public B stablePeriod(Duration period) {
        checkRange("stablePeriod", period, Duration.ZERO, Duration.ofHours(1));
        this.stablePeriod = period;
        return self();
    }

    /**
     * @param timeout replace a connection that received no heartbeat for this long (the server
     *     beats every 30 s); {@link Duration#ZERO} disables; otherwise 50 ms to 1 hour; default 65 s
     * @return this builder
     */
    public B heartbeatTimeout(Duration timeout) {
        checkZeroOrRange("heartbeatTimeout", timeout, Duration.ofMillis(50), Duration.ofHours(1));
        this.heartbeatTimeout = timeout;
        return self();
    }

    /**
     * @param timeout replace a connection whose subscription reply (to a probe or a change)
     *     did not come within this; {@link Duration#ZERO} disables; otherwise 50 ms to 1 hour;
     *     default 30 s
     * @return this builder
     */
    public B subscriptionProbeTimeout(Duration timeout) {
        checkZeroOrRange("subscriptionProbeTimeout", timeout, Duration.ofMillis(50), Duration.ofHours(1));
        this.probeTimeout = timeout;
        return self();
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
    public B worldSilenceTimeout(Duration timeout) {
        checkZeroOrRange("worldSilenceTimeout", timeout, Duration.ofMillis(50), Duration.ofDays(1));
        this.worldSilence = timeout;
        return self();
    }

    /**
     * @param n connections to keep with the same subscription, 1 (default) to 8; with more than
     *     one, a drop or a stale node loses nothing as long as one connection is subscribed
     * @return this builder
     */
    public B connections(int n) {
        if (n < 1 || n > 8) {
            throw new IllegalArgumentException("connections must be between 1 and 8, was " + n);
        }
        this.connections = n;
        return self();
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
    public B deduplicate(Duration window, boolean withinConnection) {
        checkRange("deduplicate window", window, Duration.ofMillis(10), Duration.ofMinutes(10));
        this.dedupWindow = window;
        this.dedupWithinConnection = withinConnection;
        return self();
    }

    /**
     * @param maxKeys payloads remembered at most, 1,000 to 10,000,000 (about 150 bytes each);
     *     beyond it the oldest are forgotten early and counted; default 100,000 (≈ 15 MB)
     * @return this builder
     */
    public B deduplicationCapacity(int maxKeys) {
        if (maxKeys < 1_000 || maxKeys > 10_000_000) {
            throw new IllegalArgumentException("deduplicationCapacity must be between 1000 and 10000000, was " + maxKeys);
        }
        this.dedupCapacity = maxKeys;
        return self();
    }

    /**
     * @param listener told about connection opens, losses, retries, replacements and drifts
     * @return this builder
     */
    public B connectionListener(ConnectionListener listener) {
        this.connectionListener = Objects.requireNonNull(listener, "listener");
        return self();
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
    B timers(Timers timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
        return self();
    }

    /** Test seam: the jitter source, uniform in [0, 1). */
    B random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
        return self();
    }

    /**
     * @param interval how often to probe the server's subscription; {@link Duration#ZERO}
     *     disables the probe; otherwise at least 100 ms; default 60 s
     * @return this builder
     */
    public B subscriptionProbeInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || (!interval.isZero() && interval.toMillis() < 100)) {
            throw new IllegalArgumentException("subscriptionProbeInterval must be zero or at least 100 ms, was " + interval);
        }
        this.probeInterval = interval;
        return self();
    }

    /** Test seam: the codec. */
    B codec(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    /** Test seam: the provider candidates instead of {@link java.util.ServiceLoader}. */
    B discoveryCandidates(List<TransportDiscovery.Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
        return self();
    }

    ClientSettings() {
    }

    /** @return this builder, typed as the subclass */
    abstract B self();

    /** @return an immutable copy of the settings */
    ClientConfig config() {
        return new ClientConfig(serviceId, environment, endpoint, transport, queueCapacity, overflowPolicy,
                actionExecutor, errorHandler, backoffInitial, backoffMultiplier, backoffCap, stablePeriod, probeInterval,
                probeTimeout, heartbeatTimeout, worldSilence, connections, dedupWindow, dedupWithinConnection,
                dedupCapacity, connectionListener, timers, random, codec);
    }

    /**
     * @return the transport to use and whether the client owns it (it does when it was discovered)
     * @throws NoTransportException when no transport was given and none can be found
     */
    Transport resolveTransport() {
        if (transport != null) {
            return transport;
        }
        List<TransportDiscovery.Candidate> found = candidates;
        if (found == null) {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            found = TransportDiscovery.fromServiceLoader(cl != null ? cl : EventClient.class.getClassLoader());
        }
        TransportDiscovery.Result r = TransportDiscovery.choose(found, System.getProperty(TransportDiscovery.PROPERTY));
        return r.provider().create(transportOptions);
    }

    @Override
    public String toString() {
        return "EventClient.Builder[serviceId=" + ServiceIds.redact(serviceId) + ", environment="
                + environment.wireName() + ", endpoint=" + ServiceIds.redactUri(String.valueOf(endpoint))
                + ", queueCapacity=" + queueCapacity
                + ", overflowPolicy=" + overflowPolicy + "]";
    }
}
