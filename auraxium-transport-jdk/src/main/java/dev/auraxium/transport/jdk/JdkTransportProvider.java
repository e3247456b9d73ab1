package dev.auraxium.transport.jdk;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportOptions;
import dev.auraxium.transport.TransportProvider;

/**
 * Makes {@link JdkTransport}s; found by {@code ServiceLoader} under the name {@code "jdk"} with
 * priority 100. Stateless and thread-safe; each {@link #create(TransportOptions)} returns a new
 * transport with its own {@code HttpClient}, which the caller closes.
 *
 * <pre>{@code
 * try (Transport transport = new JdkTransportProvider().create(TransportOptions.DEFAULTS)) { ... }
 * }</pre>
 */
public final class JdkTransportProvider implements TransportProvider {
    /** The priority of this provider: 100. */
    public static final int PRIORITY = 100;

    /** Needed by {@code ServiceLoader}; cheap. */
    public JdkTransportProvider() {
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Transport create(TransportOptions options) {
        return JdkTransport.create(options);
    }
}
