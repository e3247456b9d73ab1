package dev.auraxium.transport;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections. One transport serves any number of connections, from any thread.
 *
 * <p>Lifecycle: created by a {@link TransportProvider} (or by the user), used by one client, closed
 * by {@link #close()} which aborts every connection it opened and releases its threads.
 */
public interface Transport extends AutoCloseable {

    /**
     * Opens a connection. The returned future completes once the WebSocket handshake succeeded,
     * after {@link TransportListener#onOpen(TransportConnection)} returned. It fails with a
     * {@link TransportException} when the handshake fails (carrying the HTTP status when there was
     * one), on a timeout, or on an I/O error; the listener is then not called at all.
     *
     * @param uri the {@code ws://} or {@code wss://} URI, query included
     * @param listener receives the connection's messages; see its threading contract
     * @return the connection, once open
     */
    CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener);

    /** @return a short name for logs, e.g. {@code "jdk"} */
    String name();

    /** Aborts every open connection and releases resources. Idempotent. */
    @Override
    void close();
}
