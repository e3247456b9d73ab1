package dev.auraxium.testkit;

import dev.auraxium.event.Environment;
import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.testkit.internal.ess.EssHub;
import dev.auraxium.testkit.internal.ess.EssSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The settings of a {@link FakeEssServer}: every setter of {@link FakeEssServer.Builder}, which is
 * the only subclass (get one from {@link FakeEssServer#builder()}). Each setter checks its argument
 * and names a bad value; the one check that needs two settings (a heartbeat phase shorter than the
 * interval) is made by {@link FakeEssServer.Builder#start()}, which takes an immutable copy of the
 * settings, so a builder may be changed and started again.
 *
 * <p>By default a server plays {@link EssFlavour#DAYBREAK} over plain {@code ws://} on 127.0.0.1
 * and a free port, accepts every environment and any {@code s:} service id of letters and digits,
 * reports {@link FakeEssServer#defaultEndpoints(Environment) every environment's worlds} online,
 * keeps each environment's events to its own connections, and sends a heartbeat with a timestamp
 * every {@link FakeEssServer#DEFAULT_HEARTBEAT_INTERVAL 30 seconds}.
 *
 * <p>Not thread-safe: configure a builder on one thread.
 *
 * @param <B> the builder type the setters return, for chaining
 */
public abstract sealed class ServerSettings<B extends ServerSettings<B>> permits FakeEssServer.Builder {
    private Duration heartbeatInterval = FakeEssServer.DEFAULT_HEARTBEAT_INTERVAL;
    private boolean heartbeats = true;
    private boolean heartbeatTimestamps = true;
    private Duration firstHeartbeat;
    private final Map<String, Boolean> endpoints = new LinkedHashMap<>();
    private Set<Environment> environments = EnumSet.allOf(Environment.class);
    private Predicate<String> serviceIdPolicy = EssHub.defaultServiceIdPolicy();
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private boolean crossEnvironment;
    private EssFlavour flavour = EssFlavour.DAYBREAK;
    private Duration heartbeatPhase;
    private boolean tls;

    ServerSettings() {
        for (Environment env : Environment.values()) {
            FakeEssServer.defaultEndpoints(env).forEach(e -> endpoints.put(e, true));
        }
    }

    /**
     * Serves {@code wss://} (TLS) instead of {@code ws://}, as the live service does, with a
     * certificate the test kit ships: self-signed for {@code localhost}, {@code 127.0.0.1} and
     * {@code ::1}. Clients trust it through {@link FakeEssServer#clientSslContext()} or the
     * PEM of {@link FakeEssServer#certificatePem()}; a client with the default trust store
     * refuses it, which is how to test a certificate failure. The key is public, for tests
     * only: never use it to protect anything real.
     *
     * @return this builder
     */
    public B tls() {
        this.tls = true;
        return self();
    }

    /**
     * Chooses which real server to play; see {@link EssFlavour} for what differs.
     *
     * @param flavour the flavour, {@link EssFlavour#DAYBREAK} by default
     * @return this builder
     */
    public B flavour(EssFlavour flavour) {
        this.flavour = Objects.requireNonNull(flavour, "flavour");
        return self();
    }

    /**
     * Fixes the phase of {@link EssFlavour#DAYBREAK} heartbeats instead of drawing it at random:
     * heartbeats go out at the server's start plus this phase plus whole intervals. Ignored by
     * other flavours and when {@link #firstHeartbeatAfter(Duration)} is set.
     *
     * @param phase the offset, not negative and less than the heartbeat interval (checked at
     *     {@link FakeEssServer.Builder#start()})
     * @return this builder
     */
    public B heartbeatPhase(Duration phase) {
        Objects.requireNonNull(phase, "phase");
        if (phase.isNegative()) {
            throw new IllegalArgumentException("heartbeat phase must not be negative, was " + phase);
        }
        this.heartbeatPhase = phase;
        return self();
    }

    /**
     * @param interval the heartbeat period, positive
     * @return this builder
     */
    public B heartbeatInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, was " + interval);
        }
        this.heartbeatInterval = interval;
        this.heartbeats = true;
        return self();
    }

    /**
     * Sets the phase of each connection's heartbeats: the delay from connecting to the first
     * one, the same for every connection and every flavour (by default the flavour decides:
     * see {@link EssFlavour}). {@link Duration#ZERO} sends one right after the connect
     * sequence, handy for a client's readiness tests.
     *
     * @param delay the delay, not negative
     * @return this builder
     */
    public B firstHeartbeatAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("first heartbeat delay must not be negative, was " + delay);
        }
        this.firstHeartbeat = delay;
        return self();
    }

    /**
     * Sends no heartbeats at all, e.g. to test a client's heartbeat watchdog.
     *
     * @return this builder
     */
    public B disableHeartbeats() {
        this.heartbeats = false;
        return self();
    }

    /**
     * @param include false to send heartbeats without {@code timestamp}, as before June 2023
     * @return this builder
     */
    public B heartbeatTimestamps(boolean include) {
        this.heartbeatTimestamps = include;
        return self();
    }

    /**
     * Replaces the endpoints reported in serviceStateChanged messages and heartbeats (by
     * default those of {@link FakeEssServer#defaultEndpoints(Environment)} for every environment). Each
     * connection is told about the endpoints whose world id (the first number in the name)
     * belongs to its environment, or to no known environment (an old world such as
     * {@code EventServerEndpoint_Briggs_25}, or a name without a number, goes to every
     * connection); an {@code environment=all} connection is told about all of them.
     *
     * @param endpoints endpoint name (e.g. {@code EventServerEndpoint_Miller_10}) to online
     *     flag, in report order; may be empty
     * @return this builder
     */
    public B endpoints(Map<String, Boolean> endpoints) {
        Objects.requireNonNull(endpoints, "endpoints");
        Map<String, Boolean> copy = new LinkedHashMap<>();
        endpoints.forEach((k, v) -> copy.put(EssSettings.checkEndpoint(k), Objects.requireNonNull(v, "online flag of " + k)));
        this.endpoints.clear();
        this.endpoints.putAll(copy);
        return self();
    }

    /**
     * Adds or changes one reported endpoint.
     *
     * @param endpoint the endpoint name
     * @param online its state
     * @return this builder
     */
    public B endpoint(String endpoint, boolean online) {
        endpoints.put(EssSettings.checkEndpoint(endpoint), online);
        return self();
    }

    /**
     * @param accepted the environments whose {@code environment} value is accepted; others get 403
     * @return this builder
     */
    public B environments(Environment... accepted) {
        Objects.requireNonNull(accepted, "accepted");
        if (accepted.length == 0 || Arrays.asList(accepted).contains(null)) {
            throw new IllegalArgumentException("accept at least one environment, none null; was " + Arrays.toString(accepted));
        }
        this.environments = EnumSet.copyOf(Arrays.asList(accepted));
        return self();
    }

    /**
     * Accepts exactly these service ids; every other one gets 403.
     *
     * @param ids the accepted ids, e.g. {@code s:myservice}
     * @return this builder
     */
    public B acceptServiceIds(String... ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.length == 0 || Arrays.stream(ids).anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("accept at least one service id, none null or blank; was "
                    + Arrays.stream(ids).map(ServiceIds::redact).toList());
        }
        this.serviceIdPolicy = Set.copyOf(Arrays.asList(ids))::contains;
        return self();
    }

    /**
     * Decides service ids by a predicate; the default accepts {@code s:} plus letters and
     * digits.
     *
     * @param policy true for an accepted id
     * @return this builder
     */
    public B serviceIdPolicy(Predicate<String> policy) {
        this.serviceIdPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /**
     * @param address where to listen; default the loopback address 127.0.0.1
     * @return this builder
     */
    public B bindAddress(InetAddress address) {
        this.bindAddress = Objects.requireNonNull(address, "address");
        return self();
    }

    /**
     * Sends every world's events to every connection whose subscription selects them, whatever
     * the connection's environment: like the Nanite Systems proxy, which serves PC and PS4
     * worlds on one connection. By default (false) each environment is its own stream, as on
     * the live service: an event of a world known to belong to another environment is not sent.
     *
     * @param on true for every world on every connection
     * @return this builder
     */
    public B crossEnvironment(boolean on) {
        this.crossEnvironment = on;
        return self();
    }

    /**
     * @param port the port, 0 (the default) for any free one
     * @return this builder
     */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        this.port = port;
        return self();
    }

    /** @return this builder, typed as the subclass */
    abstract B self();

    /**
     * @return an immutable, checked copy of the settings
     * @throws IllegalArgumentException if the heartbeat phase is not less than the interval
     */
    EssSettings settings() {
        return new EssSettings(heartbeats ? Optional.of(heartbeatInterval) : Optional.empty(),
                Optional.ofNullable(firstHeartbeat), heartbeatTimestamps, endpoints, environments, serviceIdPolicy,
                bindAddress, port, crossEnvironment, flavour, heartbeatPhase, tls);
    }
}
