package dev.auraxium.bench;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that never connects: lets a benchmark drive {@code EventClient.dispatch} without a
 * network, so that only matching and dispatch are measured.
 */
final class IdleTransport implements Transport {
    @Override
    public CompletableFuture<TransportConnection> connect(URI uri, TransportListener listener) {
        return new CompletableFuture<>();
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void close() {
    }
}
