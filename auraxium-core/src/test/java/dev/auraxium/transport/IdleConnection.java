package dev.auraxium.transport;

import java.util.concurrent.CompletableFuture;

/**
 * A connection for unit tests where only its identity matters: always open, sends and closes
 * succeed at once and go nowhere, and it never delivers anything. Thread-safe (it has no state).
 */
public final class IdleConnection implements TransportConnection {
    private final String name;

    /** @param name what {@link #toString()} says, for failure messages */
    public IdleConnection(String name) {
        this.name = name;
    }

    @Override
    public CompletableFuture<Void> sendText(String text) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void request(long n) {
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abort() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
