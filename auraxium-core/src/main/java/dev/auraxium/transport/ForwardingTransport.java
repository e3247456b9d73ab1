package dev.auraxium.transport;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A base for transport decorators (metrics, logging, fault injection, rate limits): every method
 * forwards to a delegate transport, and {@link #decorate(TransportConnection)} and
 * {@link #decorate(TransportListener)} let a subclass wrap each connection and listener.
 *
 * <h2>The one rule a decorator must keep</h2>
 * The listener must receive <em>the same connection object</em> that the connect future returns:
 * the client keys its per-connection state by that object, so a listener called with the inner
 * connection while the client holds the wrapper (or the other way round) finds no state and drops
 * the messages. This class keeps the rule for you: {@link #connect(URI, TransportListener)} calls
 * {@link #decorate(TransportConnection)} exactly once per connection, and hands that one wrapper to
 * every listener call ({@code onOpen}, {@code onText}, {@code onClose}, {@code onError}) and to the
 * returned future. An override of {@code connect} should call {@code super.connect}.
 *
 * <pre>{@code
 * final class CountingTransport extends ForwardingTransport {
 *     final AtomicLong sent = new AtomicLong();
 *
 *     CountingTransport(Transport delegate) {
 *         super(delegate);
 *     }
 *
 *     protected TransportConnection decorate(TransportConnection connection) {
 *         return new ForwardingConnection(connection) {
 *             public CompletableFuture<Void> sendText(String text) {
 *                 sent.incrementAndGet();
 *                 return super.sendText(text);
 *             }
 *         };
 *     }
 * }
 * EventClient client = EventClient.builder().transport(new CountingTransport(JdkTransport.builder().build())).build();
 * }</pre>
 *
 * <h2>Lifecycle and threading</h2>
 * As the delegate's: it may be used from any thread; {@link #close()} closes the delegate.
 * {@code decorate} methods may run on any thread, the delegate's I/O thread included, and must
 * return quickly; the listener keeps the delegate's guarantees (one call at a time, in order).
 */
public abstract class ForwardingTransport implements Transport {
    private final Transport delegate;

    /**
     * @param delegate the transport that does the work
     */
    protected ForwardingTransport(Transport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the transport this one forwards to */
    protected final Transport delegate() {
        return delegate;
    }

    /**
     * Wraps a connection that the delegate opened; called once per connection. The default
     * returns it unchanged.
     *
     * @param connection the delegate's connection
     * @return the connection the client and the listener see, typically a {@link ForwardingConnection}
     */
    protected TransportConnection decorate(TransportConnection connection) {
        return connection;
    }

    /**
     * Wraps the client's listener, e.g. to observe or count messages; called once per
     * {@code connect}. The listener returned receives the decorated connection. The default returns
     * it unchanged.
     *
     * @param listener the client's listener
     * @return the listener to call
     */
    protected TransportListener decorate(TransportListener listener) {
        return listener;
    }

    /**
     * Connects through the delegate, decorating the connection once and passing that same object to
     * the listener and to the returned future.
     *
     * @param uri the URI
     * @param listener the client's listener
     * @return the decorated connection, once open
     */
    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        Objects.requireNonNull(uri, "uri");
        Bridge bridge = new Bridge(decorate(Objects.requireNonNull(listener, "listener")));
        return delegate.connect(uri, bridge).thenApply(bridge::wrapperOf);
    }

    /** @return the delegate's name */
    @Override
    public String name() {
        return delegate.name();
    }

    /** Closes the delegate. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }

    /** One connection's listener: decorates the delegate's connection once and always passes that wrapper. */
    private final class Bridge implements TransportListener {
        private final TransportListener listener;
        private TransportConnection inner;
        private TransportConnection wrapper;

        Bridge(TransportListener listener) {
            this.listener = listener;
        }

        /** Listener calls and the future's completion may come from different threads: guarded. */
        synchronized TransportConnection wrapperOf(TransportConnection connection) {
            if (wrapper == null) {
                inner = connection;
                wrapper = Objects.requireNonNull(decorate(connection), "decorate(TransportConnection) returned null");
            } else if (connection != inner && connection != wrapper) {
                throw new IllegalStateException("the delegate transport passed two connection objects for one connect");
            }
            return wrapper;
        }

        @Override
        public void onOpen(TransportConnection connection) {
            listener.onOpen(wrapperOf(connection));
        }

        @Override
        public void onText(TransportConnection connection, String message) {
            listener.onText(wrapperOf(connection), message);
        }

        @Override
        public void onClose(TransportConnection connection, int code, String reason) {
            listener.onClose(wrapperOf(connection), code, reason);
        }

        @Override
        public void onError(TransportConnection connection, Throwable error) {
            listener.onError(wrapperOf(connection), error);
        }
    }
}
