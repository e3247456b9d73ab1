package dev.auraxium.transport.jdk;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;

/**
 * Makes {@link SocketTransport}s; found by {@code ServiceLoader} under the name {@code "socket"}
 * with priority 50, below {@link JdkTransportProvider}, so the client uses it only when asked:
 * {@code -Dauraxium.transport=socket}. Stateless and thread-safe.
 */
public final class SocketTransportProvider implements TransportProvider {
    /** The priority of this provider: 50. */
    public static final int PRIORITY = 50;

    /** Needed by {@code ServiceLoader}; cheap. */
    public SocketTransportProvider() {
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Transport create(TransportOptions options) {
        return SocketTransport.create(options);
    }
}
