package dev.auraxium.transport.jdk;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.jdk.internal.BuilderChecks;
import dev.auraxium.transport.jdk.internal.OpenConnections;
import dev.auraxium.transport.jdk.internal.ConnectFailures;
import dev.auraxium.transport.jdk.internal.JdkConnection;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The ESS {@link Transport} on {@code java.net.http.WebSocket}, the JDK's own WebSocket client.
 *
 * <p>Build one with {@link #builder()} to pass your own {@link HttpClient} (proxy, SSL context,
 * executor), a connect timeout or extra upgrade-request headers; {@link JdkTransportProvider}
 * makes one with {@link #create(TransportOptions)} when the client finds this module by
 * {@code ServiceLoader}.
 *
 * <pre>{@code
 * try (JdkTransport transport = JdkTransport.builder()
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .header("User-Agent", "my-tracker/1.0")
 *         .build()) {
 *     TransportConnection connection = transport.connect(uri, listener).join();
 *     connection.request(Long.MAX_VALUE);
 *     connection.sendText("{\"service\":\"event\",\"action\":\"echo\",\"payload\":{}}");
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Fragmented text messages are reassembled; the listener only sees whole messages.</li>
 *   <li>Demand: the listener receives no message beyond what was
 *       {@linkplain TransportConnection#request(long) requested}. While no demand is outstanding
 *       the transport does not read from the socket, so a fast server is held back by TCP flow
 *       control instead of filling this process's memory. Pings, pongs and fragments do not use
 *       up the user's demand.</li>
 *   <li>Sends are queued and written one at a time in call order; {@code close(code, reason)}
 *       sends its close frame after the sends queued before it, then waits up to the
 *       {@linkplain Builder#closeTimeout(Duration) close timeout} for the peer's close frame
 *       before aborting. {@code abort()} reports {@code onClose(1006, …)}.</li>
 *   <li>A connection that drops without a close frame reports {@code onClose(1006, …)}; a
 *       protocol or I/O error reports {@code onError}. Exactly one of the two, once.
 *       <b>Known JDK limitation</b> (seen on Java 17): when the end of the stream arrives while
 *       the JDK's WebSocket holds no demand for the next frame (no demand outstanding, or in the
 *       instant between two messages), the JDK drops it and reports nothing; the connection then
 *       stays silent. {@code EventClient}'s heartbeat watchdog bounds the damage: such a
 *       connection is replaced after the heartbeat timeout. Other users of this transport
 *       should keep a similar watchdog.</li>
 *   <li>A refused upgrade fails the connect future with a {@link TransportException} carrying the
 *       HTTP status and {@code Retry-After}; timeouts, refused connections, unknown hosts and TLS
 *       failures each get their own plain message. Messages never show the service id whole.</li>
 *   <li>A message over {@link TransportBuilder#maxMessageChars(int)} closes the connection; the
 *       listener is told {@code onClose(1009, …)}, but the close frame on the wire carries 1000
 *       and the reason: the JDK's WebSocket sends no other code below 3000.</li>
 *   <li>An exception thrown by the listener is logged and the connection goes on.</li>
 * </ul>
 *
 * <h2>Throughput</h2>
 * The JDK's HTTP client reads the socket on its selector thread and passes each read buffer to its
 * executor. The transport's own client runs those tasks inline, on the selector thread: with the
 * JDK's usual thread pool every socket read is a hand-over to a pool thread, and on loopback the
 * transport alone received about 630,000 messages a second inline against about 400,000 pooled
 * (BENCHMARKS.md). A client passed to {@link Builder#httpClient(HttpClient)} keeps its own
 * executor. The read buffer is {@code jdk.httpclient.bufsize} bytes (16 KB by default; a JVM-wide
 * system property that belongs to the application, so this transport never sets it); larger
 * buffers mostly help a pooled client. None of this matters at the live ESS's rate of a few
 * hundred events a second.
 *
 * <h2>Threading and lifecycle</h2>
 * Thread-safe: connect from any thread, any number of connections. Listener calls follow the
 * {@link TransportListener} contract (one at a time, in order, returning quickly); with the
 * transport's own client they run on that client's selector thread (with a client passed in, on
 * its executor) or, for a final {@code onClose} caused by {@code abort()}, on the aborting thread.
 * A listener that blocks holds up every connection of the transport. {@link #close()} aborts
 * every connection this transport opened and, when the transport made its own
 * {@code HttpClient}, shuts that client down on Java 21 or later; on Java 17 the JDK keeps the
 * client's selector thread until the client is garbage-collected. A client passed to the builder
 * is never shut down: it belongs to the caller.
 */
public final class JdkTransport implements Transport {
    /** How long {@code close(code, reason)} waits for the peer's close frame: 5 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = TransportBuilder.DEFAULT_CLOSE_TIMEOUT;
    /** The largest text message accepted by default: 1 Mi characters. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = TransportBuilder.DEFAULT_MAX_MESSAGE_CHARS;

    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");

    private final HttpClient client;
    /** Whether {@link #client} is ours to shut down (not one the caller passed in). */
    private final boolean ownsClient;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final int maxMessageChars;
    private final AtomicLong oversizedMessages = new AtomicLong();
    private final Map<String, String> headers;
    private final OpenConnections<JdkConnection> connections = new OpenConnections<>(JdkConnection::abort);

    private JdkTransport(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.closeTimeout = builder.closeTimeout;
        this.maxMessageChars = builder.maxMessageChars;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        if (builder.httpClient != null) {
            this.client = builder.httpClient;
            this.ownsClient = false;
        } else {
            this.ownsClient = true;
            // Tasks run inline: the WebSocket's receive work stays on the client's selector thread
            // instead of being handed to a pool thread per socket read (see "Throughput").
            HttpClient.Builder b = HttpClient.newBuilder()
                    .executor(Runnable::run)
                    .connectTimeout(connectTimeout);
            if (builder.sslContext != null) {
                b.sslContext(builder.sslContext);
            }
            this.client = b.build();
        }
    }

    /** @return a builder with the defaults: own {@code HttpClient}, 10 s connect timeout, no extra headers */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param options the connect timeout and headers to use
     * @return a transport with its own {@code HttpClient}
     */
    public static JdkTransport create(TransportOptions options) {
        return builder().options(options).build();
    }

    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        BuilderChecks.connectArguments(uri, listener);
        if (connections.isClosed()) {
            return CompletableFuture.failedFuture(new TransportException("The JDK transport is closed", null));
        }
        JdkConnection connection = new JdkConnection(uri, listener, closeTimeout, maxMessageChars, oversizedMessages,
                connections::remove);
        connections.add(connection);
        if (connections.isClosed()) {
            return connection.opened(); // aborted by the close that raced this connect
        }
        WebSocket.Builder request = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(request::header);
        request.buildAsync(uri, connection).whenComplete((ws, error) -> {
            if (error != null) {
                connection.failOpen(ConnectFailures.map(error, uri, connectTimeout, Clock.systemUTC()));
            } else {
                connection.attach(ws);
            }
        });
        return connection.opened();
    }

    @Override
    public String name() {
        return "jdk";
    }

    /** @return how long a connection attempt may take */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the largest text message a connection accepts, in characters */
    public int maxMessageChars() {
        return maxMessageChars;
    }

    /**
     * Messages over {@link #maxMessageChars()} received so far, on every connection of this
     * transport. Each one closed its connection with 1009 (the client then reconnects) and was
     * logged once at WARNING. Thread-safe.
     *
     * @return how many
     */
    public long oversizedMessages() {
        return oversizedMessages.get();
    }

    /** @return the extra upgrade-request headers; unmodifiable */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public void close() {
        if (!connections.close()) {
            return;
        }
        if (ownsClient) {
            shutDownClientIfSupported();
        }
    }

    @Override
    public String toString() {
        return "JdkTransport[connections=" + connections.size() + (connections.isClosed() ? ", closed]" : "]");
    }

    /** {@code HttpClient.shutdownNow()} exists from Java 21; this module targets 17. */
    private void shutDownClientIfSupported() {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (NoSuchMethodException onJava17) {
            // the selector thread ends when the client is garbage-collected
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not shut down the HttpClient", e);
        }
    }

    /**
     * Builds a {@link JdkTransport}. Not thread-safe; each setter checks its argument at once.
     *
     * <pre>{@code
     * JdkTransport transport = JdkTransport.builder()
     *         .httpClient(HttpClient.newBuilder().proxy(ProxySelector.of(proxyAddress)).build())
     *         .connectTimeout(Duration.ofSeconds(5))
     *         .build();
     * }</pre>
     */
    public static final class Builder extends TransportBuilder<Builder> {
        private HttpClient httpClient;
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Uses the caller's client (proxy, SSL context, executor). The transport never shuts it down.
         *
         * @param client the client to open connections with
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * Trusts the servers this TLS context trusts (for {@code wss://}), on the transport's own
         * client; by default the JVM's trust store decides. For a test server of your own, e.g.
         * {@code FakeEssServer.builder().tls()}, pass its {@code clientSslContext()}. Not
         * together with {@link #httpClient(HttpClient)}: give that client the context instead.
         *
         * @param context an initialised TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /**
         * @return a new transport; close it when done
         * @throws IllegalStateException if both {@link #httpClient(HttpClient)} and
         *     {@link #sslContext(SSLContext)} were given
         */
        public JdkTransport build() {
            if (httpClient != null && sslContext != null) {
                throw new IllegalStateException("give either httpClient(...) or sslContext(...), not both: "
                        + "set the SSLContext on your HttpClient (HttpClient.newBuilder().sslContext(...))");
            }
            return new JdkTransport(this);
        }
    }
}
