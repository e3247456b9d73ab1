package dev.auraxium.transport.jdk;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.jdk.internal.BuilderChecks;
import dev.auraxium.transport.jdk.internal.OpenConnections;
import dev.auraxium.transport.jdk.internal.SocketConnection;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The ESS {@link Transport} on a plain blocking socket ({@code java.net.Socket}, with
 * {@code javax.net.ssl} for {@code wss://}), with this library's own WebSocket client framing
 * (RFC 6455): the cheapest transport per event, for a long-running client.
 *
 * <p>Each connection has one thread of its own that blocks in {@code read}; an event costs one
 * wake-up of that thread and one read, where the JDK's {@code java.net.http.WebSocket}
 * ({@link JdkTransport}) passes it through its selector and several hand-overs. At the live
 * service's rate of a few hundred events a second this cuts the process's CPU time by about 40%,
 * and at full speed it decodes text without the JDK's per-byte path and allocates less than half
 * as much per event (see BENCHMARKS.md, "Session 4").
 * {@link JdkTransport} remains the default found by {@code ServiceLoader}; choose this one with the
 * system property {@code -Dauraxium.transport=socket}, through {@link SocketTransportProvider}, or
 * by giving it to the client's builder:
 *
 * <pre>{@code
 * try (SocketTransport transport = SocketTransport.builder().connectTimeout(Duration.ofSeconds(5)).build();
 *         EventClient client = EventClient.builder().transport(transport).build()) { ... }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * The same contract as {@link JdkTransport}, with these differences:
 * <ul>
 *   <li>No HTTP proxy support: the connection goes straight to the URI's host. Use
 *       {@link JdkTransport} with an {@code HttpClient} that has a proxy when you need one.</li>
 *   <li>Demand: while no demand is outstanding the connection's thread waits and reads nothing, so
 *       a fast server is held back by TCP flow control. Pings are answered and pongs ignored
 *       without using demand.</li>
 *   <li>A message over {@link Builder#maxMessageChars(int)} closes the connection with the close
 *       code 1009 on the wire as well as in {@code onClose}; at most three bytes per allowed
 *       character are ever buffered.</li>
 *   <li>A text message that is not valid UTF-8, a masked or reserved-bit frame, or any other
 *       protocol violation closes the connection (1007 or 1002) and reports {@code onError}.</li>
 *   <li>A connection that drops without a close frame reports {@code onClose(1006, …)} once the
 *       messages before the drop were delivered; while no demand is outstanding nothing is read,
 *       so the drop is seen when demand is next requested (keep demand outstanding, as
 *       {@code EventClient} does, to learn of it at once).</li>
 *   <li>Read coalescing ({@link Builder#readCoalescing(Duration)}, off by default): after a read
 *       that emptied a slow stream, the connection's thread pauses that long before reading again,
 *       so that the messages arriving meanwhile are read and handed on together. At the live rate
 *       this cuts the process's CPU time by about three quarters (one wake-up per pause instead of
 *       two per event), for at most that much added latency; a fast stream is never paused.</li>
 *   <li>Sends are written in call order by a small pool of writer threads, never on the caller's
 *       thread; at most 65,536 sends or 4 MiB may wait for a peer that does not read, beyond which
 *       a send fails at once.</li>
 * </ul>
 *
 * <h2>Threading and lifecycle</h2>
 * Thread-safe: connect from any thread, any number of connections. Each connection's listener
 * calls run on that connection's own thread (named {@code auraxium-socket-N}), or, for a final
 * {@code onClose} caused by {@code abort()}, on the aborting thread; a listener that blocks holds
 * up only its own connection. {@link #close()} aborts every connection and stops the writer
 * threads; the connection threads end with their connections.
 */
public final class SocketTransport implements Transport {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration connectTimeout;
    private final Duration readCoalescing;
    private final Map<String, String> headers;
    private final AtomicLong oversizedMessages = new AtomicLong();
    private final SocketConnection.Settings settings;
    private final ExecutorService writers;
    private final OpenConnections<SocketConnection> connections = new OpenConnections<>(SocketConnection::abort);

    private SocketTransport(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        // One writer at a time per connection (its writes are chained), so at most one thread per
        // connection; idle writers end after 30 s.
        this.writers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "auraxium-socket-writer-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SSLContext tls = builder.sslContext;
        if (tls == null) {
            try {
                tls = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no default TLS context", e);
            }
        }
        this.readCoalescing = builder.readCoalescing;
        this.settings = new SocketConnection.Settings(connectTimeout, builder.closeTimeout, readCoalescing,
                builder.maxMessageChars,
                oversizedMessages, headers, tls, writers, new SecureRandom(), Clock.systemUTC());
    }

    /** @return a builder with the defaults: 10 s connect timeout, the JVM's trust store, no extra headers */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param options the connect timeout and headers to use
     * @return a new transport
     */
    public static SocketTransport create(TransportOptions options) {
        return builder().options(options).build();
    }

    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        BuilderChecks.connectArguments(uri, listener);
        if (connections.isClosed()) {
            return CompletableFuture.failedFuture(new TransportException("The socket transport is closed", null));
        }
        SocketConnection connection = new SocketConnection(uri, listener, settings, connections::remove);
        connections.add(connection);
        if (connections.isClosed()) {
            return connection.opened(); // aborted by the close that raced this connect
        }
        Thread reader = new Thread(connection::run, "auraxium-socket-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
        return connection.opened();
    }

    @Override
    public String name() {
        return "socket";
    }

    /** @return how long a connection attempt may take */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the largest text message a connection accepts, in characters */
    public int maxMessageChars() {
        return settings.maxMessageChars();
    }

    /**
     * Messages over {@link #maxMessageChars()} received so far, on every connection of this
     * transport. Each one closed its connection with 1009 and was logged once at WARNING.
     * Thread-safe.
     *
     * @return how many
     */
    public long oversizedMessages() {
        return oversizedMessages.get();
    }

    /** @return the read-coalescing delay ({@link Duration#ZERO} when off) */
    public Duration readCoalescing() {
        return readCoalescing;
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
        writers.shutdown();
    }

    @Override
    public String toString() {
        return "SocketTransport[connections=" + connections.size() + (connections.isClosed() ? ", closed]" : "]");
    }

    /**
     * Builds a {@link SocketTransport}. Not thread-safe; each setter checks its argument at once;
     * the shared settings are {@link TransportBuilder}'s.
     */
    public static final class Builder extends TransportBuilder<Builder> {
        /** The longest read-coalescing delay accepted. */
        public static final Duration MAX_READ_COALESCING = Duration.ofSeconds(1);
        private SSLContext sslContext;
        private Duration readCoalescing = Duration.ZERO;

        private Builder() {
        }

        /**
         * Pauses the connection's thread for {@code delay} after a read that emptied a slow stream
         * (under about a dozen events since the last pause), so that the messages arriving
         * meanwhile are read and handed to the listener together: one wake-up of the reader, and of
         * the client's dispatch thread, per pause instead of per message. Messages are delayed by
         * at most {@code delay}; a stream faster than a few kilobytes per pause is never paused,
         * and a quiet connection pauses once, then waits in {@code read} as usual.
         *
         * <p>At the live service's rate (a few hundred events a second) a delay of 50 ms cuts the
         * CPU time of a whole client process by about three quarters; ESS events are commonly a
         * second or more old when they arrive, so the delay is invisible to most uses. Off (zero)
         * by default.
         *
         * @param delay zero (off, the default) to {@link #MAX_READ_COALESCING}
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative or over the maximum
         */
        public Builder readCoalescing(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(MAX_READ_COALESCING) > 0) {
                throw new IllegalArgumentException("readCoalescing must be between 0 and " + MAX_READ_COALESCING.toMillis()
                        + " ms, was " + delay.toMillis() + " ms");
            }
            this.readCoalescing = delay;
            return this;
        }

        /**
         * Trusts the servers this TLS context trusts (for {@code wss://}); by default the JVM's
         * trust store decides. The server's name is checked against its certificate.
         *
         * @param context an initialised TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /** @return a new transport; close it when done */
        public SocketTransport build() {
            return new SocketTransport(this);
        }
    }
}
