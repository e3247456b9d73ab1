package dev.auraxium.testkit;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.Subscription;
import java.util.Objects;

/**
 * The state of one connection of a {@link FakeEssServer} at the moment
 * {@link FakeEssServer#connections()} was called. Immutable; it does not change as the connection
 * does.
 *
 * @param id the server-assigned connection id, unique for the server's lifetime, ascending
 * @param environment the {@code environment} the client connected with; {@link Environment#PS2} for
 *     a connection with {@code environment=all} (see {@link #allEnvironments()})
 * @param serviceId the client's service id, redacted (e.g. {@code s:ab…(12 chars)}); the whole id
 *     is a credential and is never exposed
 * @param subscription the connection's current subscription as the server holds it
 * @param open whether the connection is still open
 * @param stalled whether a stall fault keeps the server silent on it
 * @param framesSent ESS messages the server has sent on it (faults included)
 * @param pendingBytes what the server queued for the client but could not hand over yet, because
 *     the client is not reading (TCP flow control holds it back) or, with {@link InMemoryTransport},
 *     has not requested it; counted in chars of text, a lower bound of the UTF-8 bytes. A backlog
 *     that grows while the client's queue stays bounded shows that back-pressure works.
 * @param allEnvironments whether the client connected with {@code environment=all}, which only the
 *     {@link EssFlavour#NSS} flavour accepts: PC and PS4 worlds on one connection
 */
public record ConnectionSnapshot(long id, Environment environment, String serviceId, Subscription subscription,
        boolean open, boolean stalled, long framesSent, long pendingBytes, boolean allEnvironments) {
    public ConnectionSnapshot {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(subscription, "subscription");
    }
}
