package dev.auraxium.bench;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.jdk.JdkTransport;
import dev.auraxium.transport.jdk.SocketTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end through a real WebSocket on loopback, one operation = one event, so scores are events
 * per second. Each invocation makes the {@link FakeEssServer} replay {@value Workload#EVENTS}
 * synthetic events as fast as possible ({@link ReplayOnSubscribe}) and waits until the receiver
 * counted them all:
 * <ul>
 *   <li>{@code client}: JDK transport, decode, queue, index, one trigger on every event that
 *       counts: what a user of {@link EventClient} gets;</li>
 *   <li>{@code transportOnly}: the JDK transport with a listener that only counts event frames
 *       (no decode): the ceiling of any client on this transport;</li>
 *   <li>{@code serverPush}: a raw socket reader that only parses frame headers
 *       ({@link RawWsReader}): how fast the server pushes. It must be at least twice the
 *       {@code client} figure, or {@code client} measures the server.</li>
 * </ul>
 * {@code clientLargeReads} and {@code transportOnlyLargeReads} are the same two in a JVM started
 * with {@value #LARGE_READS}: the JDK's HTTP client reads the socket 16 KB at a time by default,
 * and with a thread-pool executor each read costs a hand-over from its selector thread to a pool
 * thread, during which the receiving thread idles (see {@code JdkTransport}'s javadoc on
 * throughput). The parameter
 * {@code executor} runs each receiver on the transport's own HTTP client ({@code own}, whose
 * executor runs tasks inline, without that hand-over) and on one with the JDK's default thread
 * pool ({@code pool}).
 *
 * <p>With the default {@code endpoint} the server runs in this JVM (both share the 2 cores); with
 * {@code -p endpoint=ws://127.0.0.1:8765/streaming} the benchmark connects to a
 * {@link BenchServer} in another process.
 *
 * <pre>java -jar auraxium-bench/target/benchmarks.jar EndToEndBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EndToEndBenchmark {
    /** The JVM option of the {@code …LargeReads} benchmarks: 128 KB socket reads in the JDK client. */
    static final String LARGE_READS = "-Djdk.httpclient.bufsize=131072";
    static final long WAIT_SECONDS = 120;
    static final String SERVICE_ID = "s:bench";

    /** Where the server is: in this JVM (empty endpoint) or another process. */
    @State(Scope.Benchmark)
    public static class Server {
        /** Empty: start a server in this JVM; else the ws:// URI of a running {@link BenchServer}. */
        @Param({""})
        public String endpoint;

        /** Events per replay; only the smoke test lowers it (an external BenchServer always sends EVENTS). */
        int events = Workload.EVENTS;
        FakeEssServer server;
        ReplayOnSubscribe replays;
        URI uri;

        @Setup(Level.Trial)
        public void start() {
            if (endpoint == null || endpoint.isBlank()) {
                server = FakeEssServer.builder().disableHeartbeats().start();
                replays = new ReplayOnSubscribe(server, Workload.recording(events));
                uri = server.uri();
            } else {
                uri = URI.create(endpoint);
            }
        }

        /** @return the URI with the environment and service id query a transport-level client needs */
        URI withQuery() {
            return URI.create(uri + "?environment=" + Environment.PS2.wireName() + "&service-id=" + SERVICE_ID);
        }

        @TearDown(Level.Trial)
        public void stop() {
            if (replays != null) {
                replays.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * The transport of a receiver: {@code own} = the JDK transport on its own HTTP client (its
     * executor runs tasks inline, on the client's selector thread); {@code pool} = the JDK
     * transport on an HTTP client made with the JDK's defaults (a thread-pool executor: one
     * hand-over per socket read); {@code socket} = {@link SocketTransport} (a blocking socket, one
     * reader thread per connection).
     */
    static dev.auraxium.transport.Transport transport(String executor) {
        return switch (executor) {
            case "own" -> JdkTransport.builder().build();
            case "pool" -> JdkTransport.builder().httpClient(HttpClient.newBuilder().build()).build();
            case "socket" -> SocketTransport.builder().build();
            default -> throw new IllegalArgumentException("executor must be own, pool or socket, was " + executor);
        };
    }

    /** An {@link EventClient} on the JDK transport, connected and ready, with a placeholder trigger. */
    @State(Scope.Benchmark)
    public static class Client {
        final Countdown events = new Countdown();
        /** See {@link EndToEndBenchmark#transport(String)}. */
        @Param({"own", "pool", "socket"})
        public String executor = "own";
        dev.auraxium.transport.Transport transport;
        EventClient client;
        Trigger<?> counting;

        @Setup(Level.Trial)
        public void connect(Server server) throws InterruptedException, TimeoutException {
            transport = transport(executor);
            client = EventClient.builder().transport(transport).endpoint(server.uri).serviceId(SERVICE_ID)
                    .environment(Environment.PS2).subscriptionProbeInterval(Duration.ZERO).build();
            // Keeps the connection open between invocations; it matches nothing the replay sends.
            client.addTrigger(Trigger.on(PlayerLogin.class).characters(1L).name("placeholder").build());
            client.awaitReady(Duration.ofSeconds(30));
            counting = Trigger.on(Event.class).name("count").action(e -> events.arrived()).build();
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
            transport.close();
        }
    }

    /** The JDK transport with a listener that only counts event frames. */
    @State(Scope.Benchmark)
    public static class Transport {
        final Countdown events = new Countdown();
        /** See {@link EndToEndBenchmark#transport(String)}. */
        @Param({"own", "pool", "socket"})
        public String executor = "own";
        dev.auraxium.transport.Transport transport;
        TransportConnection connection;

        @Setup(Level.Trial)
        public void connect(Server server) throws Exception {
            transport = transport(executor);
            connection = transport.connect(server.withQuery(), new TransportListener() {
                @Override
                public void onText(TransportConnection c, String message) {
                    if (message.startsWith("{\"payload\"")) {
                        events.arrived();
                    }
                }
            }).get(30, TimeUnit.SECONDS);
            connection.request(Long.MAX_VALUE);
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.abort();
            transport.close();
        }
    }

    /** A raw socket reader that only counts frames. */
    @State(Scope.Benchmark)
    public static class Raw {
        final Countdown events = new Countdown();
        RawWsReader reader;

        @Setup(Level.Trial)
        public void connect(Server server) throws IOException {
            reader = new RawWsReader(server.withQuery(), events);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            reader.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public long client(Server s, Client c) {
        return client(c, s.events, WAIT_SECONDS);
    }

    static long client(Client c, int events, long waitSeconds) {
        c.events.arm(events);
        c.client.addTrigger(c.counting); // subscribes to all events: the server starts the replay
        long n = c.events.await(waitSeconds, TimeUnit.SECONDS);
        c.client.removeTrigger(c.counting, true);
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LARGE_READS})
    public long clientLargeReads(Server s, Client c) {
        return client(c, s.events, WAIT_SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public long transportOnly(Server s, Transport t) {
        return transportOnly(t, s.events, WAIT_SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", LARGE_READS})
    public long transportOnlyLargeReads(Server s, Transport t) {
        return transportOnly(t, s.events, WAIT_SECONDS);
    }

    static long transportOnly(Transport t, int events, long waitSeconds) {
        t.events.arm(events);
        t.connection.sendText(ReplayOnSubscribe.START);
        long n = t.events.await(waitSeconds, TimeUnit.SECONDS);
        t.connection.sendText(ReplayOnSubscribe.STOP);
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public long serverPush(Server s, Raw r) {
        return serverPush(r, s.events, WAIT_SECONDS);
    }

    static long serverPush(Raw r, int events, long waitSeconds) {
        r.events.arm(events);
        try {
            r.reader.send(ReplayOnSubscribe.START);
            long n = r.events.await(waitSeconds, TimeUnit.SECONDS);
            r.reader.send(ReplayOnSubscribe.STOP);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
