package dev.auraxium.transport.jdk.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The connections a transport opened and has not seen end, so that closing the transport can
 * abort them; a connection added while the transport closes is aborted too. Thread-safe.
 *
 * @param <C> the transport's connection type
 */
public final class OpenConnections<C> {
    private static final String CLOSED = "the transport was closed";

    private final Set<C> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BiConsumer<C, String> abort;

    /** @param abort aborts a connection with a reason */
    public OpenConnections(BiConsumer<C, String> abort) {
        this.abort = abort;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Tracks a new connection; aborts it at once when the transport is (being) closed.
     *
     * @param connection the connection, not yet opened
     */
    public void add(C connection) {
        open.add(connection);
        if (closed.get()) { // close() may have missed the connection just added
            abort.accept(connection, CLOSED);
        }
    }

    /** @param connection a connection that ended or failed to open */
    public void remove(C connection) {
        open.remove(connection);
    }

    /** @return how many are open */
    public int size() {
        return open.size();
    }

    /** @return false when already closed; else aborts every connection and returns true */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        for (C connection : List.copyOf(open)) {
            abort.accept(connection, CLOSED);
        }
        return true;
    }
}
