package dev.auraxium.transport.jdk.internal;

import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How both transports call a connection's {@link TransportListener}: one call at a time through a
 * {@link SerialExecutor} (some calls originate on user threads, e.g. an {@code abort()} that must
 * produce {@code onClose}), nothing after the final call ({@code onClose} or {@code onError}), and
 * an exception thrown by the listener logged instead of ending the stream. Thread-safe.
 */
final class ListenerCalls {
    private static final System.Logger LOG = System.getLogger("dev.auraxium.transport.jdk");

    private final TransportConnection connection;
    private final TransportListener listener;
    private final SerialExecutor delivery = new SerialExecutor();
    /** Only touched inside {@link #delivery} tasks. */
    private boolean finalCallMade;

    ListenerCalls(TransportConnection connection, TransportListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Calls {@code onOpen}, then completes {@code opened} with the connection. */
    void open(CompletableFuture<TransportConnection> opened) {
        delivery.execute(() -> {
            if (finalCallMade) {
                return;
            }
            try {
                listener.onOpen(connection);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener.onOpen threw; the connection stays open", e);
            }
            opened.complete(connection);
        });
    }

    /** Calls {@code onText}: inline when no other call is queued (no task object), else after them. */
    void text(String message) {
        if (delivery.tryEnter()) {
            try {
                textNow(message);
            } finally {
                delivery.exitAndDrain();
            }
        } else {
            delivery.execute(() -> textNow(message));
        }
    }

    private void textNow(String message) {
        if (!finalCallMade) {
            try {
                listener.onText(connection, message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener.onText threw; the stream goes on", e);
            }
        }
    }

    /** Makes the final call, once; later calls of any kind are dropped. */
    void last(Consumer<TransportListener> finalCall) {
        delivery.execute(() -> {
            if (finalCallMade) {
                return;
            }
            finalCallMade = true;
            try {
                finalCall.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "TransportListener's final callback threw", e);
            }
        });
    }
}
