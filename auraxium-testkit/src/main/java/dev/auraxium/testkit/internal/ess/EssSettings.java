package dev.auraxium.testkit.internal.ess;

import dev.auraxium.event.Environment;
import dev.auraxium.testkit.EssFlavour;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 * @param heartbeatPhase the node phase of Daybreak heartbeats, in [0, interval), relative to the start;
 *     the canonical constructor draws one at random when given {@code null}
 * @param tls whether to serve {@code wss://} with the test kit's certificate
 */
public record EssSettings(Optional<Duration> heartbeatInterval, Optional<Duration> firstHeartbeat,
        boolean heartbeatTimestamps,
        Map<String, Boolean> endpoints, Set<Environment> environments, Predicate<String> serviceIdPolicy,
        InetAddress bindAddress, int port, boolean crossEnvironment, EssFlavour flavour, Duration heartbeatPhase,
        boolean tls) {
    /** The endpoints each environment reports by default, as the live service spells them. */
    public static final Map<Environment, List<String>> DEFAULT_ENDPOINTS = Map.of(
            Environment.PS2, List.of("EventServerEndpoint_Connery_1", "EventServerEndpoint_Miller_10",
                    "EventServerEndpoint_Cobalt_13", "EventServerEndpoint_Emerald_17", "EventServerEndpoint_Jaeger_19",
                    "EventServerEndpoint_Soltech_40"),
            Environment.PS2PS4US, List.of("EventServerEndpoint_Genudine_1000"),
            Environment.PS2PS4EU, List.of("EventServerEndpoint_Ceres_2000"));

    /**
     * @param endpoint an endpoint name
     * @return the name, checked: not null, not blank
     */
    public static String checkEndpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        return endpoint;
    }

    public EssSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(firstHeartbeat, "firstHeartbeat");
        Objects.requireNonNull(flavour, "flavour");
        Duration period = heartbeatInterval.orElse(Duration.ofSeconds(30));
        if (heartbeatPhase == null) {
            heartbeatPhase = Duration.ofNanos(ThreadLocalRandom.current().nextLong(period.toNanos()));
        } else if (heartbeatInterval.isPresent() && heartbeatPhase.compareTo(period) >= 0) {
            throw new IllegalArgumentException("heartbeat phase " + heartbeatPhase
                    + " must be less than the heartbeat interval " + period);
        }
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        environments = Set.copyOf(environments);
        Objects.requireNonNull(serviceIdPolicy, "serviceIdPolicy");
        Objects.requireNonNull(bindAddress, "bindAddress");
    }
}
