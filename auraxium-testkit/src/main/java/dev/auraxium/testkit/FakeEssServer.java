package dev.auraxium.testkit;

import dev.auraxium.internal.serviceid.ServiceIds;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.testkit.internal.ess.EssHub;
import dev.auraxium.testkit.internal.ess.EssSettings;
import dev.auraxium.testkit.internal.ess.WsGateway;
import dev.auraxium.testkit.internal.replay.ReplayRun;
import dev.auraxium.testkit.internal.tls.TestCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A fake PlanetSide 2 Event Streaming Service: a real WebSocket server on loopback that speaks
 * the ESS as the protocol page of the core module's javadoc describes ({@code dev.auraxium.protocol},
 * "The ESS protocol"), so clients are tested against the protocol instead of a mock of their own
 * making.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Upgrade requests go to {@code /streaming?environment=…&service-id=…}. An environment
 *       other than the accepted ones, or a service id the policy refuses, gets HTTP 403, as the
 *       live service answers; any other path gets 404. ({@link EssFlavour#NSS} also accepts
 *       {@code environment=all} and takes a missing environment as {@code ps2}.)</li>
 *   <li>On connect: {@code connectionStateChanged} connected "true", the help prompt, one
 *       {@code serviceStateChanged} per endpoint of the connection's environment, then a
 *       heartbeat every interval (30 s by default; when the first one comes depends on the
 *       {@linkplain Builder#flavour(EssFlavour) flavour} unless
 *       {@link Builder#firstHeartbeatAfter(Duration)} fixes it).</li>
 *   <li>It plays one {@linkplain EssFlavour flavour} of the live service, Daybreak's own server
 *       by default: the flavour decides how replies and heartbeats are written, which
 *       environments are accepted and which commands are silently ignored.</li>
 *   <li>Each connection has its own subscription, merged by the server's rules (additive
 *       {@code subscribe}, exact {@code clearSubscribe}, one logicalAnd flag) and answered after
 *       every {@code subscribe} and {@code clearSubscribe} in both reply shapes (characters
 *       listed or counted). Events are delivered by
 *       {@link dev.auraxium.protocol.Subscription#selects(Event)}, the server's matching model.
 *       An event whose world belongs to another environment's list is not sent to a connection
 *       of this one, unless {@link Builder#crossEnvironment(boolean)}; unknown worlds go to every
 *       environment.</li>
 *   <li>{@code echo}, {@code help}, {@code recentCharacterIds} and {@code recentCharacterIdsCount}
 *       are answered ({@code recentCharacterIds} from the characters of recently published
 *       events); malformed JSON, unknown services and unknown actions get silence.</li>
 *   <li>Every text a client sends is recorded: {@link #takeClientMessage(Duration)}.</li>
 *   <li>{@link #faults()} injects the failures the live service shows.</li>
 * </ul>
 *
 * <h2>Lifecycle and threading</h2>
 * {@link #start()} or {@code builder()….start()} binds the socket (127.0.0.1, a free port by
 * default); {@link #close()} ends every connection with close code 1001, frees the port and wakes
 * threads blocked in {@link #takeClientMessage} or {@link #awaitConnections}; it is idempotent.
 * Every method is thread-safe. {@link #publish(String)} never blocks on a slow or non-reading
 * client: each connection has its own bounded write queue.
 *
 * <pre>{@code
 * try (FakeEssServer server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(200)).start()) {
 *     URI uri = server.uri(Environment.PS2, "s:example");   // ws://127.0.0.1:port/streaming?...
 *     // connect a client, let it subscribe ...
 *     ClientMessage sub = server.takeClientMessage(Duration.ofSeconds(5));
 *     PlayerLogin login = PlayerLogin.builder().worldId(13).build();   // whole seconds, as on the wire
 *     server.awaitSubscribers(login, 1, Duration.ofSeconds(5));       // a subscription selects it
 *     server.publish(login);
 * }
 * }</pre>
 *
 * <p>{@link InMemoryTransport} connects a client to the same server without sockets.
 */
public final class FakeEssServer implements AutoCloseable {
    /** The default heartbeat interval, the live service's: 30 seconds. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /**
     * The PC ({@code ps2}) world endpoints reported by default, all online, as the live service
     * spells them (note {@code Soltech} with a lower-case "t").
     */
    public static final List<String> DEFAULT_ENDPOINTS = EssSettings.DEFAULT_ENDPOINTS.get(Environment.PS2);

    private final EssHub hub;
    private final WsGateway gateway;
    private final Faults faults;
    private final URI uri;

    private FakeEssServer(EssHub hub, WsGateway gateway) {
        this.hub = hub;
        this.gateway = gateway;
        this.faults = new Faults(hub);
        this.uri = gateway.uri();
    }

    /**
     * The endpoints a connection of an environment is told about by default.
     *
     * @param environment the environment
     * @return {@link #DEFAULT_ENDPOINTS} for {@code ps2}, {@code EventServerEndpoint_Genudine_1000}
     *     for {@code ps2ps4us}, {@code EventServerEndpoint_Ceres_2000} for {@code ps2ps4eu}
     */
    public static List<String> defaultEndpoints(Environment environment) {
        return EssSettings.DEFAULT_ENDPOINTS.get(Objects.requireNonNull(environment, "environment"));
    }

    /** @return a new builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a server with every default.
     *
     * @return the running server
     * @throws UncheckedIOException if the socket cannot be bound
     */
    public static FakeEssServer start() {
        return builder().start();
    }

    /**
     * @return {@code ws://127.0.0.1:<port>/streaming} ({@code wss://} with {@link Builder#tls()}),
     *     without query (the bound address; loopback when bound to the wildcard address)
     */
    public URI uri() {
        return uri;
    }

    /**
     * @param environment the environment to ask for
     * @param serviceId the service id to send, e.g. {@code s:example}
     * @return {@link #uri()} with the {@code environment} and {@code service-id} query
     */
    public URI uri(Environment environment, String serviceId) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(serviceId, "serviceId");
        return ServiceIds.withQuery(uri, environment, serviceId);
    }

    /** @return the bound port */
    public int port() {
        return gateway.address().getPort();
    }

    /** @return whether this server speaks TLS ({@code wss://}); see {@link Builder#tls()} */
    public boolean isTls() {
        return hub.settings().tls();
    }

    /**
     * A TLS context that trusts the test kit's certificate and nothing else: what a client needs
     * to connect to a {@link Builder#tls()} server. For the JDK transport:
     * {@code JdkTransport.builder().sslContext(server.clientSslContext()).build()}, or
     * {@code HttpClient.newBuilder().sslContext(server.clientSslContext())} for a client of your own.
     * The certificate is the same for every server, so the context may be shared.
     *
     * @return a new, initialised context
     */
    public SSLContext clientSslContext() {
        return TestCertificate.clientContext();
    }

    /**
     * The test kit's certificate in PEM form, for clients outside the JVM (e.g.
     * {@code auraxium tail --trust-cert}, {@code curl --cacert}, Node's {@code NODE_EXTRA_CA_CERTS}).
     * It is self-signed for {@code CN=localhost} with the alternative names {@code localhost},
     * {@code 127.0.0.1} and {@code ::1}, valid until 2126. Its private key ships inside the test
     * kit, so it is public: a certificate for tests on loopback, never for anything real.
     *
     * @return the PEM text, {@code -----BEGIN CERTIFICATE-----} to {@code -----END CERTIFICATE-----}
     */
    public String certificatePem() {
        return TestCertificate.pem();
    }

    /** @return the flavour of ESS this server plays */
    public EssFlavour flavour() {
        return hub.settings().flavour();
    }

    /**
     * The phase of this server's heartbeats when it plays {@link EssFlavour#DAYBREAK}: heartbeats
     * go out at this offset from the server's start plus whole intervals, to every connection at
     * once, so a connection's first one comes anywhere within its first interval. Drawn at random
     * at start unless {@link Builder#heartbeatPhase(Duration)} set it; pass it there to repeat a run.
     *
     * @return the phase, or empty when it does not apply (another flavour, heartbeats disabled,
     *     or {@link Builder#firstHeartbeatAfter(Duration)} fixed the first heartbeat instead)
     */
    public Optional<Duration> heartbeatPhase() {
        EssSettings s = hub.settings();
        if (s.flavour() != EssFlavour.DAYBREAK || s.heartbeatInterval().isEmpty() || s.firstHeartbeat().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(s.heartbeatPhase());
    }

    /**
     * Publishes an event to every open, not stalled connection whose subscription selects it.
     *
     * @param event the event
     * @return how many connections it was sent to
     */
    public int publish(Event event) {
        Objects.requireNonNull(event, "event");
        return hub.publish(event);
    }

    /**
     * Publishes a raw frame, sent unchanged. A {@code serviceMessage} carrying an event goes where
     * the event is selected (the frame is decoded once, to match it); any other frame, even one
     * that does not parse, goes to every open, not stalled connection. Fast and thread-safe.
     *
     * @param frame the frame text
     * @return how many connections it was sent to
     */
    public int publish(String frame) {
        Objects.requireNonNull(frame, "frame");
        return hub.publish(frame);
    }

    /**
     * Replays a recording's game events into this server on a daemon thread: each event frame is
     * published as by {@link #publish(String)}, so every connection gets what its subscription
     * selects, in recording order. Heartbeats, connection and service state frames, help prompts
     * and subscription replies in the recording are skipped (this server makes its own), client
     * commands are skipped, and bare event payloads are sent in the live envelope; see
     * {@link Recording#replay(ReplaySpeed, java.util.function.Consumer)}. The replay ends when the
     * recording does, when the handle is cancelled, or when this server is closed (its completion
     * then fails with an {@link IllegalStateException}).
     *
     * @param recording what to replay
     * @param speed how fast: real time, x N, or as fast as possible
     * @return the running replay; {@link ReplayProgress#deliveries()} counts connections reached
     * @throws IllegalStateException if this server is closed
     */
    public ReplayHandle replay(Recording recording, ReplaySpeed speed) {
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(speed, "speed");
        if (hub.isClosed()) {
            throw new IllegalStateException("server is closed: " + uri);
        }
        // The replay decodes each frame to classify it; handing that event on spares the hub a second decode.
        return ReplayRun.start(recording.frames(), speed, (ReplayRun.EventSink) hub::publish, () -> !hub.isClosed());
    }

    /**
     * Replays a recording to one connection only, as the live service streams to each client on
     * its own: its subscription, environment, a stall or duplication fault apply exactly as to
     * {@link #publish(Event)}. The replay stops early when the connection or the server closes.
     *
     * @param connectionId a connection of this server (see {@link #connections()})
     * @param recording the frames to send; frames that are not events are skipped
     * @param speed how fast
     * @return a handle to wait for or cancel the replay; its deliveries count the frames sent
     * @throws IllegalArgumentException for an unknown connection id
     */
    public ReplayHandle replayTo(long connectionId, Recording recording, ReplaySpeed speed) {
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(speed, "speed");
        hub.session(connectionId); // an unknown id fails here, with the known ones in the message
        return ReplayRun.start(recording.frames(), speed,
                (ReplayRun.EventSink) (text, event) -> hub.publishTo(connectionId, text, event),
                () -> !hub.isClosed() && hub.isOpen(connectionId));
    }

    /**
     * Sets an endpoint's (world's) state: later heartbeats report it, and every live connection
     * is sent a {@code serviceStateChanged} when the state changed.
     *
     * @param endpoint e.g. {@code EventServerEndpoint_Miller_10}
     * @param online the new state
     */
    public void setEndpointOnline(String endpoint, boolean online) {
        EssSettings.checkEndpoint(endpoint);
        hub.endpoint(endpoint, online);
    }

    /**
     * @return snapshots of the open connections and of the most recently closed ones (the newest
     *     256), by ascending id; older closed connections are forgotten, so that a server running for
     *     hours with reconnecting clients stays bounded
     */
    public List<ConnectionSnapshot> connections() {
        return hub.snapshots();
    }

    /**
     * Waits until at least {@code n} connections are open at once.
     *
     * @param n how many
     * @param timeout how long to wait at most
     * @return true when they are, false on timeout or when the server closed
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitConnections(int n, Duration timeout) throws InterruptedException {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return hub.awaitOpen(n, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Waits until the server has applied subscriptions that select {@code event} on at least
     * {@code atLeast} open connections, so that a {@link #publish(Event)} right after reaches them.
     * A client subscribes asynchronously: after {@code client.addTrigger(...)} returns, its
     * {@code subscribe} may still be on the way, and publishing at once is a race that the event
     * may lose. Wait with this first:
     *
     * <pre>{@code
     * client.addTrigger(Trigger.on(PlayerLogin.class).action(events).build());
     * PlayerLogin login = PlayerLogin.builder().build();
     * server.awaitSubscribers(login, 1, Duration.ofSeconds(10));
     * server.publish(login);                   // now certain to be sent to that client
     * }</pre>
     *
     * <p>A connection counts when it is open, its subscription selects the event by the server's
     * matching rules ({@link dev.auraxium.protocol.Subscription#selects(Event)}), and the event's
     * world does not belong to another environment (see the class documentation); a stall fault is
     * not considered. Thread-safe; returns at once when enough connections already select it.
     *
     * @param event the event about to be published
     * @param atLeast how many connections must select it, 1 or more
     * @param timeout how long to wait at most, positive
     * @return how many open connections select it, at least {@code atLeast}
     * @throws java.util.concurrent.TimeoutException when too few did within the timeout; the message
     *     names each open connection's subscription
     * @throws IllegalStateException when the server is closed while waiting
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitSubscribers(Event event, int atLeast, Duration timeout)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timeout, "timeout");
        if (atLeast < 1) {
            throw new IllegalArgumentException("atLeast must be at least 1, was " + atLeast);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return hub.awaitSubscribers(event, atLeast, timeout);
    }

    /**
     * Takes the oldest client message not taken yet, waiting for one. A message is recorded once
     * the server has handled it, so its effect (e.g. a changed subscription) is visible.
     *
     * @param timeout how long to wait at most
     * @return the message, or null on timeout or when the server closed
     * @throws InterruptedException if interrupted while waiting
     */
    public ClientMessage takeClientMessage(Duration timeout) throws InterruptedException {
        return hub.take(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * @return the client messages received, taken or not, oldest first: the newest 10,000, and of
     *     those at most 16 Mi characters in all (a client message is at most 1 MiB; a larger one closes
     *     its connection with 1009)
     */
    public List<ClientMessage> clientMessages() {
        return hub.clientMessages();
    }

    /** @return the character ids of recently published events, oldest first */
    public List<Long> recentCharacterIds() {
        return hub.recentCharacterIds();
    }

    /** @return the fault injector of this server */
    public Faults faults() {
        return faults;
    }

    EssHub hub() {
        return hub;
    }

    /** Ends every connection, frees the port and wakes blocked threads. Idempotent. */
    @Override
    public void close() {
        hub.close();
        gateway.close();
    }

    @Override
    public String toString() {
        return "FakeEssServer[" + uri + "]";
    }

    /**
     * Configures and starts a {@link FakeEssServer}; the setters, with the defaults, are those of
     * {@link ServerSettings}. Not thread-safe; {@link #start()} may be called more than once, each
     * call starting a new server.
     */
    public static final class Builder extends ServerSettings<Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Binds the socket and starts serving.
         *
         * @return the running server
         * @throws IllegalArgumentException if the {@linkplain #heartbeatPhase(Duration) heartbeat
         *     phase} is not less than the heartbeat interval
         * @throws UncheckedIOException if the socket cannot be bound
         */
        public FakeEssServer start() {
            EssSettings settings = settings();
            EssHub hub = new EssHub(settings);
            try {
                return new FakeEssServer(hub, WsGateway.start(hub));
            } catch (IOException e) {
                hub.close();
                throw new UncheckedIOException("cannot start FakeEssServer on " + settings.bindAddress().getHostAddress()
                        + ":" + settings.port() + ": " + e.getMessage(), e);
            }
        }
    }
}
