package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.Environment;
import dev.auraxium.testkit.EssFlavour;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checked, immutable configuration of a fake ESS, built by {@code FakeEssServer.Builder}.
 *
 * @param heartbeatInterval the heartbeat period, or empty when heartbeats are disabled
 * @param firstHeartbeat the delay before a connection's first heartbeat, or empty for the flavour's
 * @param heartbeatTimestamps whether heartbeats carry {@code timestamp}
 * @param endpoints endpoint name to online flag, in report order
 * @param environments accepted {@code environment} values
 * @param serviceIdPolicy which {@code service-id} values are accepted
 * @param bindAddress where the WebSocket server listens
 * @param port the port, 0 for any free one
 * @param crossEnvironment whether every world goes to every connection, whatever its environment
 *     (as through the Nanite Systems proxy) instead of only to its own environment's connections
 * @param flavour which real server to play
 * @param heartbeatPhase the node phase of Daybreak heartbeats, in [0, interval), relative to the start
 * @param tls whether to serve {@code wss://} with the test kit's certificate
 */
public record EssSettings(Optional<Duration> heartbeatInterval, Optional<Duration> firstHeartbeat,
        boolean heartbeatTimestamps,
        Map<String, Boolean> endpoints, Set<Environment> environments, Predicate<String> serviceIdPolicy,
        InetAddress bindAddress, int port, boolean crossEnvironment, EssFlavour flavour, Duration heartbeatPhase,
        boolean tls) {
    public EssSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(firstHeartbeat, "firstHeartbeat");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(heartbeatPhase, "heartbeatPhase");
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        environments = Set.copyOf(environments);
        Objects.requireNonNull(serviceIdPolicy, "serviceIdPolicy");
        Objects.requireNonNull(bindAddress, "bindAddress");
    }
}
