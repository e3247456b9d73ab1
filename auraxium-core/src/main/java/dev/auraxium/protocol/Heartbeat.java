package dev.auraxium.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sent every 30 seconds: which world endpoints are online. The key set differs between backend
 * nodes (one kept reporting the closed world Briggs), so nothing may assume it.
 *
 * @param online endpoint name ({@code EventServerEndpoint_Connery_1}) to online flag, in frame
 *     order; unmodifiable
 * @param timestamp the server's clock (added in 2023); empty in older heartbeats
 */
public record Heartbeat(Map<String, Boolean> online, Optional<Instant> timestamp) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param online endpoint name ({@code EventServerEndpoint_Connery_1}) to online flag, in frame
     *     order; unmodifiable
     * @param timestamp the server's clock (added in 2023); empty in older heartbeats
     * @throws NullPointerException if a component is {@code null}
     */
    public Heartbeat {
        online = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(online, "online")));
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * @return world id to online flag, for every endpoint whose name holds a world id (read as
     *     {@link ServiceStateChanged#worldId()} reads it: both the name-first and the number-first
     *     spellings)
     */
    public Map<Integer, Boolean> worlds() {
        Map<Integer, Boolean> out = new LinkedHashMap<>();
        online.forEach((k, v) -> Endpoints.worldId(k).ifPresent(id -> out.put(id, v)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * @return world name ({@code "Connery"}, or the whole endpoint name when it has no world id)
     *     to online flag, as {@link ServiceStateChanged#worldName()} reads names
     */
    public Map<String, Boolean> worldNames() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        online.forEach((k, v) -> out.put(Endpoints.worldName(k), v));
        return Collections.unmodifiableMap(out);
    }
}
