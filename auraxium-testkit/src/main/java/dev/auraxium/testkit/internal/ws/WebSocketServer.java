package dev.auraxium.testkit.internal.ws;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;

/**
 * A small RFC 6455 WebSocket server on a real socket: the transport under the test kit's fake ESS.
 *
 * <h2>Lifecycle</h2>
 * {@link #start} binds (127.0.0.1, port 0 by default) and starts accepting at once. {@link #close()} is
 * idempotent: it stops accepting, sends close 1001 to every open connection, waits a short bounded
 * time for the close handshakes, aborts what remains, and returns once every thread the server started
 * has ended (each join bounded; a handler callback that never returns is logged, not waited for).
 *
 * <h2>Threading</h2>
 * One accept thread; per connection one reader thread (handshake, frames, handler calls) and one writer
 * thread (batched writes). All are named {@code auraxium-ws-<port>-…}, daemon platform threads.
 * See {@link WebSocketHandler} and {@link WsConnection} for the callback and send contracts.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.start(WebSocketServer.Config.defaults(), handler)) {
 *     URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/streaming");
 *     ...
 * }
 * }</pre>
 */
public final class WebSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Duration JOIN_BOUND = Duration.ofSeconds(5);

    private final Config config;
    private final WebSocketHandler handler;
    private final ServerSocket serverSocket;
    private final String threadPrefix;
    private final Map<Long, ServerConnection> connections = new ConcurrentHashMap<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Object lifecycle = new Object();
    private boolean closed; // guarded by lifecycle

    private WebSocketServer(Config config, WebSocketHandler handler, ServerSocket serverSocket) {
        this.config = config;
        this.handler = handler;
        this.serverSocket = serverSocket;
        this.threadPrefix = "auraxium-ws-" + serverSocket.getLocalPort();
    }

    /**
     * Binds and starts accepting connections.
     *
     * @param config where to bind and the limits
     * @param handler the application
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static WebSocketServer start(Config config, WebSocketHandler handler) throws IOException {
        return start(config, handler, ServerSocketFactory.getDefault());
    }

    /**
     * Binds and starts accepting connections on sockets from {@code sockets}, e.g. TLS server
     * sockets for {@code wss://}.
     *
     * @param config where to bind and the limits
     * @param handler the application
     * @param sockets makes the (unbound) listening socket
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static WebSocketServer start(Config config, WebSocketHandler handler, ServerSocketFactory sockets)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        ServerSocket socket = sockets.createServerSocket();
        try {
            socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        WebSocketServer server = new WebSocketServer(config, handler, socket);
        if (server.startThread(server.threadPrefix + "-accept", server::acceptLoop) == null) {
            socket.close();
            throw new IllegalStateException("could not start the accept thread");
        }
        return server;
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
    }

    /** @return the bound port */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** @return this server's configuration */
    public Config config() {
        return config;
    }

    /** @return the open connections, oldest first, as a snapshot */
    public List<WsConnection> connections() {
        List<WsConnection> open = new ArrayList<>();
        connections.values().stream()
                .filter(ServerConnection::isOpen)
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(open::add);
        return List.copyOf(open);
    }

    /** @return how many TCP connections were accepted so far (handshake or not) */
    public long acceptedCount() {
        return accepted.get();
    }

    /** @return how many handler callbacks threw so far */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** @return the name prefix of every thread this server starts, e.g. {@code auraxium-ws-41234} */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the server socket failed", e);
        }
        List<ServerConnection> all = new ArrayList<>(connections.values());
        for (ServerConnection c : all) {
            if (c.isOpen()) {
                c.close(WsProtocol.CLOSE_GOING_AWAY, "server shutting down");
            } else if (c.isHandshaking()) {
                c.abort("server shutting down");
            }
        }
        long deadline = System.nanoTime() + Math.min(SHUTDOWN_GRACE.toNanos(), config.handshakeTimeout().toNanos());
        for (ServerConnection c : all) {
            try {
                if (!c.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    c.abort("server shutting down");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.abort("server shutting down");
            }
        }
        long joinDeadline = System.nanoTime() + JOIN_BOUND.toNanos();
        for (Thread t : new ArrayList<>(threads)) {
            try {
                t.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.log(Level.WARNING, () -> t.getName() + " did not end within " + JOIN_BOUND
                        + " of close(); is a handler callback blocked?");
            }
        }
    }

    @Override
    public String toString() {
        return "WebSocketServer[" + address() + ", " + connections.size() + " connections]";
    }

    // ---------------------------------------------------------------- for connections

    /** Starts a named daemon thread tracked for {@link #close()}; null once the server is closed. */
    Thread startThread(String name, Runnable body) {
        synchronized (lifecycle) {
            if (closed) {
                return null;
            }
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } finally {
                    threads.remove(Thread.currentThread());
                }
            }, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
            return thread;
        }
    }

    void removed(ServerConnection connection) {
        connections.remove(connection.id(), connection);
    }

    void handlerFailed() {
        handlerFailures.incrementAndGet();
    }

    // ---------------------------------------------------------------- accept thread

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                if (isClosed()) {
                    return;
                }
                LOG.log(Level.WARNING, "accept failed; going on", e);
                continue;
            }
            accepted.incrementAndGet();
            long id = nextId.getAndIncrement();
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                // an option we cannot set on a socket that is already broken: the reader will see it
            }
            ServerConnection connection = new ServerConnection(this, handler, id, socket, threadPrefix + "-conn-" + id);
            connections.put(id, connection);
            if (startThread(threadPrefix + "-conn-" + id + "-reader", connection::run) == null) {
                connections.remove(id);
                connection.closeSocket();
                return;
            }
        }
    }

    /**
     * Where the server binds and its limits. Immutable; {@code withX} methods return changed copies.
     *
     * <pre>{@code
     * Config config = Config.defaults().withMaxMessageBytes(1 << 20).withHandshakeTimeout(Duration.ofSeconds(2));
     * }</pre>
     *
     * @param bindAddress the local address, 127.0.0.1 by default
     * @param port the port, 0 (any free one) by default
     * @param maxMessageBytes the largest message accepted from a client (larger: close 1009), 16 MiB
     * @param maxPendingBytesPerConnection queued outgoing bytes above which a connection is aborted, 64 MiB
     * @param handshakeTimeout the bound on reading the upgrade request, also used for the close handshake, 5 s
     */
    public record Config(
            InetAddress bindAddress,
            int port,
            int maxMessageBytes,
            int maxPendingBytesPerConnection,
            Duration handshakeTimeout) {

        /** Default largest client message: 16 MiB. */
        public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
        /** Default send-queue limit per connection: 64 MiB. */
        public static final int DEFAULT_MAX_PENDING_BYTES = 64 * 1024 * 1024;
        /** Default handshake (and close) timeout: 5 s. */
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

        /** Checks every value and names the bad one. */
        public Config {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            if (maxMessageBytes <= 0) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
            }
            if (maxPendingBytesPerConnection <= 0) {
                throw new IllegalArgumentException(
                        "maxPendingBytesPerConnection must be positive, was " + maxPendingBytesPerConnection);
            }
            if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, was " + handshakeTimeout);
            }
        }

        /** @return 127.0.0.1, port 0, 16 MiB messages, 64 MiB pending, 5 s handshake */
        public static Config defaults() {
            return new Config(InetAddress.getLoopbackAddress(), 0, DEFAULT_MAX_MESSAGE_BYTES,
                    DEFAULT_MAX_PENDING_BYTES, DEFAULT_HANDSHAKE_TIMEOUT);
        }

        /** @param address the local address to bind @return a changed copy */
        public Config withBindAddress(InetAddress address) {
            return new Config(address, port, maxMessageBytes, maxPendingBytesPerConnection, handshakeTimeout);
        }

        /** @param newPort the port, 0 for any free one @return a changed copy */
        public Config withPort(int newPort) {
            return new Config(bindAddress, newPort, maxMessageBytes, maxPendingBytesPerConnection, handshakeTimeout);
        }

        /** @param bytes the largest client message @return a changed copy */
        public Config withMaxMessageBytes(int bytes) {
            return new Config(bindAddress, port, bytes, maxPendingBytesPerConnection, handshakeTimeout);
        }

        /** @param bytes the send-queue limit per connection @return a changed copy */
        public Config withMaxPendingBytesPerConnection(int bytes) {
            return new Config(bindAddress, port, maxMessageBytes, bytes, handshakeTimeout);
        }

        /** @param timeout the handshake and close bound @return a changed copy */
        public Config withHandshakeTimeout(Duration timeout) {
            return new Config(bindAddress, port, maxMessageBytes, maxPendingBytesPerConnection, timeout);
        }
    }
}
