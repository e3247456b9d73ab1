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
 * @param environment the {@code environment} the client connected with
 * @param serviceId the client's service id, redacted (e.g. {@code s:ab…(12 chars)}); the whole id
 *     is a credential and is never exposed
 * @param subscription the connection's current subscription as the server holds it
 * @param open whether the connection is still open
 * @param stalled whether a stall fault keeps the server silent on it
 * @param framesSent ESS messages the server has sent on it (faults included)
 */
public record ConnectionSnapshot(long id, Environment environment, String serviceId, Subscription subscription,
        boolean open, boolean stalled, long framesSent) {
    public ConnectionSnapshot {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(subscription, "subscription");
    }
}
