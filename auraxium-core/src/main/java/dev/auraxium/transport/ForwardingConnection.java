package dev.auraxium.transport;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A connection that forwards every method to another one: extend it and override what your
 * decorator changes. Return it from {@link ForwardingTransport#decorate(TransportConnection)},
 * which makes sure the listener sees this same object.
 *
 * <p>Threading: as the delegate's; every method may be called from any thread.
 */
public abstract class ForwardingConnection implements TransportConnection {
    private final TransportConnection delegate;

    /**
     * @param delegate the connection that does the work
     */
    protected ForwardingConnection(TransportConnection delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the connection this one forwards to */
    protected final TransportConnection delegate() {
        return delegate;
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return delegate.sendText(text);
    }

    @Override
    public void request(long n) {
        delegate.request(n);
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        return delegate.close(code, reason);
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
