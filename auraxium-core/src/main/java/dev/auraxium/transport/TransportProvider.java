package dev.auraxium.transport;

/**
 * Supplies a {@link Transport}; found with {@link java.util.ServiceLoader} (declare it with
 * {@code provides dev.auraxium.transport.TransportProvider with ...} in {@code module-info} and in
 * {@code META-INF/services/dev.auraxium.transport.TransportProvider}).
 *
 * <p>The client chooses a transport in this order: a transport given to its builder; else the
 * provider whose {@link #name()} equals the system property {@code auraxium.transport}; else the
 * provider with the highest {@link #priority()} (ties broken by name). A provider that fails to
 * load is reported and skipped. When none is found the client's {@code build()} fails with a
 * message naming the {@code auraxium-transport-jdk} artifact.
 *
 * <p>Implementations must have a public no-argument constructor and be cheap to construct.
 */
public interface TransportProvider {

    /** @return a short unique name, e.g. {@code "jdk"}, used by the {@code auraxium.transport} property */
    String name();

    /** @return the preference when several providers are found: higher wins */
    int priority();

    /**
     * @param options connection options chosen by the client's user
     * @return a new transport; the caller closes it
     */
    Transport create(TransportOptions options);
}
